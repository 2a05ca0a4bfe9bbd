import type { Migration } from '../db.js';

/** Kiosk identity and first-start facts, kept across restarts. */
export const m001Init: Migration = {
  version: 1,
  name: 'init',
  up: (db) => {
    db.exec(`
      CREATE TABLE kiosk_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
