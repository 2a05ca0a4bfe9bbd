/**
 * Serial / USB-COM barcode reader (CDC-ACM `/dev/ttyACM*`, USB-serial `/dev/ttyUSB*`): the
 * reader sends each code as raw bytes, optionally behind an AIM identifier, followed by a
 * suffix. Opens the port, frames codes, interprets them, and reopens with backoff when the
 * port disappears (cable pulled, reader reset).
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { ReconnectingBarcodeReader, type ReaderDeps } from './reader.js';
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

export interface SerialReaderDeps extends ReaderDeps {
  readonly openPort?: (path: string, baudRate: number) => SerialPortLike;
  /** Whether the device node still exists; default `fs.existsSync`. */
  readonly pathExists?: (path: string) => boolean;
}

/**
 * How often an open port's device node is checked, milliseconds. A reader only listens, so a
 * pulled cable shows only as a 'close' or 'error' from serialport, and on Linux that event
 * sometimes never comes (seen with pty pairs closed while data was unread). udev removes the
 * node (`/dev/ttyACM0`, `/dev/serial/by-id/...`) on unplug, so its absence is the backstop.
 */
const PRESENCE_CHECK_MS = 1000;

const defaultOpenPort = (path: string, baudRate: number): SerialPortLike =>
  new SerialPort({ path, baudRate, autoOpen: false });

export class SerialBarcodeReader extends ReconnectingBarcodeReader {
  private readonly framer: ScanFramer;
  private port: SerialPortLike | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: SerialReaderConfig,
    private readonly deps: SerialReaderDeps = {},
  ) {
    super(config.id, 'serial', deps);
    this.framer = new ScanFramer(config.suffix);
  }

  protected get detail(): string {
    return `${this.config.path} @ ${this.config.baudRate}`;
  }

  protected async openTransport(): Promise<string | undefined> {
    const port = (this.deps.openPort ?? defaultOpenPort)(this.config.path, this.config.baudRate);
    const error = await new Promise<Error | null>((resolve) => port.open(resolve));
    if (error) return error.message;
    this.port = port;
    port.on('data', (chunk) => this.onData(chunk));
    port.on('close', () => this.lost('closed'));
    port.on('error', (e) => this.lost(e?.message ?? 'error'));
    const pathExists = this.deps.pathExists ?? existsSync;
    this.presenceTimer = setInterval(() => {
      if (this.port === port && !pathExists(this.config.path)) this.lost('device node gone');
    }, PRESENCE_CHECK_MS);
    this.presenceTimer.unref();
    return undefined;
  }

  protected closeTransport(): Promise<void> {
    clearTimeout(this.idleTimer);
    clearInterval(this.presenceTimer);
    this.framer.flush();
    const port = this.port;
    this.port = undefined;
    if (!port) return Promise.resolve();
    port.removeAllListeners();
    // A late error from a vanishing port must not become an unhandled 'error' event.
    port.on('error', () => undefined);
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
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
}
