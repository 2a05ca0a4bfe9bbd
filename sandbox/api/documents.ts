/** Documents on file: purpose-bound lookup, masked preview, expiring derived copies. */
import { createHash, randomBytes } from 'node:crypto';
import { maskIdentifier, maskName } from '../../drivers/common/mask.js';
import { loadDocument } from '../applications.js';
import { json, notFound, problem } from '../http.js';
import type { DocumentKind, HolderRef, Purpose, StoredDocument } from '../types.js';
import { type Handler, terminalOf, purposeMismatch, recordAccess } from './context.js';

function documentStatus(doc: StoredDocument, today: string): 'VALID' | 'EXPIRED' | 'REVOKED' {
  if (doc.revoked) return 'REVOKED';
  if (doc.validUntil !== null && doc.validUntil < today) return 'EXPIRED';
  return 'VALID';
}

function documentView(doc: StoredDocument, today: string): Record<string, unknown> {
  const { revoked: _revoked, ...rest } = doc;
  return { ...rest, status: documentStatus(doc, today) };
}

export const lookupDocuments: Handler = (ctx) => {
  const body = ctx.body as {
    holder: HolderRef;
    purpose: Purpose;
    kinds?: DocumentKind[];
    licenseTypes?: string[];
  };
  const refused = purposeMismatch(ctx, body.purpose);
  if (refused) return refused;
  recordAccess(ctx, 'lookup', body.purpose, undefined, body.holder.code);
  const today = ctx.calendar.localDate(ctx.now);
  const docs = (
    ctx.db
      .prepare(
        'SELECT record FROM documents WHERE holder_code = ? AND holder_type = ? ORDER BY document_id',
      )
      .all(body.holder.code, body.holder.type) as { record: string }[]
  )
    .map((r) => JSON.parse(r.record) as StoredDocument)
    .filter((d) => !body.kinds || body.kinds.includes(d.kind))
    .filter((d) => !body.licenseTypes || body.licenseTypes.includes(d.licenseType ?? ''));
  return json(200, { documents: docs.map((d) => documentView(d, today)) });
};

const WATERMARK = (until: string) => ({
  'zh-CN': `仅供办理政务服务事项时使用，有效期至${until}`,
  en: `For government service use only; valid until ${until}`,
});

export const previewDocument: Handler = (ctx) => {
  const { purpose } = ctx.body as { purpose: Purpose };
  const refused = purposeMismatch(ctx, purpose);
  if (refused) return refused;
  const doc = loadDocument(ctx.db, ctx.pathParams['documentId']!);
  if (!doc) return notFound('document');
  recordAccess(ctx, 'preview', purpose, doc.documentId);
  const lines = [
    { label: { 'zh-CN': '证照名称', en: 'Document' }, value: doc.typeName['zh-CN'] },
    { label: { 'zh-CN': '证照编号', en: 'Number' }, value: maskIdentifier(doc.number) },
    {
      label: { 'zh-CN': '持证主体', en: 'Holder' },
      value: doc.holder.type === 'PERSON' ? maskName(doc.holderName) : doc.holderName,
    },
    {
      label: { 'zh-CN': '持证主体代码', en: 'Holder code' },
      value: maskIdentifier(doc.holder.code),
    },
    { label: { 'zh-CN': '发证机关', en: 'Issuer' }, value: doc.issuer.name },
    {
      label: { 'zh-CN': '有效期', en: 'Valid' },
      value: `${doc.validFrom} – ${doc.validUntil ?? '长期'}`,
    },
  ];
  if (typeof doc.data['plateNumber'] === 'string') {
    lines.push({ label: { 'zh-CN': '车辆牌号', en: 'Plate' }, value: doc.data['plateNumber'] });
  }
  return json(200, {
    documentId: doc.documentId,
    typeName: doc.typeName,
    lines,
    watermark: WATERMARK(ctx.calendar.localDate(ctx.now)),
  });
};

interface DerivedCopyRecord {
  derivedCopyId: string;
  documentId: string;
  purpose: Purpose;
  cause: string;
  createdAt: string;
  expiresAt: string;
  sha256: string;
  watermark: { 'zh-CN': string; en: string };
}

function derivedView(record: DerivedCopyRecord, now: Date): Record<string, unknown> {
  return { ...record, state: Date.parse(record.expiresAt) > now.getTime() ? 'VALID' : 'EXPIRED' };
}

export const createDerivedCopy: Handler = (ctx) => {
  const body = ctx.body as { purpose: Purpose; cause: string; validDays: number };
  const refused = purposeMismatch(ctx, body.purpose);
  if (refused) return refused;
  const doc = loadDocument(ctx.db, ctx.pathParams['documentId']!);
  if (!doc) return notFound('document');
  if (documentStatus(doc, ctx.calendar.localDate(ctx.now)) === 'REVOKED') {
    return problem({
      status: 409,
      code: 'document-revoked',
      title: 'a revoked document cannot be copied',
    });
  }
  recordAccess(ctx, 'derive', body.purpose, doc.documentId);
  const expiresAt = new Date(ctx.now.getTime() + body.validDays * 24 * 3_600_000);
  const watermark = WATERMARK(ctx.calendar.localDate(expiresAt));
  const record: DerivedCopyRecord = {
    derivedCopyId: `dc_${randomBytes(12).toString('base64url')}`,
    documentId: doc.documentId,
    purpose: body.purpose,
    cause: body.cause,
    createdAt: ctx.now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    // The derived copy's content is the document plus its annotation fields (GB/T 36903).
    sha256: createHash('sha256')
      .update(JSON.stringify({ doc, cause: body.cause, purpose: body.purpose, expiresAt }))
      .digest('hex'),
    watermark,
  };
  ctx.db
    .prepare(
      'INSERT INTO derived_copies (derived_copy_id, document_id, terminal_id, record) VALUES (?, ?, ?, ?)',
    )
    .run(record.derivedCopyId, doc.documentId, terminalOf(ctx).id, JSON.stringify(record));
  return json(201, derivedView(record, ctx.now));
};

export const getDerivedCopy: Handler = (ctx) => {
  const row = ctx.db
    .prepare('SELECT record FROM derived_copies WHERE derived_copy_id = ?')
    .get(ctx.pathParams['derivedCopyId']) as { record: string } | undefined;
  if (!row) return notFound('derived copy');
  return json(200, derivedView(JSON.parse(row.record) as DerivedCopyRecord, ctx.now));
};
