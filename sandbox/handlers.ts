/**
 * One handler per operationId of openapi.yaml. The server has already matched the route,
 * verified the signature, and validated parameters and JSON bodies against the spec, so
 * handlers check only what the schema cannot (references, ownership, state).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeAppIdentityCode,
  encodeReceiptCode,
  parseAppIdentityCode,
} from '../drivers/common/codes.js';
import { maskIdentifier, maskName } from '../drivers/common/mask.js';
import {
  applySupplement,
  createApplication,
  getApplicationRow,
  loadDocument,
  loadItem,
  statusView,
  summaryView,
  type ApplicationRow,
  type EngineDeps,
} from './applications.js';
import type { Terminal } from './auth.js';
import type { WorkingCalendar } from './calendar.js';
import type { SandboxClock } from './clock.js';
import { getMeta, type Db } from './db.js';
import { json, notFound, problem, type Reply } from './http.js';
import {
  batchTrace,
  findBatch,
  rawPublicKey,
  storeFlowEvent,
  verifyScannedPermit,
  permitView,
  type PermitKey,
} from './permits.js';
import { identifierProblems } from './rules.js';
import { LICENSE_TYPES } from './seed/license-types.js';
import { DEMO_HALL_REGION } from './seed/items.js';
import { seededCast } from './seed/index.js';
import type {
  ApplicationRequest,
  DocumentKind,
  HolderRef,
  ItemRecord,
  MaterialSubmission,
  Purpose,
  StoredDocument,
} from './types.js';

/** Largest accepted file upload: 20 MiB (scans of multi-page A4 at 300 dpi fit). */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Unreferenced uploads are kept this long. */
const FILE_RETENTION_MS = 7 * 24 * 3_600_000;
/** Licenses that expire within this many days are recommended for renewal. */
const EXPIRING_WITHIN_DAYS = 60;

export interface HandlerContext {
  readonly db: Db;
  readonly clock: SandboxClock;
  readonly calendar: WorkingCalendar;
  readonly engine: EngineDeps;
  readonly permitKey: PermitKey;
  readonly dataDir: string;
  readonly terminal?: Terminal;
  readonly pathParams: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly rawBody: Buffer;
  readonly contentType: string;
  readonly now: Date;
  /** Simulated time the platform takes to forward an application to departments. */
  readonly processingDelayMs: number;
  readonly onProcessing?: (operationId: string) => void;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

const header = (ctx: HandlerContext, name: string): string | undefined => {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function terminalOf(ctx: HandlerContext): Terminal {
  if (!ctx.terminal) throw new Error('handler needs a signed request');
  return ctx.terminal;
}

function purposeMismatch(ctx: HandlerContext, purpose: Purpose): Reply | undefined {
  if (purpose.terminalId === terminalOf(ctx).id) return undefined;
  return problem({
    status: 403,
    code: 'purpose-terminal-mismatch',
    title: 'purpose.terminalId must be the terminal that signs the request',
  });
}

function recordAccess(
  ctx: HandlerContext,
  action: string,
  purpose: Purpose,
  documentId?: string,
  holderCode?: string,
): void {
  ctx.db
    .prepare(
      'INSERT INTO document_access (at, terminal_id, action, document_id, holder_code, purpose) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      ctx.now.toISOString(),
      terminalOf(ctx).id,
      action,
      documentId ?? null,
      holderCode ?? null,
      JSON.stringify(purpose),
    );
}

/** The people the sandbox knows (the ID-card simulator's cast). */
function knownPeople(db: Db): readonly { idNumber: string; name: string }[] {
  return seededCast(db).people;
}

// ---- Catalogue --------------------------------------------------------------------------

function catalogueVersion(db: Db): number {
  return Number(getMeta(db, 'catalogue_version') ?? '1');
}

function notModified(ctx: HandlerContext, etag: string): boolean {
  const sent = header(ctx, 'if-none-match');
  if (!sent) return false;
  return sent.split(',').some((t) => t.trim() === etag || t.trim() === '*');
}

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
  };
}

const listItems: Handler = (ctx) => {
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

const listItemRecords: Handler = (ctx) => {
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

const getItem: Handler = (ctx) => {
  const row = ctx.db
    .prepare('SELECT record FROM items WHERE implement_code = ? ORDER BY version DESC LIMIT 1')
    .get(ctx.pathParams['implementCode']) as { record: string } | undefined;
  return itemReply(ctx, row ? (JSON.parse(row.record) as ItemRecord) : undefined);
};

const getItemVersion: Handler = (ctx) =>
  itemReply(
    ctx,
    loadItem(ctx.db, ctx.pathParams['implementCode']!, Number(ctx.pathParams['version'])),
  );

// ---- Documents on file ------------------------------------------------------------------

function documentStatus(doc: StoredDocument, today: string): 'VALID' | 'EXPIRED' | 'REVOKED' {
  if (doc.revoked) return 'REVOKED';
  if (doc.validUntil !== null && doc.validUntil < today) return 'EXPIRED';
  return 'VALID';
}

function documentView(doc: StoredDocument, today: string): Record<string, unknown> {
  const { revoked: _revoked, ...rest } = doc;
  return { ...rest, status: documentStatus(doc, today) };
}

const lookupDocuments: Handler = (ctx) => {
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

const previewDocument: Handler = (ctx) => {
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

const createDerivedCopy: Handler = (ctx) => {
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

const getDerivedCopy: Handler = (ctx) => {
  const row = ctx.db
    .prepare('SELECT record FROM derived_copies WHERE derived_copy_id = ?')
    .get(ctx.pathParams['derivedCopyId']) as { record: string } | undefined;
  if (!row) return notFound('derived copy');
  return json(200, derivedView(JSON.parse(row.record) as DerivedCopyRecord, ctx.now));
};

// ---- Files ------------------------------------------------------------------------------

/** Leading bytes of each accepted type: PDF (ISO 32000 "%PDF-"), JPEG SOI+marker, PNG signature. */
const MAGIC: Record<string, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

const uploadFile: Handler = (ctx) => {
  const terminal = terminalOf(ctx);
  const declared = header(ctx, 'x-file-sha256');
  if (!declared || !/^[0-9a-f]{64}$/.test(declared)) {
    return problem({
      status: 400,
      code: 'file-digest-missing',
      title: 'X-File-SHA256 must be 64 lower-case hex characters',
    });
  }
  if (ctx.rawBody.length === 0) {
    return problem({ status: 400, code: 'file-empty', title: 'the file is empty' });
  }
  const actual = createHash('sha256').update(ctx.rawBody).digest('hex');
  if (actual !== declared) {
    return problem({
      status: 422,
      code: 'file-digest-mismatch',
      title: 'X-File-SHA256 does not match the bytes received',
    });
  }
  const magic = MAGIC[ctx.contentType]!;
  if (!magic.every((b, i) => ctx.rawBody[i] === b)) {
    return problem({
      status: 422,
      code: 'file-content-mismatch',
      title: `the bytes are not ${ctx.contentType}`,
    });
  }
  const existing = ctx.db
    .prepare('SELECT record FROM files WHERE terminal_id = ? AND sha256 = ?')
    .get(terminal.id, actual) as { record: string } | undefined;
  if (existing) return json(200, JSON.parse(existing.record));

  const dir = join(ctx.dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, actual), ctx.rawBody);
  let fileName: string | undefined;
  try {
    const raw = header(ctx, 'x-file-name');
    fileName = raw ? decodeURIComponent(raw) : undefined;
  } catch {
    fileName = undefined;
  }
  const record = {
    fileId: `f_${randomBytes(12).toString('base64url')}`,
    sha256: actual,
    size: ctx.rawBody.length,
    mediaType: ctx.contentType,
    ...(fileName ? { fileName } : {}),
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + FILE_RETENTION_MS).toISOString(),
  };
  ctx.db
    .prepare('INSERT INTO files (file_id, terminal_id, sha256, record) VALUES (?, ?, ?, ?)')
    .run(record.fileId, terminal.id, actual, JSON.stringify(record));
  return json(201, record);
};

// ---- Applications -----------------------------------------------------------------------

function referenceProblems(
  ctx: HandlerContext,
  materials: readonly MaterialSubmission[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  materials.forEach((m, i) => {
    if (m.documentId && !loadDocument(ctx.db, m.documentId)) {
      problems.push({
        path: `/materials/${i}/documentId`,
        message: 'no document on file with this id',
      });
    }
    if (m.fileId) {
      const f = ctx.db
        .prepare('SELECT sha256 FROM files WHERE file_id = ? AND terminal_id = ?')
        .get(m.fileId, terminalOf(ctx).id) as { sha256: string } | undefined;
      if (!f)
        problems.push({
          path: `/materials/${i}/fileId`,
          message: 'no file uploaded by this terminal with this id',
        });
      else if (m.sha256 && m.sha256 !== f.sha256) {
        problems.push({
          path: `/materials/${i}/sha256`,
          message: 'differs from the uploaded file',
        });
      }
    }
    if (m.derivedCopyId) {
      const d = ctx.db
        .prepare('SELECT 1 FROM derived_copies WHERE derived_copy_id = ?')
        .get(m.derivedCopyId);
      if (!d)
        problems.push({
          path: `/materials/${i}/derivedCopyId`,
          message: 'no derived copy with this id',
        });
    }
    if ((m.source === 'E_LICENSE' || m.source === 'SUPPLY_CHAIN') && !m.documentId) {
      problems.push({
        path: `/materials/${i}/documentId`,
        message: `${m.source} needs a documentId`,
      });
    }
    if (m.source === 'SCAN' && !m.fileId) {
      problems.push({ path: `/materials/${i}/fileId`, message: 'SCAN needs a fileId' });
    }
  });
  return problems;
}

async function simulateForwarding(ctx: HandlerContext, operationId: string): Promise<void> {
  ctx.onProcessing?.(operationId);
  if (ctx.processingDelayMs > 0) await new Promise((r) => setTimeout(r, ctx.processingDelayMs));
}

const createApplicationHandler: Handler = async (ctx) => {
  const request = ctx.body as ApplicationRequest;
  const terminal = terminalOf(ctx);
  if (request.terminalId !== terminal.id) {
    return problem({
      status: 422,
      code: 'terminal-mismatch',
      title: 'terminalId must be the terminal that signs the request',
    });
  }
  const item = loadItem(ctx.db, request.itemImplementCode, request.itemVersion);
  const problems = [
    ...(item ? [] : [{ path: '/itemImplementCode', message: 'no such item at this version' }]),
    ...identifierProblems(request),
    ...referenceProblems(ctx, request.materials),
  ];
  if (problems.length > 0) {
    return problem({
      status: 422,
      code: 'application-invalid',
      title: 'the application refers to things that do not exist or are invalid',
      errors: problems,
    });
  }
  await simulateForwarding(ctx, 'createApplication');
  const row = createApplication(ctx.engine, terminal.id, request, ctx.now);
  return json(
    201,
    {
      applicationId: row.application_id,
      trackingNumber: row.tracking_number,
      status: row.status,
      statusUrl: `/v1/applications/${row.application_id}`,
      receiptQrPayload: encodeReceiptCode({
        trackingNumber: row.tracking_number,
        terminalId: terminal.id,
      }),
      submittedAt: row.submitted_at,
    },
    { Location: `/v1/applications/${row.application_id}` },
  );
};

const searchApplications: Handler = (ctx) => {
  const body = ctx.body as { applicant: HolderRef; itemImplementCode?: string; limit: number };
  const limit = body.limit ?? 10;
  const rows = ctx.db
    .prepare(
      `SELECT * FROM applications WHERE (applicant_code = ? OR agent_code = ?)
         AND (? IS NULL OR item_code = ?) ORDER BY submitted_at DESC LIMIT ?`,
    )
    .all(
      body.applicant.code,
      body.applicant.code,
      body.itemImplementCode ?? null,
      body.itemImplementCode ?? null,
      limit,
    ) as ApplicationRow[];
  return json(200, { applications: rows.map((r) => summaryView(ctx.db, r)) });
};

const getApplication: Handler = (ctx) => {
  const row = getApplicationRow(ctx.db, 'id', ctx.pathParams['applicationId']!);
  return row ? json(200, statusView(ctx.engine, row, ctx.now)) : notFound('application');
};

const getApplicationByTrackingNumber: Handler = (ctx) => {
  const row = getApplicationRow(ctx.db, 'tracking', ctx.pathParams['trackingNumber']!);
  return row ? json(200, statusView(ctx.engine, row, ctx.now)) : notFound('application');
};

const submitSupplement: Handler = async (ctx) => {
  const body = ctx.body as { materials: MaterialSubmission[]; formData?: Record<string, unknown> };
  const row = getApplicationRow(ctx.db, 'id', ctx.pathParams['applicationId']!);
  if (!row) return notFound('application');
  if (row.status !== 'SUPPLEMENT_REQUIRED') {
    return problem({
      status: 409,
      code: 'not-awaiting-supplement',
      title: `the application is ${row.status}, not SUPPLEMENT_REQUIRED`,
    });
  }
  const problems = referenceProblems(ctx, body.materials);
  if (problems.length > 0) {
    return problem({
      status: 422,
      code: 'supplement-invalid',
      title: 'the supplement refers to things that do not exist',
      errors: problems,
    });
  }
  await simulateForwarding(ctx, 'submitSupplement');
  applySupplement(ctx.engine, row, body.materials, body.formData, ctx.now);
  return json(
    200,
    statusView(ctx.engine, getApplicationRow(ctx.db, 'id', row.application_id)!, ctx.now),
  );
};

// ---- Permits and batches ----------------------------------------------------------------

const listPermitKeys: Handler = (ctx) =>
  json(200, {
    keys: [
      {
        keyId: ctx.permitKey.keyId,
        algorithm: 'Ed25519',
        publicKeyPem: ctx.permitKey.publicKeyPem,
        publicKeyBase64Url: rawPublicKey(ctx.permitKey.publicKey).toString('base64url'),
        createdAt: ctx.permitKey.createdAt,
      },
    ],
  });

const verifyPermit: Handler = (ctx) => {
  const { code } = ctx.body as { code: string };
  const v = verifyScannedPermit(ctx.db, [ctx.permitKey], code, ctx.now, ctx.calendar);
  const checkedAt = ctx.now.toISOString();
  if (v.signature === 'MALFORMED') return json(200, { signature: 'MALFORMED', checkedAt });
  if (v.signature !== 'VALID')
    return json(200, { signature: v.signature, keyId: v.keyId, checkedAt });
  return json(200, {
    signature: 'VALID',
    keyId: v.keyId,
    ...(v.permit ? { state: v.permit.state, permit: permitView(v.permit) } : {}),
    checkedAt,
  });
};

const traceBatch: Handler = (ctx) => {
  const { code } = ctx.body as { code: string };
  const found = findBatch(ctx.db, code);
  if (!found) return notFound('batch');
  if ('problem' in found) {
    return problem({
      status: 400,
      code: 'batch-code-unreadable',
      title: 'not a GS1 batch code',
      detail: found.problem,
    });
  }
  return json(200, batchTrace(ctx.db, found.batch));
};

const recordFlowEvent: Handler = (ctx) => {
  const body = ctx.body as {
    code: string;
    type: 'PRODUCED' | 'WAREHOUSED' | 'SHIPPED' | 'ARRIVED' | 'SOLD';
    place: string;
    permitNumber?: string;
  };
  const found = findBatch(ctx.db, body.code);
  if (!found) return notFound('batch');
  if ('problem' in found) {
    return problem({
      status: 400,
      code: 'batch-code-unreadable',
      title: 'not a GS1 batch code',
      detail: found.problem,
    });
  }
  storeFlowEvent(ctx.db, found.batch.gtin, found.batch.batch, {
    type: body.type,
    at: ctx.now.toISOString(),
    place: body.place,
    party: found.batch.manufacturer,
    ...(body.permitNumber ? { permitNumber: body.permitNumber } : {}),
  });
  return json(201, batchTrace(ctx.db, found.batch));
};

// ---- Applicants -------------------------------------------------------------------------

const getRecommendations: Handler = (ctx) => {
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

const putRating: Handler = (ctx) => {
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

// ---- Government-app sign-in codes ------------------------------------------------------

const resolveAppIdentity: Handler = (ctx) => {
  const { code } = ctx.body as { code: string };
  const parsed = parseAppIdentityCode(code.trim());
  if (!parsed.ok) {
    return problem({
      status: 400,
      code: 'identity-code-unreadable',
      title: 'not a government-app sign-in code',
      detail: parsed.error,
    });
  }
  const row = ctx.db
    .prepare(
      'SELECT person_code, app_id, expires_at, used_at FROM app_identity_tokens WHERE token = ?',
    )
    .get(parsed.value.token) as
    { person_code: string; app_id: string; expires_at: number; used_at: string | null } | undefined;
  if (!row || row.app_id !== parsed.value.appId) return notFound('sign-in code');
  if (row.used_at !== null) {
    return problem({
      status: 409,
      code: 'identity-code-used',
      title: 'this sign-in code was already used; show a fresh one in the app',
    });
  }
  if (ctx.now.getTime() >= row.expires_at * 1000) {
    return problem({
      status: 410,
      code: 'identity-code-expired',
      title: 'this sign-in code has expired; refresh it in the app',
    });
  }
  ctx.db
    .prepare('UPDATE app_identity_tokens SET used_at = ? WHERE token = ?')
    .run(ctx.now.toISOString(), parsed.value.token);
  const person = knownPeople(ctx.db).find((p) => p.idNumber === row.person_code);
  if (!person) return notFound('person');
  return json(200, {
    idNumber: person.idNumber,
    name: person.name,
    appId: row.app_id,
    resolvedAt: ctx.now.toISOString(),
  });
};

const issueAppIdentityCode: Handler = (ctx) => {
  const body = ctx.body as { idNumber: string; appId: string; validSeconds: number };
  if (!knownPeople(ctx.db).some((p) => p.idNumber === body.idNumber)) return notFound('person');
  const token = randomBytes(24).toString('base64url');
  const expiresAt = Math.floor(ctx.now.getTime() / 1000) + body.validSeconds;
  ctx.db
    .prepare(
      'INSERT INTO app_identity_tokens (token, person_code, app_id, expires_at) VALUES (?, ?, ?, ?)',
    )
    .run(token, body.idNumber, body.appId, expiresAt);
  return json(201, {
    code: encodeAppIdentityCode({ appId: body.appId, token, expiresAt }),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  });
};

// ---- Terminals and admin ----------------------------------------------------------------

const putHeartbeat: Handler = (ctx) => {
  const terminalId = ctx.pathParams['terminalId']!;
  if (terminalId !== terminalOf(ctx).id) {
    return problem({
      status: 403,
      code: 'terminal-mismatch',
      title: 'a terminal may only report its own heartbeat',
    });
  }
  const receivedAt = ctx.now.toISOString();
  ctx.db
    .prepare(
      'INSERT INTO heartbeats (terminal_id, received_at, record) VALUES (?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET received_at = excluded.received_at, record = excluded.record',
    )
    .run(terminalId, receivedAt, JSON.stringify(ctx.body));
  return json(200, { terminalId, receivedAt, catalogueVersion: catalogueVersion(ctx.db) });
};

const getHealth: Handler = (ctx) => json(200, { status: 'ok', time: ctx.now.toISOString() });

const clockState = (ctx: HandlerContext) => ({
  now: ctx.clock.now().toISOString(),
  offsetMs: ctx.clock.offsetMs,
});

const getClock: Handler = (ctx) => json(200, clockState(ctx));

const moveClock: Handler = (ctx) => {
  const body = ctx.body as { advanceMs?: number; advanceWorkingDays?: number; to?: string };
  const now = ctx.clock.now();
  let target: number;
  if (body.to !== undefined) target = Date.parse(body.to);
  else if (body.advanceWorkingDays !== undefined)
    target = ctx.calendar.addWorkingDaysToInstant(now, body.advanceWorkingDays).getTime();
  else if (body.advanceMs !== undefined) target = now.getTime() + body.advanceMs;
  else
    return problem({
      status: 400,
      code: 'clock-move-empty',
      title: 'give advanceMs, advanceWorkingDays or to',
    });
  if (target < now.getTime()) {
    return problem({
      status: 422,
      code: 'clock-backwards',
      title: 'the sandbox clock only moves forward',
    });
  }
  ctx.clock.advance(target - now.getTime());
  return json(200, clockState(ctx));
};

export const HANDLERS: Record<string, Handler> = {
  getHealth,
  listPermitKeys,
  listItems,
  listItemRecords,
  getItem,
  getItemVersion,
  lookupDocuments,
  previewDocument,
  createDerivedCopy,
  getDerivedCopy,
  uploadFile,
  createApplication: createApplicationHandler,
  searchApplications,
  getApplication,
  getApplicationByTrackingNumber,
  submitSupplement,
  verifyPermit,
  traceBatch,
  resolveAppIdentity,
  issueAppIdentityCode,
  getRecommendations,
  putRating,
  putHeartbeat,
  getClock,
  moveClock,
  recordFlowEvent,
};

/** Operations that exist only when the sandbox runs with a movable (test) clock. */
export const ADMIN_OPERATIONS = new Set(['getClock', 'moveClock', 'recordFlowEvent']);
