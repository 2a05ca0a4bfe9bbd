import type { Migration } from '../db.js';

/**
 * The catalogue cache: item summaries for search (with their pinyin, computed once when
 * cached) and full item records fetched with their ETag, so the kiosk serves items offline.
 */
export const m011Catalogue: Migration = {
  version: 11,
  name: 'catalogue-cache',
  up: (db) => {
    db.exec(`
      CREATE TABLE catalogue_summaries (
        implement_code  TEXT PRIMARY KEY,
        version         INTEGER NOT NULL,
        summary         TEXT NOT NULL,
        search_text     TEXT NOT NULL,
        pinyin_full     TEXT NOT NULL,
        pinyin_initials TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalogue_items (
        implement_code TEXT PRIMARY KEY,
        version        INTEGER NOT NULL,
        etag           TEXT NOT NULL,
        record         TEXT NOT NULL,
        fetched_at     INTEGER NOT NULL,
        checked_at     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE catalogue_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
