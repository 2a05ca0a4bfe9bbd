import type { Migration } from '../db.js';

/**
 * The outbox: applications submitted at the kiosk and their files, waiting for (or done with)
 * the central approval API. Personal data lives only in the encrypted `payload` and `data`
 * columns (AES-256-GCM, see electron/service/outbox/crypto.ts); the other columns hold what a
 * reprint and an audit need and are kept after the personal data has been purged.
 */
export const m010Outbox: Migration = {
  version: 10,
  name: 'outbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE outbox_applications (
        local_reference   TEXT PRIMARY KEY,
        idempotency_key   TEXT NOT NULL UNIQUE,
        item_code         TEXT NOT NULL,
        item_version      INTEGER NOT NULL,
        state             TEXT NOT NULL CHECK (state IN ('pending', 'forwarded', 'refused')),
        created_at        INTEGER NOT NULL,
        next_attempt_at   INTEGER NOT NULL,
        attempts          INTEGER NOT NULL DEFAULT 0,
        last_error        TEXT,
        last_error_at     INTEGER,
        application_id    TEXT,
        tracking_number   TEXT,
        status            TEXT,
        forwarded_at      INTEGER,
        purge_after       INTEGER,
        purged_at         INTEGER,
        key_id            TEXT NOT NULL,
        payload           BLOB,
        receipt           TEXT NOT NULL,
        audit             TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_applications_due ON outbox_applications (state, next_attempt_at);
      CREATE INDEX outbox_applications_purge ON outbox_applications (purge_after)
        WHERE purged_at IS NULL;

      CREATE TABLE outbox_files (
        local_reference TEXT NOT NULL REFERENCES outbox_applications (local_reference),
        position        INTEGER NOT NULL,
        media_type      TEXT NOT NULL,
        sha256          TEXT NOT NULL,
        size            INTEGER NOT NULL,
        pages           INTEGER NOT NULL,
        file_id         TEXT,
        uploaded_at     INTEGER,
        data            BLOB,
        PRIMARY KEY (local_reference, position)
      ) STRICT;
    `);
  },
};
