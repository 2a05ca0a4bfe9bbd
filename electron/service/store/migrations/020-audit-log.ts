import type { Migration } from '../db.js';

/**
 * The append-only, hash-chained audit log (electron/service/audit/audit-log.ts). Triggers
 * refuse UPDATE and DELETE so no code path of the service can rewrite history; the hash chain
 * is what detects an edit made around SQLite (another tool, a copied file).
 */
export const m020AuditLog: Migration = {
  version: 20,
  name: 'audit-log',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        role       TEXT NOT NULL,
        action     TEXT NOT NULL,
        outcome    TEXT NOT NULL,
        details    TEXT NOT NULL,
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
