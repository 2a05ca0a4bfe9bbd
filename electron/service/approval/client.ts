/**
 * The kiosk service's client of the central approval API (sandbox/openapi.yaml). Typed by the
 * generated `generated/api.ts`, sent through openapi-fetch with a transport that signs every
 * request, times out each attempt, retries only what is safe, and trips a circuit breaker.
 * Every method returns a Result: the API being down is an expected state of a hall kiosk, not
 * an exception.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { silentLogger, type Logger } from '../../../drivers/common/logger.js';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import { parseTerminalKeyHex } from '../../../drivers/common/request-signature.js';
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitSnapshot,
} from './circuit-breaker.js';
import type { components, paths } from './generated/api.js';
import type { OperationId } from './retry-policy.js';
import { TransportError, signedFetch, type TransportOptions } from './transport.js';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

export type ApprovalError =
  | {
      readonly kind: 'circuit-open' | 'timeout' | 'network';
      readonly message: string;
      readonly attempts: number;
      /**
       * True when a request may have reached the server before the failure (a timeout or a
       * reset after sending). Callers of unsafe operations must then not assume nothing
       * happened; idempotent ones simply retry later with the same key.
       */
      readonly maybeProcessed: boolean;
    }
  | {
      readonly kind: 'http';
      readonly status: number;
      /** The problem document's stable code, or `http-<status>` when there was none. */
      readonly code: string;
      readonly message: string;
      readonly problem?: Problem;
      /** Seconds, from Retry-After. */
      readonly retryAfterSeconds?: number;
    };

export type ApprovalResult<T> = Result<T, ApprovalError>;

export interface ApprovalClientOptions {
  /** API root, e.g. `https://approval.example.gov.cn` or the embedded sandbox's URL. */
  readonly baseUrl: string;
  readonly terminalId: string;
  readonly keyId: string;
  /** The terminal's HMAC key, 32 bytes. */
  readonly key: Uint8Array;
  /** Per-attempt timeout, milliseconds (config approvalApi.timeoutMs). */
  readonly timeoutMs: number;
  readonly maxAttempts?: number;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly breaker?: CircuitBreakerOptions;
  readonly logger?: Logger;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

/** Reads a terminal key file: 64 hex characters (32 bytes). Throws naming the problem. */
export function readTerminalKeyFile(path: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TypeError(`approval key file ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return parseTerminalKeyHex(text);
  } catch (e) {
    throw new TypeError(`approval key file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

type Raw<T> = { data?: T; error?: unknown; response: Response };

export class ApprovalClient {
  readonly terminalId: string;
  private readonly api: ReturnType<typeof createClient<paths>>;
  private readonly breaker: CircuitBreaker;
  private readonly transport: TransportOptions;
  private readonly logger: Logger;

  constructor(options: ApprovalClientOptions) {
    if (options.key.length !== 32) throw new TypeError('ApprovalClient: key must be 32 bytes');
    this.terminalId = options.terminalId;
    this.logger = options.logger ?? silentLogger;
    this.breaker = new CircuitBreaker(options.breaker);
    this.breaker.events.on('change', (s) =>
      this.logger.info({
        event: 'approval.circuit-changed',
        state: s.state,
        reason: s.lastFailure,
      }),
    );
    this.transport = {
      keyId: options.keyId,
      key: options.key,
      timeoutMs: options.timeoutMs,
      breaker: this.breaker,
      logger: this.logger,
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.retryInitialMs !== undefined ? { retryInitialMs: options.retryInitialMs } : {}),
      ...(options.retryMaxMs !== undefined ? { retryMaxMs: options.retryMaxMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.random ? { random: options.random } : {}),
    };
    this.api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, '') });
  }

  /** The breaker's state, for the technician screen. */
  circuit(): CircuitSnapshot {
    return this.breaker.snapshot();
  }

  onCircuitChange(listener: (snapshot: CircuitSnapshot) => void): () => void {
    return this.breaker.events.on('change', listener);
  }

  private fetchFor(operation: OperationId, signal?: AbortSignal) {
    return signedFetch(this.transport, operation, signal);
  }

  /** Runs one operation and folds transport failures and error statuses into a Result. */
  private async call<T>(
    operation: OperationId,
    run: (fetch: (r: Request) => Promise<Response>) => Promise<Raw<T>>,
    signal?: AbortSignal,
  ): Promise<ApprovalResult<{ data: T; response: Response }>> {
    let raw: Raw<T>;
    try {
      raw = await run(this.fetchFor(operation, signal));
    } catch (e) {
      if (e instanceof TransportError) {
        return err({
          kind: e.kind,
          message: e.message,
          attempts: e.attempts,
          maybeProcessed: e.maybeProcessed,
        });
      }
      throw e;
    }
    const { response } = raw;
    if (response.ok && raw.data !== undefined) return ok({ data: raw.data, response });
    if (response.status === 304) return ok({ data: undefined as T, response });
    const problem = isProblem(raw.error) ? raw.error : undefined;
    const retryAfter = response.headers.get('retry-after');
    return err({
      kind: 'http',
      status: response.status,
      code: problem?.code ?? `http-${response.status}`,
      message: problem?.title ?? response.statusText,
      ...(problem ? { problem } : {}),
      ...(retryAfter && /^\d+$/.test(retryAfter) ? { retryAfterSeconds: Number(retryAfter) } : {}),
    });
  }

  private async data<T>(
    operation: OperationId,
    run: (fetch: (r: Request) => Promise<Response>) => Promise<Raw<T>>,
  ): Promise<ApprovalResult<T>> {
    const r = await this.call(operation, run);
    return r.ok ? ok(r.value.data) : r;
  }

  // ---- catalogue ------------------------------------------------------------------------

  listItems(query: NonNullable<paths['/v1/items']['get']['parameters']['query']> = {}) {
    return this.data('listItems', (fetch) =>
      this.api.GET('/v1/items', { params: { query }, fetch }),
    );
  }

  /**
   * One page of full item records for the offline catalogue cache; with the page's ETag from
   * last time, `notModified` when the catalogue has not changed.
   */
  async listItemRecords(
    page: number,
    pageSize: number,
    etag?: string,
  ): Promise<
    ApprovalResult<
      | { notModified: true; etag: string }
      | { notModified: false; etag: string; page: Schemas['ItemRecordPage'] }
    >
  > {
    const r = await this.call('listItemRecords', (fetch) =>
      this.api.GET('/v1/catalogue/records', {
        params: {
          query: { page, pageSize },
          ...(etag ? { header: { 'If-None-Match': etag } } : {}),
        },
        fetch,
      }),
    );
    if (!r.ok) return r;
    const newEtag = r.value.response.headers.get('etag') ?? '';
    if (r.value.response.status === 304) return ok({ notModified: true, etag: etag ?? newEtag });
    return ok({ notModified: false, etag: newEtag, page: r.value.data });
  }

  /** The latest item record; with the ETag of a cached copy, `notModified` when still current. */
  async getItem(
    implementCode: string,
    etag?: string,
  ): Promise<
    ApprovalResult<
      | { notModified: true; etag: string }
      | { notModified: false; etag: string; item: Schemas['ItemRecord'] }
    >
  > {
    const r = await this.call('getItem', (fetch) =>
      this.api.GET('/v1/items/{implementCode}', {
        params: { path: { implementCode }, ...(etag ? { header: { 'If-None-Match': etag } } : {}) },
        fetch,
      }),
    );
    if (!r.ok) return r;
    const newEtag = r.value.response.headers.get('etag') ?? '';
    if (r.value.response.status === 304) return ok({ notModified: true, etag: etag ?? newEtag });
    return ok({ notModified: false, etag: newEtag, item: r.value.data });
  }

  getItemVersion(implementCode: string, version: number) {
    return this.data('getItemVersion', (fetch) =>
      this.api.GET('/v1/items/{implementCode}/versions/{version}', {
        params: { path: { implementCode, version } },
        fetch,
      }),
    );
  }

  // ---- documents on file ----------------------------------------------------------------

  lookupDocuments(body: Schemas['DocumentLookupRequest']) {
    return this.data('lookupDocuments', (fetch) =>
      this.api.POST('/v1/documents/lookup', { body, fetch }),
    );
  }

  previewDocument(documentId: string, purpose: Schemas['Purpose']) {
    return this.data('previewDocument', (fetch) =>
      this.api.POST('/v1/documents/{documentId}/preview', {
        params: { path: { documentId } },
        body: { purpose },
        fetch,
      }),
    );
  }

  createDerivedCopy(documentId: string, body: Schemas['DerivedCopyRequest']) {
    return this.data('createDerivedCopy', (fetch) =>
      this.api.POST('/v1/documents/{documentId}/derived-copies', {
        params: { path: { documentId } },
        body,
        fetch,
      }),
    );
  }

  getDerivedCopy(derivedCopyId: string) {
    return this.data('getDerivedCopy', (fetch) =>
      this.api.GET('/v1/derived-copies/{derivedCopyId}', {
        params: { path: { derivedCopyId } },
        fetch,
      }),
    );
  }

  // ---- files ----------------------------------------------------------------------------

  /** Uploads a scan; the same bytes again return the same file id. */
  uploadFile(file: {
    bytes: Uint8Array;
    mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
    fileName?: string;
  }) {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    return this.data('uploadFile', (fetch) =>
      this.api.POST('/v1/files', {
        params: {
          header: {
            'X-File-SHA256': sha256,
            ...(file.fileName ? { 'X-File-Name': encodeURIComponent(file.fileName) } : {}),
          },
        },
        // Raw bytes, not JSON: openapi-fetch must pass the body through untouched.
        body: file.bytes as unknown as string,
        bodySerializer: (b: unknown) => b,
        headers: { 'Content-Type': file.mediaType },
        fetch,
      }),
    );
  }

  // ---- applications ---------------------------------------------------------------------

  /**
   * Submits an application. `idempotencyKey` must have been stored (outbox) before the first
   * call; calling again with the same key and body is always safe.
   */
  async createApplication(
    idempotencyKey: string,
    body: Schemas['ApplicationRequest'],
  ): Promise<ApprovalResult<{ created: Schemas['ApplicationCreated']; replayed: boolean }>> {
    const r = await this.call('createApplication', (fetch) =>
      this.api.POST('/v1/applications', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body,
        fetch,
      }),
    );
    if (!r.ok) return r;
    return ok({
      created: r.value.data,
      replayed: r.value.response.headers.get('idempotent-replayed') === 'true',
    });
  }

  async submitSupplement(
    applicationId: string,
    idempotencyKey: string,
    body: Schemas['SupplementRequest'],
  ): Promise<ApprovalResult<{ status: Schemas['ApplicationStatus']; replayed: boolean }>> {
    const r = await this.call('submitSupplement', (fetch) =>
      this.api.POST('/v1/applications/{applicationId}/supplements', {
        params: { path: { applicationId }, header: { 'Idempotency-Key': idempotencyKey } },
        body,
        fetch,
      }),
    );
    if (!r.ok) return r;
    return ok({
      status: r.value.data,
      replayed: r.value.response.headers.get('idempotent-replayed') === 'true',
    });
  }

  searchApplications(body: Schemas['ApplicationSearchRequest']) {
    return this.data('searchApplications', (fetch) =>
      this.api.POST('/v1/applications/search', { body, fetch }),
    );
  }

  getApplication(applicationId: string) {
    return this.data('getApplication', (fetch) =>
      this.api.GET('/v1/applications/{applicationId}', {
        params: { path: { applicationId } },
        fetch,
      }),
    );
  }

  getApplicationByTrackingNumber(trackingNumber: string) {
    return this.data('getApplicationByTrackingNumber', (fetch) =>
      this.api.GET('/v1/applications/by-tracking-number/{trackingNumber}', {
        params: { path: { trackingNumber } },
        fetch,
      }),
    );
  }

  // ---- permits, batches -----------------------------------------------------------------

  verifyPermit(code: string) {
    return this.data('verifyPermit', (fetch) =>
      this.api.POST('/v1/permits/verify', { body: { code }, fetch }),
    );
  }

  traceBatch(code: string) {
    return this.data('traceBatch', (fetch) =>
      this.api.POST('/v1/batches/trace', { body: { code }, fetch }),
    );
  }

  permitKeys() {
    return this.data('listPermitKeys', (fetch) => this.api.GET('/v1/permit-keys', { fetch }));
  }

  // ---- government-app sign-in ----------------------------------------------------------

  /** Resolves a scanned HKA1 sign-in code to the person; each code works once. */
  resolveAppIdentity(code: string) {
    return this.data('resolveAppIdentity', (fetch) =>
      this.api.POST('/v1/identities/resolve', { body: { code }, fetch }),
    );
  }

  /** Sandbox only: plays the government app and issues a sign-in code for a known person. */
  issueSandboxAppIdentityCode(body: Schemas['AppIdentityCodeRequest']) {
    return this.data('issueAppIdentityCode', (fetch) =>
      this.api.POST('/v1/sandbox/app-identity-codes', { body, fetch }),
    );
  }

  /**
   * Sandbox only: plays a permit holder and shows the code of a permit in the given live state
   * (signed with the sandbox's published key), for the dev dock's permit presets.
   */
  sandboxPermitCode(state: Schemas['PermitState']) {
    return this.data('getSandboxPermitCode', (fetch) =>
      this.api.GET('/v1/sandbox/permit-codes', { params: { query: { state } }, fetch }),
    );
  }

  // ---- applicants, terminal -------------------------------------------------------------

  recommendations(applicant: Schemas['HolderRef']) {
    return this.data('getRecommendations', (fetch) =>
      this.api.POST('/v1/recommendations', {
        body: { applicant, terminalId: this.terminalId },
        fetch,
      }),
    );
  }

  /** Records a rating; `ratingId` is a UUID the kiosk picks, so a retry never doubles it. */
  putRating(ratingId: string, body: Omit<Schemas['RatingRequest'], 'terminalId' | 'channel'>) {
    return this.data('putRating', (fetch) =>
      this.api.PUT('/v1/ratings/{ratingId}', {
        params: { path: { ratingId } },
        body: { ...body, terminalId: this.terminalId, channel: 'KIOSK' },
        fetch,
      }),
    );
  }

  heartbeat(body: Schemas['HeartbeatRequest']) {
    return this.data('putHeartbeat', (fetch) =>
      this.api.PUT('/v1/terminals/{terminalId}/heartbeat', {
        params: { path: { terminalId: this.terminalId } },
        body,
        fetch,
      }),
    );
  }

  health() {
    return this.data('getHealth', (fetch) => this.api.GET('/v1/health', { fetch }));
  }

  // ---- sandbox test clock (only answers when the sandbox runs with --test-clock) --------

  moveSandboxClock(body: Schemas['ClockMove']) {
    return this.data('moveClock', (fetch) => this.api.POST('/v1/admin/clock', { body, fetch }));
  }

  recordSandboxFlowEvent(body: Schemas['FlowEventRequest']) {
    return this.data('recordFlowEvent', (fetch) =>
      this.api.POST('/v1/admin/flow-events', { body, fetch }),
    );
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}
