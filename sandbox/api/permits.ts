/** Permits and goods batches: published keys, verification with live state, traces, flow events. */
import { json, notFound, problem } from '../http.js';
import {
  batchTrace,
  findBatch,
  rawPublicKey,
  storeFlowEvent,
  verifyScannedPermit,
  permitView,
} from '../permits.js';
import { type Handler } from './context.js';

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
