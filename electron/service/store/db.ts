/**
 * The kiosk's SQLite store (better-sqlite3): catalogue cache, outbox, receipts for reprint and
 * the audit log, each added by its domain as a numbered migration. WAL with full sync, so a
 * committed transaction survives power loss.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../../drivers/common/logger.js';

export type Db = Database.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Db) => void;
}

export interface StoreOptions {
  readonly path: string;
  readonly migrations: readonly Migration[];
  readonly logger: Logger;
}

export function openStore({ path, migrations, logger }: StoreOptions): Db {
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) {
    throw new Error(`duplicate migration numbers: ${versions.join(', ')}`);
  }
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT;
  `);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...versions);
  if (newest > known) {
    db.close();
    throw new Error(
      `the database at ${path} has schema version ${newest}, newer than this build knows (${known}); ` +
        'run the newer build or restore a backup',
    );
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    logger.info({ event: 'store.migrated', version: migration.version, migration: migration.name });
  }
  return db;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}
