/**
 * The approval client's fetch: signs every attempt (fresh timestamp and nonce), bounds each
 * attempt with a timeout, retries what is safe to retry with jittered backoff (honouring
 * Retry-After), and feeds the circuit breaker. openapi-fetch calls it per operation.
 */
import { randomBytes } from 'node:crypto';
import { Backoff, sleep } from '../../../drivers/common/backoff.js';
import type { Logger } from '../../../drivers/common/logger.js';
import {
  SIGNATURE_HEADERS,
  computeSignature,
  formatAuthorization,
  sha256Hex,
} from '../../../drivers/common/request-signature.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import {
  describeOutcome,
  isApiFailure,
  mayRetry,
  type AttemptOutcome,
  type OperationId,
} from './retry-policy.js';

export interface TransportOptions {
  readonly keyId: string;
  readonly key: Uint8Array;
  /** Per-attempt timeout, milliseconds. */
  readonly timeoutMs: number;
  /** Attempts per call including the first; default 3. */
  readonly maxAttempts?: number;
  /** First retry delay, milliseconds; default 200. */
  readonly retryInitialMs?: number;
  /** Longest retry delay (and cap on Retry-After), milliseconds; default 5,000. */
  readonly retryMaxMs?: number;
  readonly breaker: CircuitBreaker;
  readonly logger: Logger;
  /** Underlying fetch; default globalThis.fetch. */
  readonly fetch?: typeof fetch;
  /** Clock for signatures, Unix ms; default Date.now. */
  readonly now?: () => number;
  readonly random?: () => number;
}

export type TransportFailureKind = 'circuit-open' | 'timeout' | 'network';

/** Thrown to openapi-fetch when no response could be had; the client turns it into a Result. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly attempts: number,
    /** True when the server may have acted on a request (timeout or reset after sending). */
    readonly maybeProcessed: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function retryAfterMs(response: Response, capMs: number): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Math.min(Number(value) * 1000, capMs);
}

async function problemCode(response: Response): Promise<string | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the per-operation fetch function openapi-fetch uses. */
export function signedFetch(
  options: TransportOptions,
  operation: OperationId,
  signal?: AbortSignal,
): (request: Request) => Promise<Response> {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryMaxMs = options.retryMaxMs ?? 5000;

  return async (request: Request): Promise<Response> => {
    const body = new Uint8Array(await request.arrayBuffer());
    const url = new URL(request.url);
    const digest = sha256Hex(body);
    const backoff = new Backoff({
      initialMs: options.retryInitialMs ?? 200,
      maxMs: retryMaxMs,
      ...(options.random ? { random: options.random } : {}),
    });
    let lastError: TransportError | undefined;

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (!options.breaker.tryAcquire()) {
        throw new TransportError(
          'circuit-open',
          attempt - 1,
          lastError?.maybeProcessed ?? false,
          'the approval API circuit is open; not sending',
        );
      }

      const headers = new Headers(request.headers);
      const timestampMs = now();
      const nonce = randomBytes(18).toString('base64url');
      const signature = computeSignature(options.key, {
        method: request.method,
        pathWithQuery: `${url.pathname}${url.search}`,
        timestampMs,
        nonce,
        contentSha256: digest,
      });
      headers.set(SIGNATURE_HEADERS.authorization, formatAuthorization(options.keyId, signature));
      headers.set(SIGNATURE_HEADERS.timestamp, String(timestampMs));
      headers.set(SIGNATURE_HEADERS.nonce, nonce);
      headers.set(SIGNATURE_HEADERS.contentSha256, digest);

      const timeout = AbortSignal.timeout(options.timeoutMs);
      let outcome: AttemptOutcome;
      let response: Response | undefined;
      try {
        response = await baseFetch(url, {
          method: request.method,
          headers,
          ...(body.length > 0 ? { body } : {}),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        outcome = {
          kind: 'response',
          status: response.status,
          ...(response.status === 409 ? { problemCode: await problemCode(response) } : {}),
        };
      } catch (e) {
        if (signal?.aborted) {
          options.breaker.release();
          throw e;
        }
        const code = networkCode(e);
        outcome = isTimeout(e)
          ? { kind: 'timeout' }
          : { kind: 'network', ...(code ? { code } : {}) };
        lastError = new TransportError(
          outcome.kind === 'timeout' ? 'timeout' : 'network',
          attempt,
          code !== 'ECONNREFUSED',
          `${operation}: ${describeOutcome(outcome)}`,
        );
      }

      if (isApiFailure(outcome)) options.breaker.recordFailure(describeOutcome(outcome));
      else options.breaker.recordSuccess();

      const retry = attempt < maxAttempts && mayRetry(operation, outcome);
      if (!retry) {
        if (response) return response;
        throw lastError!;
      }
      const delay = (response && retryAfterMs(response, retryMaxMs)) ?? backoff.next();
      options.logger.warn({
        event: 'approval.retrying',
        operation,
        attempt,
        outcome: describeOutcome(outcome),
        delayMs: delay,
      });
      // Drain the body so the connection can be reused.
      await response?.body?.cancel().catch(() => undefined);
      await sleep(delay, signal);
    }
    throw (
      lastError ?? new TransportError('network', maxAttempts, true, `${operation}: no attempt made`)
    );
  };
}
