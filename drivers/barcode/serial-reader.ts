/**
 * Serial / USB-COM barcode reader (CDC-ACM `/dev/ttyACM*`, USB-serial `/dev/ttyUSB*`): the
 * reader sends each code as raw bytes, optionally behind an AIM identifier, followed by a
 * suffix. Opens the port, frames codes, interprets them, and reopens with backoff when the
 * port disappears (cable pulled, reader reset).
 */
import { SerialPort } from 'serialport';
import { Backoff } from '../common/backoff.js';
import { DeviceStatusTracker, type DeviceStatus } from '../common/device.js';
import { TypedEmitter } from '../common/emitter.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { RECONNECT_INITIAL_MS, RECONNECT_MAX_MS, type BarcodeReader } from './reader.js';
import { interpretScan, scanLogFields, type BarcodeScan } from './scan.js';
import { ScanFramer, type SerialSuffix } from './serial-framing.js';

export interface SerialReaderConfig {
  /** Device id, e.g. `barcode.0`. */
  readonly id: string;
  readonly path: string;
  readonly baudRate: number;
  readonly suffix: SerialSuffix;
  /**
   * Pause that ends a code when `suffix` is `none`, and after which an unterminated fragment
   * is dropped otherwise; milliseconds.
   */
  readonly interByteTimeoutMs: number;
}

/** The part of serialport's `SerialPort` the reader uses, so tests can see the seams. */
export interface SerialPortLike {
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error', listener: (error?: Error) => void): unknown;
  removeAllListeners(): unknown;
  readonly isOpen: boolean;
}

export interface SerialReaderDeps {
  readonly logger?: Logger;
  readonly openPort?: (path: string, baudRate: number) => SerialPortLike;
  readonly backoff?: Backoff;
  readonly now?: () => Date;
}

const defaultOpenPort = (path: string, baudRate: number): SerialPortLike =>
  new SerialPort({ path, baudRate, autoOpen: false });

export class SerialBarcodeReader implements BarcodeReader {
  readonly family = 'barcode' as const;
  readonly driver = 'serial';
  private readonly tracker: DeviceStatusTracker;
  private readonly scans = new TypedEmitter<{ scan: BarcodeScan }>();
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly now: () => Date;
  private readonly framer: ScanFramer;
  private port: SerialPortLike | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private everConnected = false;

  constructor(
    private readonly config: SerialReaderConfig,
    private readonly deps: SerialReaderDeps = {},
  ) {
    this.now = deps.now ?? (() => new Date());
    this.tracker = new DeviceStatusTracker(config.id, 'barcode', 'serial', this.now);
    this.logger = (deps.logger ?? silentLogger).child({ deviceId: config.id });
    this.backoff =
      deps.backoff ?? new Backoff({ initialMs: RECONNECT_INITIAL_MS, maxMs: RECONNECT_MAX_MS });
    this.framer = new ScanFramer(config.suffix);
  }

  get id(): string {
    return this.config.id;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.idleTimer);
    await this.closePort();
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

  private get detail(): string {
    return `${this.config.path} @ ${this.config.baudRate}`;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.tracker.setState(this.everConnected ? 'disconnected' : 'connecting', this.detail);
    const port = (this.deps.openPort ?? defaultOpenPort)(this.config.path, this.config.baudRate);
    const opened = await new Promise<Error | null>((resolve) => port.open(resolve));
    if (this.stopped) {
      if (!opened) port.close();
      return;
    }
    if (opened) {
      this.tracker.recordError({ code: 'open-failed', message: opened.message });
      this.scheduleReconnect();
      return;
    }

    this.port = port;
    port.on('data', (chunk) => this.onData(chunk));
    port.on('close', () => this.onLost('closed'));
    port.on('error', (e) => this.onLost(e?.message ?? 'error'));
    if (this.everConnected) {
      this.logger.info({ event: 'device.reconnected', attempts: this.backoff.attempts });
    }
    this.everConnected = true;
    this.backoff.reset();
    this.tracker.setState('ready', this.detail);
  }

  private onData(chunk: Buffer): void {
    for (const event of this.framer.push(chunk)) {
      if (event.type === 'frame') this.emitScan(event.bytes);
      else this.logger.warn({ event: 'barcode.overflow', droppedBytes: event.droppedBytes });
    }
    clearTimeout(this.idleTimer);
    if (this.framer.pendingBytes > 0) {
      this.idleTimer = setTimeout(() => this.onIdle(), this.config.interByteTimeoutMs);
    }
  }

  private onIdle(): void {
    const event = this.framer.flush();
    if (event?.type === 'frame') this.emitScan(event.bytes);
    else if (event?.type === 'dropped') {
      this.logger.warn({ event: 'barcode.fragment-dropped', bytes: event.bytes });
    }
  }

  private emitScan(bytes: Uint8Array): void {
    const scan = interpretScan(bytes, { readerId: this.config.id, now: this.now() });
    this.logger.info({ event: 'barcode.scanned', ...scanLogFields(scan) });
    this.scans.emit('scan', scan);
  }

  private onLost(reason: string): void {
    if (this.stopped || !this.port) return;
    const port = this.port;
    this.port = undefined;
    port.removeAllListeners();
    if (port.isOpen) port.close();
    clearTimeout(this.idleTimer);
    this.framer.flush();
    this.tracker.recordError({ code: 'disconnected', message: reason });
    this.logger.warn({ event: 'device.disconnected', reason });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.tracker.setState('disconnected', this.detail);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.backoff.next());
  }

  private closePort(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port) return Promise.resolve();
    port.removeAllListeners();
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
