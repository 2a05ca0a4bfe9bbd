import type { Migration } from '../db.js';

/**
 * Receipts whose print failed, kept for a reprint (electron/service/devices/printer-kept.ts).
 *
 * `document` is the laid-out receipt (blocks of text, QR, barcode) as JSON. The layout has
 * already masked the applicant's name and identifier with the one masking rule, so no column
 * holds unmasked personal data; the unmasked `ReceiptContent` is never stored.
 *
 * A row that is reprinted, discarded by staff or dropped beyond the cap is not deleted: its
 * `document` is cleared and `resolution` / `resolved_at` say what happened, so an audit can
 * match the staff action in `audit_log` to the receipt, its failure and its attempts. Only
 * the newest resolved rows are kept (the cap is in printer-kept.ts).
 */
export const m002KeptReceipts: Migration = {
  version: 2,
  name: 'printer-kept-receipts',
  up: (db) => {
    db.exec(`
      CREATE TABLE printer_kept_receipts (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL CHECK (kind IN ('final', 'provisional', 'test')),
        reference       TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        document        TEXT CHECK (document IS NULL OR json_valid(document)),
        failure_code    TEXT NOT NULL,
        failure_stage   TEXT NOT NULL CHECK (failure_stage IN ('before', 'sending', 'after')),
        failure_printed TEXT NOT NULL CHECK (failure_printed IN ('no', 'partly', 'unknown')),
        failure_message TEXT NOT NULL,
        attempts        INTEGER NOT NULL CHECK (attempts >= 1),
        last_attempt_at TEXT NOT NULL,
        resolution      TEXT CHECK (resolution IN ('reprinted', 'discarded', 'dropped')),
        resolved_at     TEXT,
        CHECK ((resolution IS NULL) = (resolved_at IS NULL)),
        CHECK ((resolution IS NULL) = (document IS NOT NULL))
      ) STRICT;
      CREATE INDEX printer_kept_receipts_open ON printer_kept_receipts (seq)
        WHERE resolution IS NULL;
    `);
  },
};
