/**
 * What the eSCL and SANE drivers share: the device lifecycle (start, stop, status), a health
 * check repeated while idle (never during a scan), and the frame around every scan (one at a
 * time, state `busy`, one log line when it ends, the error remembered for the technician).
 */
import { DeviceStatusTracker, type DeviceState, type DeviceStatus } from '../common/device.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { err, type Result } from '../common/result.js';
import type {
  RawPage,
  ScanError,
  ScannerCapabilities,
  ScannerDriver,
  ScanRequest,
} from './types.js';
import { scanError } from './types.js';

/** Errors after which the device stays unusable until someone acts on it. */
const PERSON_MUST_ACT = new Set<ScanError['code']>(['feeder-jam', 'door-open']);

/** What one health check found, and when to look again. */
export interface HealthReport {
  readonly state: Exclude<DeviceState, 'not-configured' | 'connecting'>;
  readonly detail?: string;
  /** Wait until the next check, milliseconds. */
  readonly nextCheckMs: number;
}

export abstract class PolledScanner implements ScannerDriver {
  readonly family = 'scanner' as const;
  protected readonly tracker: DeviceStatusTracker;
  protected readonly logger: Logger;
  private pollTimer: NodeJS.Timeout | undefined;
  private running = false;
  private scanning = false;

  constructor(
    readonly id: string,
    readonly driver: string,
    logger: Logger | undefined,
  ) {
    this.tracker = new DeviceStatusTracker(id, 'scanner', driver);
    this.logger = (logger ?? silentLogger).child({ device: id, driver });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  status(): DeviceStatus {
    return this.tracker.status;
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.on('status', listener);
  }

  abstract capabilities(): Promise<Result<ScannerCapabilities, ScanError>>;

  async scan(request: ScanRequest): Promise<Result<RawPage[], ScanError>> {
    if (this.scanning) return err(scanError('busy', 'a scan is already running on this scanner'));
    if (request.signal?.aborted) return err(scanError('cancelled', 'the scan was cancelled'));
    this.scanning = true;
    this.tracker.setState('busy', `scanning from ${request.source}`);
    this.logger.info({ event: 'scanner.scan-started', source: request.source });
    const started = Date.now();
    let result: Result<RawPage[], ScanError>;
    try {
      result = await this.performScan(request);
    } finally {
      this.scanning = false;
    }

    if (result.ok) {
      this.logger.info({
        event: 'scanner.scan-completed',
        source: request.source,
        pages: result.value.length,
        ms: Date.now() - started,
      });
    } else {
      const cancelled = result.error.code === 'cancelled';
      this.logger[cancelled ? 'info' : 'warn']({
        event: cancelled ? 'scanner.scan-cancelled' : 'scanner.scan-failed',
        source: request.source,
        code: result.error.code,
        reason: result.error.message,
      });
      this.tracker.recordError(result.error);
    }

    // Say at once what the outcome means for the device; the health check that follows runs
    // in the background so it never delays the pages (opening a USB scanner takes seconds).
    if (!result.ok && result.error.code === 'unavailable') {
      this.forgetDevice();
      this.tracker.setState('disconnected', result.error.message);
    } else if (!result.ok && PERSON_MUST_ACT.has(result.error.code)) {
      this.tracker.setState('fault', result.error.message);
    } else {
      this.tracker.setState('ready');
    }
    if (this.running) void this.poll();
    return result;
  }

  /** Runs one scan; the frame (busy state, logging, follow-up) is done by `scan`. */
  protected abstract performScan(request: ScanRequest): Promise<Result<RawPage[], ScanError>>;

  /** One health check; it must not change the tracker (a scan may have started meanwhile). */
  protected abstract checkHealth(): Promise<HealthReport>;

  /** Drops whatever the driver cached about the device (it may come back as another model). */
  protected abstract forgetDevice(): void;

  private async poll(): Promise<void> {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (this.scanning) return;
    const health = await this.checkHealth();
    if (this.scanning) return; // the scan owns the state now and polls again when it ends

    const before = this.tracker.status.state;
    if (health.state === 'disconnected') {
      if (before !== 'disconnected') {
        this.logger.warn({ event: 'device.disconnected', reason: health.detail });
      }
      this.forgetDevice();
    } else if (before === 'disconnected' || before === 'connecting') {
      this.logger.info({ event: 'device.connected' });
    }
    this.tracker.setState(health.state, health.detail);

    if (!this.running) return;
    this.pollTimer = setTimeout(() => void this.poll(), health.nextCheckMs);
    this.pollTimer.unref();
  }
}
