import type { Migration } from '../db.js';

/**
 * Who an outbox application belongs to, without storing who: a keyed digest (HMAC-SHA256 with
 * a subkey of the outbox key, electron/service/outbox/holder-index.ts) of the applicant's code
 * and of the agent's ID number. A card placed on the status screen finds its applications here
 * without opening anyone else's sealed row. Rows go when the application's personal data is
 * purged.
 */
export const m012OutboxHolders: Migration = {
  version: 12,
  name: 'outbox-holders',
  up: (db) => {
    db.exec(`
      CREATE TABLE outbox_holders (
        local_reference TEXT NOT NULL
          REFERENCES outbox_applications (local_reference) ON DELETE CASCADE,
        digest          TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('applicant', 'agent')),
        PRIMARY KEY (local_reference, role)
      ) STRICT;
      CREATE INDEX outbox_holders_digest ON outbox_holders (digest);
    `);
  },
};
