/** Permits and goods batches: published keys, verification with live state, traces, flow events. */
import { addCalendarDays } from '../calendar.js';
import { json, notFound, problem } from '../http.js';
import {
  batchTrace,
  findBatch,
  issuePermit,
  loadPermit,
  nextPermitNumber,
  rawPublicKey,
  storeFlowEvent,
  verifyScannedPermit,
  permitView,
  type LoadedPermit,
} from '../permits.js';
import type { PermitState } from '../types.js';
import { type Handler, type HandlerContext } from './context.js';

export const listPermitKeys: Handler = (ctx) =>
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

export const verifyPermit: Handler = (ctx) => {
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

export const traceBatch: Handler = (ctx) => {
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

export const recordFlowEvent: Handler = (ctx) => {
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

/**
 * Sandbox only: the code of the latest permit in the asked live state, for the dev dock's
 * permit presets. ISSUED and IN_TRANSIT come and go with the calendar, so when none is left
 * the sandbox issues a fresh demo permit in that state (the next call finds it).
 */
export const getSandboxPermitCode: Handler = (ctx) => {
  const { state } = ctx.query as { state: PermitState };
  const found = latestPermitIn(ctx, state) ?? issueDemoPermitIn(ctx, state);
  if (!found) return notFound(`permit in state ${state}`);
  return json(200, {
    code: found.code,
    permitNumber: found.record.permitNumber,
    state: found.state,
    validFrom: found.record.validFrom,
    validUntil: found.record.validUntil,
    keyId: found.record.keyId,
  });
};

function latestPermitIn(ctx: HandlerContext, state: PermitState): LoadedPermit | undefined {
  const numbers = ctx.db.prepare('SELECT permit_number FROM permits ORDER BY rowid DESC').all() as {
    permit_number: string;
  }[];
  for (const { permit_number } of numbers) {
    const permit = loadPermit(ctx.db, permit_number, ctx.now, ctx.calendar);
    // Only permits signed with today's key: an older key's codes would not verify.
    if (permit?.state === state && permit.record.keyId === ctx.permitKey.keyId) return permit;
  }
  return undefined;
}

/** Days from today to a fresh demo permit's window, by the state it should be in. */
const FRESH_WINDOW: Partial<Record<PermitState, { from: number; until: number }>> = {
  IN_TRANSIT: { from: 0, until: 1 },
  ISSUED: { from: 1, until: 2 },
};

function issueDemoPermitIn(ctx: HandlerContext, state: PermitState): LoadedPermit | undefined {
  const window = FRESH_WINDOW[state];
  if (!window) return undefined;
  const latest = ctx.db.prepare('SELECT record FROM permits ORDER BY rowid DESC LIMIT 1').get() as
    { record: string } | undefined;
  if (!latest) return undefined;
  const template = JSON.parse(latest.record) as LoadedPermit['record'];
  const today = ctx.calendar.localDate(ctx.now);
  // Same region as the template's number (`YH-<region>-<year>-<serial>`).
  const region = template.permitNumber.split('-')[1] ?? '000000';
  const permitNumber = nextPermitNumber(ctx.db, region, today.slice(0, 4));
  const { applicationId: _application, ...rest } = template;
  issuePermit(ctx.db, ctx.permitKey, {
    ...rest,
    permitNumber,
    validFrom: addCalendarDays(today, window.from),
    validUntil: addCalendarDays(today, window.until),
    issuedAt: ctx.now.toISOString(),
    keyId: ctx.permitKey.keyId,
    batchCodes: [],
  });
  return loadPermit(ctx.db, permitNumber, ctx.now, ctx.calendar);
}
