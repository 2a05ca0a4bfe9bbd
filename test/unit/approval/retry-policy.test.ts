import { describe, expect, it } from 'vitest';
import { apiSpec } from '../../../sandbox/spec.js';
import {
  RETRY_SAFETY,
  describeOutcome,
  isApiFailure,
  mayRetry,
} from '../../../electron/service/approval/retry-policy.js';

describe('retry policy', () => {
  it('classifies every operation of the spec, and GET/PUT ones as safe', () => {
    const ops = apiSpec().operationList;
    expect(Object.keys(RETRY_SAFETY).sort()).toEqual(ops.map((o) => o.operationId).sort());
    for (const op of ops) {
      if (op.method === 'GET' || op.method === 'PUT')
        expect(RETRY_SAFETY[op.operationId as keyof typeof RETRY_SAFETY]).toBe('safe');
      if (op.hasIdempotencyKey)
        expect(RETRY_SAFETY[op.operationId as keyof typeof RETRY_SAFETY]).toBe('idempotency-key');
    }
  });

  it('retries safe operations after resets, timeouts and overload, never after client errors', () => {
    expect(mayRetry('getItem', { kind: 'network', code: 'ECONNRESET' })).toBe(true);
    expect(mayRetry('getItem', { kind: 'timeout' })).toBe(true);
    for (const status of [429, 502, 503, 504])
      expect(mayRetry('lookupDocuments', { kind: 'response', status })).toBe(true);
    for (const status of [400, 401, 404, 409, 422, 500])
      expect(mayRetry('lookupDocuments', { kind: 'response', status })).toBe(false);
  });

  it('waits out "still processing" only for idempotency-keyed operations', () => {
    const inProgress = {
      kind: 'response',
      status: 409,
      problemCode: 'idempotency-in-progress',
    } as const;
    expect(mayRetry('createApplication', inProgress)).toBe(true);
    expect(
      mayRetry('createApplication', {
        kind: 'response',
        status: 409,
        problemCode: 'not-awaiting-supplement',
      }),
    ).toBe(false);
    expect(mayRetry('getItem', inProgress)).toBe(false);
  });

  it('repeats an unsafe operation only when the connection was refused', () => {
    expect(mayRetry('createDerivedCopy', { kind: 'network', code: 'ECONNREFUSED' })).toBe(true);
    expect(mayRetry('createDerivedCopy', { kind: 'network', code: 'ECONNRESET' })).toBe(false);
    expect(mayRetry('createDerivedCopy', { kind: 'timeout' })).toBe(false);
    expect(mayRetry('createDerivedCopy', { kind: 'response', status: 503 })).toBe(false);
  });

  it('counts only server-side trouble against the breaker', () => {
    expect(isApiFailure({ kind: 'timeout' })).toBe(true);
    expect(isApiFailure({ kind: 'response', status: 503 })).toBe(true);
    expect(isApiFailure({ kind: 'response', status: 429 })).toBe(true);
    expect(isApiFailure({ kind: 'response', status: 422 })).toBe(false);
    expect(describeOutcome({ kind: 'network', code: 'ECONNRESET' })).toBe('network:ECONNRESET');
  });
});
