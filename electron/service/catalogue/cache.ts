/**
 * The catalogue cache: the kiosk keeps every item summary (for search) and each item record
 * it has opened (with the record's ETag) in SQLite, so it can serve items when the central
 * API is down. Records are revalidated with `If-None-Match`; whatever is served from the
 * cache after a failed check, or after `staleAfterMs` without a successful one, is marked
 * stale so the screen can say so.
 */
import { silentLogger, type Logger } from '../../../drivers/common/logger.js';
import type { ApprovalClient, Schemas } from '../approval/client.js';
import type { Db } from '../store/db.js';
import { matchScore, searchKeys, type SearchKeys } from './search.js';

export type ItemRecord = Schemas['ItemRecord'];
export type ItemSummary = Schemas['ItemSummary'];

export type CatalogueClient = Pick<ApprovalClient, 'listItems' | 'getItem'>;

export interface CatalogueOptions {
  /** A cached record older than this without a successful check is stale, milliseconds. */
  readonly staleAfterMs: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface CachedItem {
  readonly item: ItemRecord;
  readonly etag: string;
  /** When the record was last confirmed current by the central API (ISO). */
  readonly checkedAt: string;
  /** True when the central API could not confirm it recently. */
  readonly stale: boolean;
}

export interface SearchHit {
  readonly summary: ItemSummary;
  readonly score: number;
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** When the summaries were last refreshed (ISO), or null if never. */
  readonly refreshedAt: string | null;
  readonly stale: boolean;
}

/** The API's largest page (openapi.yaml `listItems.pageSize.maximum`). */
const LIST_PAGE_SIZE = 200;
const META_REFRESHED_AT = 'summaries.refreshedAt';

interface SummaryRow {
  summary: string;
  search_text: string;
  pinyin_full: string;
  pinyin_initials: string;
}

export class CatalogueCache {
  private readonly logger: Logger;
  private readonly now: () => number;
  private index: { summary: ItemSummary; keys: SearchKeys }[] | undefined;

  constructor(
    private readonly db: Db,
    private readonly client: CatalogueClient | undefined,
    private readonly options: CatalogueOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /**
   * Fetches every item summary and replaces the cached list in one transaction. On failure
   * the old list stays and keeps being served (marked stale once old).
   */
  async refreshSummaries(): Promise<{ ok: true; items: number } | { ok: false; error: string }> {
    if (!this.client) return { ok: false, error: 'no central API configured' };
    const all: ItemSummary[] = [];
    for (let page = 1; ; page++) {
      const r = await this.client.listItems({ page, pageSize: LIST_PAGE_SIZE });
      if (!r.ok) {
        const error = r.error.kind === 'http' ? `HTTP ${r.error.status}` : r.error.kind;
        this.logger.warn({ event: 'catalogue.refresh-failed', error });
        return { ok: false, error };
      }
      all.push(...r.value.items);
      if (r.value.items.length === 0 || all.length >= r.value.total) break;
    }

    const insert = this.db.prepare(
      `INSERT INTO catalogue_summaries
         (implement_code, version, summary, search_text, pinyin_full, pinyin_initials)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const keywordsOf = (code: string): string[] => {
      const cached = this.cachedRecord(code);
      return cached ? [...cached.item.keywords] : [];
    };
    const rows = all.map((s) => ({
      s,
      keys: searchKeys(s.name['zh-CN'], s.name.en, keywordsOf(s.implementCode)),
    }));
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM catalogue_summaries').run();
      for (const { s, keys } of rows) {
        insert.run(
          s.implementCode,
          s.version,
          JSON.stringify(s),
          keys.text,
          keys.pinyinFull,
          keys.pinyinInitials,
        );
      }
      this.setMeta(META_REFRESHED_AT, String(this.now()));
    })();
    this.index = undefined;
    this.logger.info({ event: 'catalogue.refreshed', items: all.length });
    return { ok: true, items: all.length };
  }

  /**
   * The item record: revalidated with its ETag when the API answers, else the cached copy
   * marked stale; undefined when the kiosk has never seen it and the API does not answer.
   * `checkedWithinMs`: a copy confirmed that recently is used as it is (the item guide has just
   * revalidated it, so opening the application needs no second round trip).
   */
  async item(
    implementCode: string,
    options: { checkedWithinMs?: number } = {},
  ): Promise<CachedItem | undefined> {
    const cached = this.cachedRecord(implementCode);
    if (!this.client) return cached ? this.withStaleness(cached, false) : undefined;
    if (
      cached &&
      options.checkedWithinMs !== undefined &&
      this.now() - cached.checkedAtMs < options.checkedWithinMs
    ) {
      return this.withStaleness(cached, false);
    }
    const r = await this.client.getItem(implementCode, cached?.etag);
    const now = this.now();
    if (!r.ok) {
      this.logger.warn({
        event: 'catalogue.item-unconfirmed',
        implementCode,
        error: r.error.kind === 'http' ? `HTTP ${r.error.status}` : r.error.kind,
      });
      return cached ? this.withStaleness(cached, true) : undefined;
    }
    if (r.value.notModified && cached) {
      this.db
        .prepare('UPDATE catalogue_items SET checked_at = ? WHERE implement_code = ?')
        .run(now, implementCode);
      return this.withStaleness(
        { ...cached, checkedAt: new Date(now).toISOString(), checkedAtMs: now },
        false,
      );
    }
    if (r.value.notModified) return undefined;
    const item = r.value.item;
    this.db
      .prepare(
        `INSERT INTO catalogue_items (implement_code, version, etag, record, fetched_at, checked_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (implement_code) DO UPDATE SET version = excluded.version,
           etag = excluded.etag, record = excluded.record, fetched_at = excluded.fetched_at,
           checked_at = excluded.checked_at`,
      )
      .run(implementCode, item.version, r.value.etag, JSON.stringify(item), now, now);
    this.logger.info({
      event: 'catalogue.item-cached',
      implementCode,
      version: item.version,
      replaced: cached !== undefined,
    });
    return { item, etag: r.value.etag, checkedAt: new Date(now).toISOString(), stale: false };
  }

  /** The cached record without asking the API. */
  cachedItem(implementCode: string): CachedItem | undefined {
    const cached = this.cachedRecord(implementCode);
    return cached ? this.withStaleness(cached, false) : undefined;
  }

  /** Searches the cached summaries by Chinese, full pinyin or pinyin initials. */
  search(query: string, limit = 20): SearchResult {
    this.index ??= (
      this.db
        .prepare(
          'SELECT summary, search_text, pinyin_full, pinyin_initials FROM catalogue_summaries',
        )
        .all() as SummaryRow[]
    ).map((r) => ({
      summary: JSON.parse(r.summary) as ItemSummary,
      keys: { text: r.search_text, pinyinFull: r.pinyin_full, pinyinInitials: r.pinyin_initials },
    }));
    const hits: SearchHit[] = [];
    for (const entry of this.index) {
      const score = matchScore(query, entry.keys);
      if (score > 0) hits.push({ summary: entry.summary, score });
    }
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        a.summary.name['zh-CN'].length - b.summary.name['zh-CN'].length ||
        a.summary.implementCode.localeCompare(b.summary.implementCode),
    );
    const refreshed = this.getMeta(META_REFRESHED_AT);
    const refreshedAt = refreshed === undefined ? null : Number(refreshed);
    return {
      hits: hits.slice(0, limit),
      refreshedAt: refreshedAt === null ? null : new Date(refreshedAt).toISOString(),
      stale: refreshedAt === null || this.now() - refreshedAt > this.options.staleAfterMs,
    };
  }

  private cachedRecord(implementCode: string): (CachedItem & { checkedAtMs: number }) | undefined {
    const row = this.db
      .prepare('SELECT etag, record, checked_at FROM catalogue_items WHERE implement_code = ?')
      .get(implementCode) as { etag: string; record: string; checked_at: number } | undefined;
    if (!row) return undefined;
    return {
      item: JSON.parse(row.record) as ItemRecord,
      etag: row.etag,
      checkedAt: new Date(row.checked_at).toISOString(),
      checkedAtMs: row.checked_at,
      stale: false,
    };
  }

  private withStaleness(cached: CachedItem & { checkedAtMs: number }, failed: boolean): CachedItem {
    const { checkedAtMs, ...rest } = cached;
    return { ...rest, stale: failed || this.now() - checkedAtMs > this.options.staleAfterMs };
  }

  private getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO catalogue_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
