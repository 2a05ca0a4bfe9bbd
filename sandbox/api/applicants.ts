/** Applicant services: recommendations (renewals, repeats) and ratings. */
import { createHash } from 'node:crypto';
import { getApplicationRow, summaryView, type ApplicationRow } from '../applications.js';
import { json, notFound, problem } from '../http.js';
import { LICENSE_TYPES } from '../seed/license-types.js';
import { DEMO_HALL_REGION } from '../seed/items.js';
import type { HolderRef, ItemRecord, StoredDocument } from '../types.js';
import { type Handler, terminalOf } from './context.js';

/** Licenses that expire within this many days are recommended for renewal. */
const EXPIRING_WITHIN_DAYS = 60;

export const getRecommendations: Handler = (ctx) => {
  const { applicant } = ctx.body as { applicant: HolderRef; terminalId: string };
  const today = ctx.calendar.localDate(ctx.now);
  const horizon = ctx.calendar.localDate(
    new Date(ctx.now.getTime() + EXPIRING_WITHIN_DAYS * 24 * 3_600_000),
  );
  const represents =
    applicant.type === 'PERSON'
      ? (
          ctx.db
            .prepare('SELECT enterprise_code FROM agent_links WHERE person_code = ?')
            .all(applicant.code) as { enterprise_code: string }[]
        ).map((r) => r.enterprise_code)
      : [];
  const holders: HolderRef[] = [
    applicant,
    ...represents.map((code) => ({ type: 'ENTERPRISE' as const, code })),
  ];
  const recommendations: Record<string, unknown>[] = [];
  const seen = new Set<string>();

  for (const holder of holders) {
    const rows = ctx.db
      .prepare('SELECT * FROM applications WHERE applicant_code = ? ORDER BY submitted_at DESC')
      .all(holder.code) as ApplicationRow[];
    for (const row of rows) {
      if (seen.has(`${holder.code}|${row.item_code}`)) continue;
      seen.add(`${holder.code}|${row.item_code}`);
      const summaryRow = summaryView(ctx.db, row);
      recommendations.push({
        implementCode: row.item_code,
        name: summaryRow['itemName'],
        reason: 'REPEAT',
        detail: {
          'zh-CN': `上次办理：${row.submitted_at.slice(0, 10)}`,
          en: `Last applied ${row.submitted_at.slice(0, 10)}`,
        },
        holder,
        lastApplicationId: row.application_id,
      });
    }
    const docs = (
      ctx.db
        .prepare(
          'SELECT record FROM documents WHERE holder_code = ? AND valid_until IS NOT NULL AND valid_until >= ? AND valid_until <= ?',
        )
        .all(holder.code, today, horizon) as { record: string }[]
    ).map((r) => JSON.parse(r.record) as StoredDocument);
    for (const doc of docs) {
      const renewal = LICENSE_TYPES.find((t) => t.code === doc.licenseType)?.renewalItem;
      if (!renewal) continue;
      const item = ctx.db
        .prepare('SELECT record FROM items WHERE implement_code = ? ORDER BY version DESC LIMIT 1')
        .get(`${terminalOf(ctx).regionCode ?? DEMO_HALL_REGION}-${renewal}`) as
        { record: string } | undefined;
      if (!item) continue;
      const record = JSON.parse(item.record) as ItemRecord;
      recommendations.push({
        implementCode: record.implementCode,
        name: record.name,
        reason: 'LICENSE_EXPIRING',
        detail: {
          'zh-CN': `${doc.typeName['zh-CN']}将于${doc.validUntil}到期`,
          en: `${doc.typeName.en} expires on ${doc.validUntil}`,
        },
        holder,
        documentId: doc.documentId,
        expiresOn: doc.validUntil,
      });
    }
  }
  // Expiring licenses first (they have a date), then repeats, newest first as found.
  recommendations.sort((a, b) =>
    a['reason'] === b['reason'] ? 0 : a['reason'] === 'LICENSE_EXPIRING' ? -1 : 1,
  );
  const names = represents.map((code) => {
    const doc = ctx.db
      .prepare(
        "SELECT record FROM documents WHERE holder_code = ? AND license_type = 'BUSINESS_LICENSE'",
      )
      .get(code) as { record: string } | undefined;
    return {
      creditCode: code,
      name: doc ? (JSON.parse(doc.record) as StoredDocument).holderName : code,
    };
  });
  return json(200, { recommendations, represents: names });
};

export const putRating: Handler = (ctx) => {
  const ratingId = ctx.pathParams['ratingId']!.toLowerCase();
  const body = ctx.body as { terminalId: string; trackingNumber?: string; score: number };
  if (body.terminalId !== terminalOf(ctx).id) {
    return problem({
      status: 422,
      code: 'terminal-mismatch',
      title: 'terminalId must be the terminal that signs the request',
    });
  }
  if (body.trackingNumber && !getApplicationRow(ctx.db, 'tracking', body.trackingNumber)) {
    return notFound('application with this tracking number');
  }
  const fingerprint = createHash('sha256').update(ctx.rawBody).digest('hex');
  const existing = ctx.db
    .prepare('SELECT fingerprint, record FROM ratings WHERE rating_id = ?')
    .get(ratingId) as { fingerprint: string; record: string } | undefined;
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      return problem({
        status: 422,
        code: 'rating-conflict',
        title: 'a different rating was already recorded with this id',
      });
    }
    return json(200, JSON.parse(existing.record));
  }
  const record = {
    ratingId,
    ...(body.trackingNumber ? { trackingNumber: body.trackingNumber } : {}),
    score: body.score,
    recordedAt: ctx.now.toISOString(),
  };
  ctx.db
    .prepare(
      'INSERT INTO ratings (rating_id, terminal_id, fingerprint, record) VALUES (?, ?, ?, ?)',
    )
    .run(ratingId, terminalOf(ctx).id, fingerprint, JSON.stringify(record));
  return json(201, record);
};
