/**
 * The forwarder: sends each pending outbox application to the central approval API, files
 * first, then the application with its stored idempotency key, and records the tracking
 * number. Every step is recorded as it completes, so a crash or SIGKILL at any point resumes
 * where it stopped; a step whose answer was lost is simply repeated (file uploads are
 * deduplicated by digest, applications by idempotency key, so a repeat never creates a second
 * application). Outages back off with jitter; the pending rows survive restarts in SQLite.
 */
import { Backoff } from '../../../drivers/common/backoff.js';
import { silentLogger, type Logger } from '../../../drivers/common/logger.js';
import type { ApprovalClient, ApprovalError } from '../approval/client.js';
import type { OutboxStore, OutboxWork } from './store.js';
import type { ApplicationRequestBody } from './types.js';

/** Points a test can stop the process at (the kill test SIGKILLs itself there). */
export type ForwarderStep =
  'file-uploaded' | 'file-recorded' | 'application-sent' | 'application-recorded';

export type ForwardOutcome =
  | { readonly kind: 'forwarded'; readonly trackingNumber: string; readonly replayed: boolean }
  | { readonly kind: 'outage'; readonly message: string }
  | { readonly kind: 'retry-later'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'gone' };

/** The part of the approval client the forwarder uses. */
export type ForwardingClient = Pick<ApprovalClient, 'uploadFile' | 'createApplication'>;

export interface ForwarderOptions {
  readonly store: OutboxStore;
  readonly client: ForwardingClient;
  readonly logger?: Logger;
  /** How long personal data stays after the central API acknowledged, milliseconds. */
  readonly retentionMs: number;
  /** Longest sleep between passes when nothing is due (also the purge interval), ms. */
  readonly idlePollMs: number;
  /** Backoff after an outage (network, timeout, open circuit, 5xx), milliseconds. */
  readonly outageBackoff: { readonly initialMs: number; readonly maxMs: number };
  /** Backoff of one application the API asked to retry later (409, 429), milliseconds. */
  readonly retryBackoff: { readonly initialMs: number; readonly maxMs: number };
  readonly random?: () => number;
  readonly now?: () => number;
  /** Called after each application is acknowledged. */
  readonly onForwarded?: (localReference: string, trackingNumber: string) => void;
  /** Test hook, awaited after each recorded or answered step. */
  readonly onStep?: (step: ForwarderStep, localReference: string) => void | Promise<void>;
}

/** Status codes that mean "the platform is unwell", not "this application is wrong". */
const OUTAGE_STATUSES = new Set([500, 502, 503, 504]);
/** Status codes that mean "ask again later" for this application. */
const RETRY_STATUSES = new Set([401, 408, 409, 425, 429]);

export class Forwarder {
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly outage: Backoff;
  private readonly inflight = new Map<string, Promise<ForwardOutcome>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: ForwarderOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.outage = new Backoff({
      ...options.outageBackoff,
      ...(options.random ? { random: options.random } : {}),
    });
  }

  /** Starts the background loop (drains what is due, sleeps, purges). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runLoop();
  }

  /** Stops after the current step; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Wakes the loop now (a new application was queued). */
  kick(): void {
    this.wake?.();
  }

  /**
   * Forwards one application now, sharing the attempt with the loop if it is already on it.
   * Never runs two sends of the same application at once.
   */
  forward(localReference: string): Promise<ForwardOutcome> {
    const running = this.inflight.get(localReference);
    if (running) return running;
    const attempt = this.forwardOne(localReference)
      .catch((e: unknown) => this.unexpected(localReference, e))
      .finally(() => this.inflight.delete(localReference));
    this.inflight.set(localReference, attempt);
    return attempt;
  }

  /**
   * One pass over everything due, oldest first. Stops at the first outage (the next
   * applications would meet the same closed door). Returns what happened.
   */
  async drain(): Promise<{ forwarded: number; outage: boolean }> {
    let forwarded = 0;
    for (;;) {
      const due = this.options.store.due(this.now());
      if (due.length === 0) return { forwarded, outage: false };
      let progressed = false;
      for (const ref of due) {
        const outcome = await this.forward(ref);
        if (outcome.kind === 'outage') return { forwarded, outage: true };
        if (outcome.kind === 'forwarded') forwarded++;
        progressed = true;
        if (!this.running && this.loop) return { forwarded, outage: false };
      }
      if (!progressed) return { forwarded, outage: false };
    }
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      let waitMs: number;
      try {
        const pass = await this.drain();
        const purged = this.options.store.purgeDue(this.now());
        if (purged > 0) this.logger.info({ event: 'outbox.purged', applications: purged });
        this.options.store.checkpoint();
        if (pass.outage) {
          waitMs = this.outage.next();
        } else {
          this.outage.reset();
          const next = this.options.store.nextDueAt();
          waitMs =
            next === undefined
              ? this.options.idlePollMs
              : Math.min(this.options.idlePollMs, Math.max(0, next - this.now()));
        }
      } catch (e) {
        // A database or key problem: log it and keep the loop alive with backoff.
        this.logger.error({ event: 'outbox.forwarder-failed', error: (e as Error).message });
        waitMs = this.outage.next();
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async forwardOne(localReference: string): Promise<ForwardOutcome> {
    const { store } = this.options;
    const work = store.work(localReference);
    if (!work || work.row.state !== 'pending') return { kind: 'gone' };

    for (const file of work.files) {
      if (file.fileId !== null) continue;
      const bytes = store.fileBytes(localReference, file.position);
      const uploaded = await this.options.client.uploadFile({
        bytes,
        mediaType: file.mediaType,
      });
      if (!uploaded.ok) return this.failed(work, 'file upload', uploaded.error);
      if (uploaded.value.sha256 !== file.sha256) {
        return this.refuse(work, `file ${file.position}: the API stored a different digest`);
      }
      await this.options.onStep?.('file-uploaded', localReference);
      store.recordUpload(localReference, file.position, uploaded.value.fileId, this.now());
      await this.options.onStep?.('file-recorded', localReference);
      (file as { fileId: string | null }).fileId = uploaded.value.fileId;
    }

    const body = requestWithFiles(work);
    const created = await this.options.client.createApplication(work.row.idempotencyKey, body);
    if (!created.ok) return this.failed(work, 'application', created.error);
    await this.options.onStep?.('application-sent', localReference);
    const { trackingNumber, applicationId, status } = created.value.created;
    store.recordForwarded(
      localReference,
      { applicationId, trackingNumber, status },
      this.options.retentionMs,
      this.now(),
    );
    await this.options.onStep?.('application-recorded', localReference);
    this.logger.info({
      event: 'application.forwarded',
      localReference,
      trackingNumber,
      replayed: created.value.replayed,
      attempts: work.row.attempts + 1,
      queuedMs: this.now() - work.row.createdAt,
    });
    this.options.onForwarded?.(localReference, trackingNumber);
    return { kind: 'forwarded', trackingNumber, replayed: created.value.replayed };
  }

  /**
   * A failure that is neither the API's answer nor the network (a key that does not open the
   * row, a damaged row): logged, retried later, and the other applications go on.
   */
  private unexpected(localReference: string, e: unknown): ForwardOutcome {
    const message = `kiosk: ${(e as Error).message}`;
    const now = this.now();
    this.options.store.recordFailure(
      localReference,
      message,
      now + this.options.retryBackoff.maxMs,
      now,
    );
    this.logger.error({ event: 'outbox.forward-failed', localReference, error: message });
    return { kind: 'retry-later', message };
  }

  private failed(work: OutboxWork, what: string, error: ApprovalError): ForwardOutcome {
    const ref = work.row.localReference;
    const message = `${what}: ${describe(error)}`;
    const now = this.now();
    if (error.kind !== 'http' || OUTAGE_STATUSES.has(error.status)) {
      const retryAfterMs = error.kind === 'http' ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
      this.options.store.recordFailure(ref, message, now + retryAfterMs, now);
      this.logger.warn({ event: 'outbox.outage', localReference: ref, error: message });
      return { kind: 'outage', message };
    }
    if (RETRY_STATUSES.has(error.status)) {
      const delay = Math.max(
        (error.retryAfterSeconds ?? 0) * 1000,
        retryDelay(this.options, work.row.attempts),
      );
      this.options.store.recordFailure(ref, message, now + delay, now);
      this.logger.warn({
        event: 'outbox.retry-later',
        localReference: ref,
        error: message,
        delayMs: delay,
      });
      return { kind: 'retry-later', message };
    }
    return this.refuse(work, message);
  }

  private refuse(work: OutboxWork, message: string): ForwardOutcome {
    this.options.store.recordRefused(work.row.localReference, message, this.now());
    this.logger.error({
      event: 'outbox.refused',
      localReference: work.row.localReference,
      error: message,
    });
    return { kind: 'refused', message };
  }
}

/** The body as sent: each SCAN material gets its uploaded file's id and digest. */
export function requestWithFiles(work: OutboxWork): ApplicationRequestBody {
  const materials = work.request.materials.map((m) => ({ ...m }));
  for (const file of work.files) {
    const target = materials[file.materialIndex];
    if (!target || file.fileId === null) {
      throw new Error(
        `outbox ${work.row.localReference}: file ${file.position} has no material or id`,
      );
    }
    target.fileId = file.fileId;
    target.sha256 = file.sha256;
  }
  return { ...work.request, materials };
}

/** Jittered delay for an application's next attempt after `attempts` failed ones. */
function retryDelay(options: ForwarderOptions, attempts: number): number {
  const backoff = new Backoff({
    ...options.retryBackoff,
    ...(options.random ? { random: options.random } : {}),
  });
  let delay = backoff.next();
  for (let i = 0; i < Math.min(attempts, 32); i++) delay = backoff.next();
  return delay;
}

function describe(error: ApprovalError): string {
  return error.kind === 'http'
    ? `HTTP ${error.status} ${error.code}: ${error.message}`
    : `${error.kind}: ${error.message}`;
}
