/**
 * The ESC/POS receipt printer driver: one transport, real-time status before and after every
 * job, reconnects with backoff, and a `Result` for every print. A failed print says why and
 * whether anything reached paper, so the service keeps the receipt for a reprint.
 */
import { Backoff } from '../common/backoff.js';
import { DeviceStatusTracker, type Device, type DeviceStatus } from '../common/device.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { err, ok, type DeviceError, type Result } from '../common/result.js';
import type { FontCoverage } from './chinese-text.js';
import type { PaperWidthMm, ReceiptDocument } from './receipt-document.js';
import { encodeReceipt } from './receipt-encoder.js';
import {
  conditionFromReplies,
  describeCondition,
  isStatusReplyByte,
  statusRequestBytes,
  type PrinterCondition,
  type PrinterFault,
  type PrinterWarning,
} from './status.js';
import { createTransport, type PrinterTransport, type TransportConfig } from './transports.js';

export interface EscposPrinterSettings {
  readonly model: string;
  readonly paperWidthMm: PaperWidthMm;
  readonly fontCoverage: FontCoverage;
  readonly transport: TransportConfig;
  readonly statusTimeoutMs: number;
  readonly openTimeoutMs: number;
  readonly writeTimeoutMs: number;
}

export interface EscposPrinterOptions {
  /** Device id for the hub, default `printer`. */
  readonly id?: string;
  /** The config's `driver` value (`escpos` or `simulator`). */
  readonly driver?: string;
  readonly settings: EscposPrinterSettings;
  readonly logger?: Logger;
  /** A ready-made transport (tests); otherwise built from `settings.transport`. */
  readonly transport?: PrinterTransport;
  /**
   * Wait after the last byte left before asking for the after-job status, so the printer has
   * started on the job. Milliseconds; default 300.
   */
  readonly afterJobSettleMs?: number;
  /** Status poll while idle, milliseconds; 0 = never. Default 15,000. */
  readonly pollIntervalMs?: number;
}

export type PrintFailureCode =
  | PrinterFault
  | 'status-unknown'
  | 'not-connected'
  | 'write-failed'
  | 'write-timeout'
  | 'connection-lost';

/** Why a print failed; the receipt must be kept for reprint whenever this comes back. */
export interface PrintFailure extends DeviceError {
  readonly code: PrintFailureCode;
  /** When it failed: the check before sending, while sending, or the check after. */
  readonly stage: 'before' | 'sending' | 'after';
  /** Whether anything may be on paper: `no` before sending, otherwise `unknown`/`partly`. */
  readonly printed: 'no' | 'partly' | 'unknown';
  readonly condition: PrinterCondition;
}

export interface PrintReport {
  readonly bytes: number;
  readonly before: PrinterCondition;
  readonly after: PrinterCondition;
  /** E.g. `paper-near-end`: printed fine, but staff should act soon. */
  readonly warnings: readonly PrinterWarning[];
}

const RECONNECT_BACKOFF = { initialMs: 500, maxMs: 30_000 } as const;
const DEFAULT_SETTLE_MS = 300;
const DEFAULT_POLL_MS = 15_000;

const FAULT_MESSAGES: Readonly<Record<PrinterFault, string>> = {
  'paper-end': 'the printer is out of paper',
  'cover-open': 'the printer cover is open',
  offline: 'the printer is offline',
  'cutter-error': 'the cutter is jammed',
  'unrecoverable-error': 'the printer reports an unrecoverable error',
};

/** A receipt printer speaking ESC/POS; implements the common `Device` lifecycle. */
export class EscposPrinter implements Device {
  readonly id: string;
  readonly family = 'printer' as const;
  readonly driver: string;
  private readonly settings: EscposPrinterSettings;
  private readonly transport: PrinterTransport;
  private readonly tracker: DeviceStatusTracker;
  private readonly logger: Logger;
  private readonly backoff = new Backoff(RECONNECT_BACKOFF);
  private readonly settleMs: number;
  private readonly pollMs: number;
  private condition: PrinterCondition = { known: false, reason: 'not-connected' };
  private replies: number[] = [];
  private replyWaiter: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private running = false;
  private unsubscribe: (() => void)[] = [];

  constructor(options: EscposPrinterOptions) {
    this.id = options.id ?? 'printer';
    this.driver = options.driver ?? 'escpos';
    this.settings = options.settings;
    this.logger = (options.logger ?? silentLogger).child({ device: this.id });
    this.transport =
      options.transport ??
      createTransport(options.settings.transport, {
        openTimeoutMs: options.settings.openTimeoutMs,
        writeTimeoutMs: options.settings.writeTimeoutMs,
      });
    this.tracker = new DeviceStatusTracker(this.id, 'printer', this.driver);
    this.settleMs = options.afterJobSettleMs ?? DEFAULT_SETTLE_MS;
    this.pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
  }

  // ---- Device -------------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = [
      this.transport.on('data', (chunk) => this.onData(chunk)),
      this.transport.on('lost', (reason) => this.onLost(reason)),
    ];
    await this.exclusive(() => this.connect());
    if (this.pollMs > 0) {
      this.pollTimer = setInterval(() => void this.checkStatus(), this.pollMs);
      this.pollTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.reconnectTimer = null;
    this.pollTimer = null;
    await this.exclusive(() => this.transport.close());
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.condition = { known: false, reason: 'not-connected' };
    this.tracker.setState('disconnected', 'stopped');
  }

  status(): DeviceStatus {
    return this.tracker.status;
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.on('status', listener);
  }

  /** The last known printer condition (faults, warnings, raw status bytes). */
  lastCondition(): PrinterCondition {
    return this.condition;
  }

  get paperWidthMm(): PaperWidthMm {
    return this.settings.paperWidthMm;
  }

  // ---- operations ---------------------------------------------------------------------------

  /** Asks the printer for its status now (`DLE EOT 1..4`). */
  checkStatus(): Promise<PrinterCondition> {
    return this.exclusive(() => this.queryStatus());
  }

  /** Encodes and prints a receipt document. */
  async printDocument(document: ReceiptDocument): Promise<Result<PrintReport, PrintFailure>> {
    const bytes = await encodeReceipt(document, {
      model: this.settings.model,
      paperWidthMm: this.settings.paperWidthMm,
      fontCoverage: this.settings.fontCoverage,
    });
    return this.printBytes(bytes);
  }

  /**
   * Prints one job: status before (refuses on a fault or no answer), the bytes, then status
   * after. Never throws for anything the printer or a person can cause.
   */
  printBytes(bytes: Uint8Array): Promise<Result<PrintReport, PrintFailure>> {
    return this.exclusive(() => this.runJob(bytes));
  }

  // ---- internals ----------------------------------------------------------------------------

  private async runJob(bytes: Uint8Array): Promise<Result<PrintReport, PrintFailure>> {
    if (!this.transport.isOpen) await this.connect();
    if (!this.transport.isOpen) {
      return this.fail(
        'not-connected',
        'before',
        'no',
        `${this.transport.description} is not reachable`,
      );
    }

    const before = await this.queryStatus();
    const refusal = this.refusal(before, 'before');
    if (refusal) return refusal;

    this.tracker.setState('busy', 'printing');
    const sent = await this.transport.write(bytes);
    if (!sent.ok) {
      const code: PrintFailureCode =
        sent.error.code === 'write-timeout'
          ? 'write-timeout'
          : sent.error.code === 'connection-lost' || sent.error.code === 'not-connected'
            ? 'connection-lost'
            : 'write-failed';
      this.condition = { known: false, reason: 'not-connected' };
      this.applyCondition();
      return this.fail(code, 'sending', 'unknown', sent.error.message);
    }

    await new Promise((r) => setTimeout(r, this.settleMs));
    const after = await this.queryStatus();
    const afterRefusal = this.refusal(after, 'after');
    if (afterRefusal) return afterRefusal;

    const warnings = after.known ? after.warnings : [];
    this.logger.info({
      event: 'printer.job-printed',
      bytes: bytes.length,
      warnings,
    });
    return ok({ bytes: bytes.length, before, after, warnings });
  }

  /** A failure for a condition that does not allow printing, or null when it does. */
  private refusal(
    condition: PrinterCondition,
    stage: 'before' | 'after',
  ): Result<never, PrintFailure> | null {
    const printed = stage === 'before' ? 'no' : 'unknown';
    if (!condition.known) {
      const message =
        stage === 'before'
          ? `no status answer from the printer (${condition.reason}); not printing blind`
          : `no status answer after the job (${condition.reason}); the receipt may not have printed`;
      return this.fail('status-unknown', stage, printed, message);
    }
    const fault = condition.faults[0];
    if (fault === undefined) return null;
    const message =
      stage === 'before'
        ? `${FAULT_MESSAGES[fault]}; nothing was printed`
        : `${FAULT_MESSAGES[fault]} after the job; the receipt is probably incomplete`;
    return this.fail(fault, stage, stage === 'before' ? 'no' : 'partly', message);
  }

  private fail(
    code: PrintFailureCode,
    stage: PrintFailure['stage'],
    printed: PrintFailure['printed'],
    message: string,
  ): Result<never, PrintFailure> {
    const failure: PrintFailure = { code, stage, printed, message, condition: this.condition };
    this.tracker.recordError({ code, message });
    this.logger.warn({ event: 'printer.job-failed', code, stage, printed });
    this.applyCondition();
    return err(failure);
  }

  private async connect(): Promise<void> {
    if (this.transport.isOpen || !this.running) return;
    this.tracker.setState('connecting', this.transport.description);
    const opened = await this.transport.open();
    if (!opened.ok) {
      this.tracker.recordError(opened.error);
      this.tracker.setState('disconnected', opened.error.message);
      this.logger.warn({ event: 'printer.connect-failed', code: opened.error.code });
      this.scheduleReconnect();
      return;
    }
    this.backoff.reset();
    this.logger.info({ event: 'printer.connected', transport: this.transport.description });
    await this.queryStatus();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const delay = this.backoff.next();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.exclusive(() => this.connect());
    }, delay);
    this.reconnectTimer.unref();
  }

  private onLost(reason: string): void {
    this.condition = { known: false, reason: 'not-connected' };
    this.tracker.recordError({ code: 'connection-lost', message: reason });
    this.tracker.setState('disconnected', reason);
    this.logger.warn({ event: 'printer.disconnected', reason });
    this.scheduleReconnect();
  }

  private onData(chunk: Uint8Array): void {
    // Only bytes shaped like DLE EOT replies count; anything else (automatic status blocks,
    // noise) is dropped so it cannot be mistaken for a status.
    for (const byte of chunk) if (isStatusReplyByte(byte)) this.replies.push(byte);
    if (this.replies.length >= 4) this.replyWaiter?.();
  }

  private async queryStatus(): Promise<PrinterCondition> {
    if (!this.transport.isOpen) {
      this.condition = { known: false, reason: 'not-connected' };
      this.applyCondition();
      return this.condition;
    }
    // Replies from earlier (late answers, stray requests) must not be read as this answer.
    this.replies = [];
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.settings.statusTimeoutMs);
      this.replyWaiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    const sent = await this.transport.write(statusRequestBytes());
    const got = sent.ok ? await answered : false;
    this.replyWaiter = null;

    this.condition = got
      ? conditionFromReplies(this.replies.slice(0, 4))
      : { known: false, reason: sent.ok ? 'no-answer' : 'not-connected' };
    this.replies = [];
    this.applyCondition();
    return this.condition;
  }

  /** Mirrors the condition into the device status; one log line per change. */
  private applyCondition(): void {
    const before = this.tracker.status;
    const c = this.condition;
    if (!this.transport.isOpen) {
      this.tracker.setState('disconnected', this.transport.description);
    } else if (!c.known) {
      this.tracker.setState('fault', describeCondition(c));
    } else if (c.faults.length > 0) {
      this.tracker.setState('fault', describeCondition(c));
    } else {
      this.tracker.setState(
        'ready',
        c.warnings.length > 0 ? describeCondition(c) : this.transport.description,
      );
    }
    const after = this.tracker.status;
    if (after.state !== before.state || after.detail !== before.detail) {
      this.logger.info({
        event: 'printer.status-changed',
        state: after.state,
        detail: after.detail,
      });
    }
  }

  /** Runs operations one at a time so a status poll never interleaves with a job. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
