/** Applications: submission (idempotency is handled by the server), status, history, supplements. */
import { encodeReceiptCode } from '../../drivers/common/codes.js';
import {
  applySupplement,
  createApplication as storeApplication,
  getApplicationRow,
  loadDocument,
  loadItem,
  statusView,
  summaryView,
  type ApplicationRow,
} from '../applications.js';
import { deliveryProblems } from '../delivery.js';
import { json, notFound, problem } from '../http.js';
import { identifierProblems } from '../rules.js';
import type { ApplicationRequest, HolderRef, MaterialSubmission } from '../types.js';
import { type HandlerContext, type Handler, terminalOf } from './context.js';

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

export const createApplication: Handler = async (ctx) => {
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
    ...(item ? deliveryProblems(item, request.delivery) : []),
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
  const row = storeApplication(ctx.engine, terminal.id, request, ctx.now);
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

export const searchApplications: Handler = (ctx) => {
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

export const getApplication: Handler = (ctx) => {
  const row = getApplicationRow(ctx.db, 'id', ctx.pathParams['applicationId']!);
  return row ? json(200, statusView(ctx.engine, row, ctx.now)) : notFound('application');
};

export const getApplicationByTrackingNumber: Handler = (ctx) => {
  const row = getApplicationRow(ctx.db, 'tracking', ctx.pathParams['trackingNumber']!);
  return row ? json(200, statusView(ctx.engine, row, ctx.now)) : notFound('application');
};

export const submitSupplement: Handler = async (ctx) => {
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
