/** Catalogue handlers: search, paged full records for offline caches, item records with ETags. */
import { createHash } from 'node:crypto';
import { loadItem } from '../applications.js';
import { json, notFound, type Reply } from '../http.js';
import { DEMO_HALL_REGION } from '../seed/items.js';
import type { ItemRecord } from '../types.js';
import { type HandlerContext, type Handler, catalogueVersion, notModified } from './context.js';

function summary(item: ItemRecord): Record<string, unknown> {
  return {
    implementCode: item.implementCode,
    version: item.version,
    name: item.name,
    category: item.category,
    agencyName: item.agency.name,
    regionCode: item.agency.regionCode,
    visitsToHall: item.visitsToHall,
    promisedWorkingDays: item.timeLimits.promisedWorkingDays,
    feeCharged: item.fee.charged,
    resultDelivery: item.resultDelivery,
  };
}

export const listItems: Handler = (ctx) => {
  const q = ctx.query as {
    q?: string;
    category?: string;
    regionCode?: string;
    page: number;
    pageSize: number;
  };
  const etag = `"catalogue-${catalogueVersion(ctx.db)}-${createHash('sha256')
    .update(JSON.stringify([q.q, q.category, q.regionCode, q.page, q.pageSize]))
    .digest('hex')
    .slice(0, 16)}"`;
  if (notModified(ctx, etag)) return { status: 304, headers: { ETag: etag } };

  const where = ['latest = 1'];
  const args: unknown[] = [];
  if (q.q) {
    where.push('(name_zh LIKE ? OR name_en LIKE ? OR keywords LIKE ?)');
    const like = `%${q.q.toLowerCase().replace(/[%_]/g, '')}%`;
    args.push(like, like, like);
  }
  if (q.category) {
    where.push('category = ?');
    args.push(q.category);
  }
  if (q.regionCode) {
    where.push('region_code = ?');
    args.push(q.regionCode);
  }
  const clause = where.join(' AND ');
  const total = (
    ctx.db.prepare(`SELECT COUNT(*) AS n FROM items WHERE ${clause}`).get(...args) as { n: number }
  ).n;
  // Hand-written items (the demo hall's region) first, then by code. The page is chosen from
  // the search index alone; only its rows' records are read.
  const rows = ctx.db
    .prepare(
      `SELECT i.record FROM (
         SELECT implement_code, version, (region_code = ?) AS home FROM items WHERE ${clause}
         ORDER BY home DESC, implement_code LIMIT ? OFFSET ?
       ) AS page JOIN items AS i USING (implement_code, version)
       ORDER BY page.home DESC, page.implement_code`,
    )
    .all(DEMO_HALL_REGION, ...args, q.pageSize, (q.page - 1) * q.pageSize) as {
    record: string;
  }[];
  return json(
    200,
    {
      items: rows.map((r) => summary(JSON.parse(r.record) as ItemRecord)),
      total,
      page: q.page,
      pageSize: q.pageSize,
      catalogueVersion: catalogueVersion(ctx.db),
    },
    { ETag: etag },
  );
};

export const listItemRecords: Handler = (ctx) => {
  const q = ctx.query as { page: number; pageSize: number };
  const version = catalogueVersion(ctx.db);
  const etag = `"catalogue-${version}-records-${q.page}-${q.pageSize}"`;
  if (notModified(ctx, etag)) return { status: 304, headers: { ETag: etag } };
  const total = (
    ctx.db.prepare('SELECT COUNT(*) AS n FROM items WHERE latest = 1').get() as { n: number }
  ).n;
  const rows = ctx.db
    .prepare('SELECT record FROM items WHERE latest = 1 ORDER BY implement_code LIMIT ? OFFSET ?')
    .all(q.pageSize, (q.page - 1) * q.pageSize) as { record: string }[];
  return json(
    200,
    {
      records: rows.map((r) => JSON.parse(r.record) as ItemRecord),
      total,
      page: q.page,
      pageSize: q.pageSize,
      catalogueVersion: version,
    },
    { ETag: etag },
  );
};

function itemReply(ctx: HandlerContext, item: ItemRecord | undefined): Reply {
  if (!item) return notFound('item');
  const etag = `"${item.implementCode}@${item.version}"`;
  if (notModified(ctx, etag)) return { status: 304, headers: { ETag: etag } };
  return json(200, item, { ETag: etag });
}

export const getItem: Handler = (ctx) => {
  const row = ctx.db
    .prepare('SELECT record FROM items WHERE implement_code = ? ORDER BY version DESC LIMIT 1')
    .get(ctx.pathParams['implementCode']) as { record: string } | undefined;
  return itemReply(ctx, row ? (JSON.parse(row.record) as ItemRecord) : undefined);
};

export const getItemVersion: Handler = (ctx) =>
  itemReply(
    ctx,
    loadItem(ctx.db, ctx.pathParams['implementCode']!, Number(ctx.pathParams['version'])),
  );
