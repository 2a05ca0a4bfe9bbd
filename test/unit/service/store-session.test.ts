import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturingLogger, silentLogger } from '../../../drivers/common/logger.js';
import { EventBus } from '../../../electron/service/events.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { SessionManager } from '../../../electron/service/session/session.js';
import { type Migration, openStore, schemaVersion } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

describe('store', () => {
  it('applies numbered migrations once, in WAL with full sync', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'k.db');
    const db = openStore({ path, migrations: MIGRATIONS, logger: silentLogger });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    db.close();
    const again = openStore({ path, migrations: MIGRATIONS, logger: silentLogger });
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    again.close();
  });

  it('refuses duplicate numbers and databases newer than the build', () => {
    const dup: Migration = { version: 1, name: 'again', up: () => {} };
    expect(() =>
      openStore({ path: ':memory:', migrations: [...MIGRATIONS, dup], logger: silentLogger }),
    ).toThrow(/duplicate/);
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'k.db');
    const future: Migration = { version: 999, name: 'future', up: () => {} };
    openStore({ path, migrations: [...MIGRATIONS, future], logger: silentLogger }).close();
    expect(() => openStore({ path, migrations: MIGRATIONS, logger: silentLogger })).toThrow(
      /newer than this build/,
    );
  });

  it('rolls back a failing migration whole', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'k.db');
    const broken: Migration = {
      version: 500,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() =>
      openStore({ path, migrations: [...MIGRATIONS, broken], logger: silentLogger }),
    ).toThrow('boom');
    const db = openStore({ path, migrations: MIGRATIONS, logger: silentLogger });
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toBeUndefined();
    db.close();
  });
});

describe('applicant session', () => {
  const identity = {
    kind: 'person' as const,
    source: 'id-card' as const,
    documentType: 'resident',
    idNumber: '11010519491231002X',
    name: '赵小芳',
  };

  it('shows the renderer masked data only and wipes everything on end', () => {
    const logger = capturingLogger();
    const bus = new EventBus(logger);
    const sent: unknown[] = [];
    bus.subscribe(newConnection('in-process'), (f) => sent.push(f.payload));
    const sessions = new SessionManager(bus, logger);

    sessions.identify(identity);
    sessions.active!.data.set('draft', { any: 'thing' });
    expect(sent.at(-1)).toMatchObject({
      applicant: { nameMasked: '赵**', idNumberMasked: '110***********002X' },
    });
    expect(JSON.stringify(sent)).not.toContain('11010519491231002X');
    expect(JSON.stringify(sent)).not.toContain('赵小芳');

    const session = sessions.active!;
    expect(sessions.end('timeout')).toBe(true);
    expect(sessions.active).toBeUndefined();
    expect(session.applicant).toBeUndefined();
    expect(session.data.size).toBe(0);
    expect(sent.at(-1)).toBeNull();
    expect(JSON.stringify(logger.lines)).not.toMatch(/11010519491231002X|赵小芳/);
  });

  it('replaces the applicant when a second card is read, if configured', () => {
    const bus = new EventBus(silentLogger);
    const replacing = new SessionManager(bus, silentLogger, { replaceOnNewIdentity: true });
    replacing.identify(identity);
    const first = replacing.active!.id;
    expect(replacing.identify({ ...identity, name: '钱二' })).toEqual({
      started: true,
      replaced: true,
    });
    expect(replacing.active!.id).not.toBe(first);

    const keeping = new SessionManager(bus, silentLogger, { replaceOnNewIdentity: false });
    keeping.identify(identity);
    expect(keeping.identify({ ...identity, name: '钱二' })).toEqual({
      started: false,
      replaced: false,
    });
    expect(keeping.active!.applicant!.name).toBe('赵小芳');
  });
});
