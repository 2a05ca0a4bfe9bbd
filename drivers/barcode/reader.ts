/**
 * What every barcode reader driver offers the device hub, whatever its transport, and the
 * lifecycle they share: open, report `ready`, turn complete codes into scans, and on loss
 * report `disconnected` and reopen with backoff until stopped.
 */
import { Backoff } from '../common/backoff.js';
import { DeviceStatusTracker, type Device, type DeviceStatus } from '../common/device.js';
import { TypedEmitter } from '../common/emitter.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { interpretScan, scanLogFields, type BarcodeScan } from './scan.js';

export interface BarcodeReader extends Device {
  readonly family: 'barcode';
  /** Called once per complete code; returns an unsubscribe function. */
  onScan(listener: (scan: BarcodeScan) => void): () => void;
}

/** Reconnect delays after a reader disappears, milliseconds. */
export const RECONNECT_INITIAL_MS = 250;
export const RECONNECT_MAX_MS = 5000;

export interface ReaderDeps {
  readonly logger?: Logger;
  readonly backoff?: Backoff;
  readonly now?: () => Date;
}

/**
 * Base of the serial and HID POS drivers. A subclass opens and closes its transport, wires
 * the transport's data to `emitScan` and its failure to `lost`; this class does the states,
 * the reconnect schedule and the log lines.
 */
export abstract class ReconnectingBarcodeReader implements BarcodeReader {
  readonly family = 'barcode' as const;
  protected readonly tracker: DeviceStatusTracker;
  protected readonly logger: Logger;
  protected readonly now: () => Date;
  private readonly scans = new TypedEmitter<{ scan: BarcodeScan }>();
  private readonly backoff: Backoff;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private everConnected = false;

  constructor(
    readonly id: string,
    readonly driver: string,
    deps: ReaderDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.tracker = new DeviceStatusTracker(id, 'barcode', driver, this.now);
    this.logger = (deps.logger ?? silentLogger).child({ deviceId: id });
    this.backoff =
      deps.backoff ?? new Backoff({ initialMs: RECONNECT_INITIAL_MS, maxMs: RECONNECT_MAX_MS });
  }

  /** Technician-facing detail, e.g. `/dev/ttyACM0 @ 9600`. */
  protected abstract get detail(): string;
  /** Opens the transport and wires its events; resolves to an error message on failure. */
  protected abstract openTransport(): Promise<string | undefined>;
  /** Closes the transport and unwires it; safe when nothing is open. */
  protected abstract closeTransport(): Promise<void>;

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.closeTransport();
    this.tracker.setState('disconnected', 'stopped');
  }

  status(): DeviceStatus {
    return this.tracker.status;
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.on('status', listener);
  }

  onScan(listener: (scan: BarcodeScan) => void): () => void {
    return this.scans.on('scan', listener);
  }

  protected get isStopped(): boolean {
    return this.stopped;
  }

  /** Interprets one complete code and hands it to listeners; empty codes are no scans. */
  protected emitScan(bytes: Uint8Array, symbologyIdentifier?: string): void {
    if (bytes.length === 0) return;
    const scan = interpretScan(bytes, {
      readerId: this.id,
      ...(symbologyIdentifier === undefined ? {} : { symbologyIdentifier }),
      now: this.now(),
    });
    this.logger.info({ event: 'barcode.scanned', ...scanLogFields(scan) });
    this.scans.emit('scan', scan);
  }

  /** The transport failed or went away: close it and schedule a reopen. */
  protected lost(reason: string): void {
    if (this.stopped) return;
    void this.closeTransport();
    this.tracker.recordError({ code: 'disconnected', message: reason });
    this.logger.warn({ event: 'device.disconnected', reason });
    this.scheduleReconnect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.tracker.setState(this.everConnected ? 'disconnected' : 'connecting', this.detail);
    const error = await this.openTransport();
    if (this.stopped) {
      await this.closeTransport();
      return;
    }
    if (error !== undefined) {
      this.tracker.recordError({ code: 'open-failed', message: error });
      this.scheduleReconnect();
      return;
    }
    if (this.everConnected) {
      this.logger.info({ event: 'device.reconnected', attempts: this.backoff.attempts });
    }
    this.everConnected = true;
    this.backoff.reset();
    this.tracker.setState('ready', this.detail);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.tracker.setState('disconnected', this.detail);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.backoff.next());
  }
}
