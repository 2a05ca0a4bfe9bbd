/**
 * Which failed requests the approval client may send again. A retry must never create a
 * second application, a second derived copy or a second anything: only operations that are
 * safe to repeat are retried, and only after failures that say nothing was done or that the
 * server's own idempotency makes harmless.
 */
import type { operations } from './generated/api.js';

export type OperationId = keyof operations;

/**
 * - `safe`: reads, and writes the server deduplicates by their nature (PUT to a
 *   client-chosen id, content-addressed file upload).
 * - `idempotency-key`: the server deduplicates by the Idempotency-Key header.
 * - `unsafe`: every call does something new; retried only when the request surely never
 *   reached the server (connection refused).
 */
export type RetrySafety = 'safe' | 'idempotency-key' | 'unsafe';

export const RETRY_SAFETY: Readonly<Record<OperationId, RetrySafety>> = {
  getHealth: 'safe',
  listPermitKeys: 'safe',
  listItems: 'safe',
  listItemRecords: 'safe',
  getItem: 'safe',
  getItemVersion: 'safe',
  lookupDocuments: 'safe',
  previewDocument: 'safe',
  createDerivedCopy: 'unsafe',
  getDerivedCopy: 'safe',
  uploadFile: 'safe',
  createApplication: 'idempotency-key',
  searchApplications: 'safe',
  getApplication: 'safe',
  getApplicationByTrackingNumber: 'safe',
  submitSupplement: 'idempotency-key',
  verifyPermit: 'safe',
  resolveAppIdentity: 'unsafe',
  issueAppIdentityCode: 'unsafe',
  // Finds a permit, or makes one the next call finds: repeating it changes nothing more.
  getSandboxPermitCode: 'safe',
  traceBatch: 'safe',
  getRecommendations: 'safe',
  putRating: 'safe',
  putHeartbeat: 'safe',
  getClock: 'safe',
  moveClock: 'unsafe',
  recordFlowEvent: 'unsafe',
};

/** What happened to one attempt. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly problemCode?: string }
  | { readonly kind: 'timeout' }
  /** `code` is the socket error code when known (ECONNRESET, ECONNREFUSED, ...). */
  | { readonly kind: 'network'; readonly code?: string };

/** Statuses that mean "the API is overloaded or a gateway failed": worth another try. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Whether the outcome counts against the API's health (circuit breaker). */
export function isApiFailure(outcome: AttemptOutcome): boolean {
  if (outcome.kind !== 'response') return true;
  return outcome.status >= 500 || outcome.status === 429;
}

/** Whether an attempt with this outcome may be repeated for this operation. */
export function mayRetry(operation: OperationId, outcome: AttemptOutcome): boolean {
  const safety = RETRY_SAFETY[operation];
  if (outcome.kind === 'network' && outcome.code === 'ECONNREFUSED') return true;
  if (safety === 'unsafe') return false;
  if (outcome.kind !== 'response') return true;
  if (RETRYABLE_STATUSES.has(outcome.status)) return true;
  // The first request with this key is still running: wait and ask again (replay follows).
  return (
    safety === 'idempotency-key' &&
    outcome.status === 409 &&
    outcome.problemCode === 'idempotency-in-progress'
  );
}

/** A short reason for logs and the breaker snapshot. */
export function describeOutcome(outcome: AttemptOutcome): string {
  switch (outcome.kind) {
    case 'response':
      return `http-${outcome.status}`;
    case 'timeout':
      return 'timeout';
    case 'network':
      return outcome.code ? `network:${outcome.code}` : 'network';
    default: {
      const never: never = outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}
