/**
 * The sandbox's SQLite store (better-sqlite3, WAL). Schema changes are numbered migrations;
 * `user_version` records how far a data directory has come. Records whose shape the spec
 * already fixes are stored as JSON next to the columns that queries need.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS: readonly string[] = [
  // 1: everything the first version of the API needs.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE items (
    implement_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    latest INTEGER NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    keywords TEXT NOT NULL,
    category TEXT NOT NULL,
    region_code TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (implement_code, version)
  );
  CREATE INDEX items_latest ON items (latest, category, region_code);

  CREATE TABLE documents (
    document_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    license_type TEXT,
    holder_type TEXT NOT NULL,
    holder_code TEXT NOT NULL,
    valid_until TEXT,
    record TEXT NOT NULL
  );
  CREATE INDEX documents_holder ON documents (holder_code);

  CREATE TABLE document_access (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    action TEXT NOT NULL,
    document_id TEXT,
    holder_code TEXT,
    purpose TEXT NOT NULL
  );

  CREATE TABLE derived_copies (
    derived_copy_id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    record TEXT NOT NULL
  );

  CREATE TABLE agent_links (
    person_code TEXT NOT NULL,
    enterprise_code TEXT NOT NULL,
    PRIMARY KEY (person_code, enterprise_code)
  );

  CREATE TABLE files (
    file_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (terminal_id, sha256)
  );

  CREATE TABLE nonces (
    key_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (key_id, nonce)
  );

  CREATE TABLE idempotency (
    terminal_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    status INTEGER,
    headers TEXT,
    body TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, idempotency_key)
  );

  CREATE TABLE applications (
    application_id TEXT PRIMARY KEY,
    tracking_number TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    applicant_code TEXT NOT NULL,
    agent_code TEXT,
    status TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    next_step_at INTEGER,
    request TEXT NOT NULL,
    state TEXT NOT NULL
  );
  CREATE INDEX applications_applicant ON applications (applicant_code, submitted_at);
  CREATE INDEX applications_agent ON applications (agent_code, submitted_at);
  CREATE INDEX applications_due ON applications (next_step_at);

  CREATE TABLE permits (
    permit_number TEXT PRIMARY KEY,
    application_id TEXT,
    code TEXT NOT NULL,
    record TEXT NOT NULL
  );

  CREATE TABLE batches (
    gtin TEXT NOT NULL,
    batch TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (gtin, batch)
  );

  CREATE TABLE flow_events (
    id INTEGER PRIMARY KEY,
    gtin TEXT NOT NULL,
    batch TEXT NOT NULL,
    at TEXT NOT NULL,
    permit_number TEXT,
    record TEXT NOT NULL
  );
  CREATE INDEX flow_events_batch ON flow_events (gtin, batch, at);
  CREATE INDEX flow_events_permit ON flow_events (permit_number);

  CREATE TABLE ratings (
    rating_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    record TEXT NOT NULL
  );

  CREATE TABLE heartbeats (
    terminal_id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    record TEXT NOT NULL
  );
  `,
  // 2: catalogue search reads only this covering index, never the large record column,
  // until it has picked its page.
  `
  CREATE INDEX items_search ON items (latest, implement_code, region_code, category, name_zh, name_en, keywords);
  `,
  // 3: one-time sign-in tokens of the government app (issued by the sandbox playing the app).
  `
  CREATE TABLE app_identity_tokens (
    token TEXT PRIMARY KEY,
    person_code TEXT NOT NULL,
    app_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at TEXT
  );
  `,
];

export const DB_FILE_NAME = 'sandbox.sqlite';

export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
