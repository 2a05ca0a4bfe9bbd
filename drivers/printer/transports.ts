/**
 * The three ways bytes reach a receipt printer: raw TCP (port 9100), a serial line, and the
 * Linux USB printer device file (`/dev/usb/lp0`). Each has timeouts on open and on write and
 * hands back whatever the printer sends (status replies). Failures a person can cause (cable
 * pulled, printer off) come back as `Result`s, never exceptions.
 */
import { constants as fsConstants } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { TypedEmitter } from '../common/emitter.js';
import { deviceError, ok, type DeviceError, type Result } from '../common/result.js';

export type TransportConfig =
  | { readonly type: 'tcp'; readonly host: string; readonly port: number }
  | { readonly type: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly type: 'device'; readonly path: string };

export interface TransportTimeouts {
  /** Longest wait for a connection or for the port/file to open, milliseconds. */
  readonly openTimeoutMs: number;
  /** Longest wait for one job's bytes to leave, milliseconds. */
  readonly writeTimeoutMs: number;
}

export const DEFAULT_TRANSPORT_TIMEOUTS: TransportTimeouts = {
  openTimeoutMs: 3000,
  writeTimeoutMs: 15_000,
};

export type TransportEvents = {
  data: Uint8Array;
  /** The link went away by itself (not by `close()`); the text says why. */
  lost: string;
};

export interface PrinterTransport {
  /** For technicians and logs, e.g. `tcp 192.168.1.50:9100`. */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<Result<void, DeviceError>>;
  write(bytes: Uint8Array): Promise<Result<void, DeviceError>>;
  on<K extends keyof TransportEvents>(
    event: K,
    listener: (payload: TransportEvents[K]) => void,
  ): () => void;
  close(): Promise<void>;
}

export function describeTransport(config: TransportConfig): string {
  switch (config.type) {
    case 'tcp':
      return `tcp ${config.host}:${config.port}`;
    case 'serial':
      return `serial ${config.path} @ ${config.baudRate}`;
    case 'device':
      return `device ${config.path}`;
  }
}

export function createTransport(
  config: TransportConfig,
  timeouts: TransportTimeouts = DEFAULT_TRANSPORT_TIMEOUTS,
): PrinterTransport {
  switch (config.type) {
    case 'tcp':
      return new TcpTransport(config.host, config.port, timeouts);
    case 'serial':
      return new SerialTransport(config.path, config.baudRate, timeouts);
    case 'device':
      return new DeviceFileTransport(config.path, timeouts);
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Races a promise against a timer; the loser is ignored. */
function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(onTimeout()), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

// ---- TCP ----------------------------------------------------------------------------------------

/** Raw socket printing (JetDirect / port 9100): bytes in, status bytes back on the same socket. */
export class TcpTransport extends TypedEmitter<TransportEvents> implements PrinterTransport {
  private socket: Socket | null = null;
  private closing = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeouts: TransportTimeouts,
  ) {
    super();
  }

  get description(): string {
    return `tcp ${this.host}:${this.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  open(): Promise<Result<void, DeviceError>> {
    this.closing = false;
    return new Promise((resolve) => {
      const socket = connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(
          deviceError(
            'open-timeout',
            `${this.description}: no connection within ${this.timeouts.openTimeoutMs} ms`,
          ),
        );
      }, this.timeouts.openTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(deviceError('open-failed', `${this.description}: ${messageOf(error)}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 5000);
        socket.on('data', (chunk: Buffer) => this.emit('data', new Uint8Array(chunk)));
        socket.on('error', () => socket.destroy());
        socket.on('close', () => {
          if (this.socket === socket) this.socket = null;
          if (!this.closing) this.emit('lost', `${this.description}: connection closed`);
        });
        this.socket = socket;
        resolve(ok(undefined));
      });
    });
  }

  write(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      return Promise.resolve(deviceError('not-connected', `${this.description}: not connected`));
    }
    const sent = new Promise<Result<void, DeviceError>>((resolve) => {
      const onClose = (): void =>
        resolve(deviceError('connection-lost', `${this.description}: closed while sending`));
      socket.once('close', onClose);
      socket.write(bytes, (error) => {
        socket.off('close', onClose);
        resolve(
          error
            ? deviceError('write-failed', `${this.description}: ${messageOf(error)}`)
            : ok(undefined),
        );
      });
    });
    return withTimeout(sent, this.timeouts.writeTimeoutMs, () => {
      // A printer that stops reading (paper out with a full buffer) stalls the socket.
      socket.destroy();
      return deviceError(
        'write-timeout',
        `${this.description}: bytes not accepted within ${this.timeouts.writeTimeoutMs} ms`,
      );
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}

// ---- Serial -------------------------------------------------------------------------------------

export class SerialTransport extends TypedEmitter<TransportEvents> implements PrinterTransport {
  private port: SerialPort | null = null;
  private closing = false;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly timeouts: TransportTimeouts,
  ) {
    super();
  }

  get description(): string {
    return `serial ${this.path} @ ${this.baudRate}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<Result<void, DeviceError>> {
    this.closing = false;
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    const opened = new Promise<Result<void, DeviceError>>((resolve) =>
      port.open((error) =>
        resolve(
          error
            ? deviceError('open-failed', `${this.description}: ${error.message}`)
            : ok(undefined),
        ),
      ),
    );
    const result = await withTimeout(opened, this.timeouts.openTimeoutMs, () =>
      deviceError(
        'open-timeout',
        `${this.description}: did not open within ${this.timeouts.openTimeoutMs} ms`,
      ),
    );
    if (!result.ok) {
      if (port.isOpen) port.close();
      return result;
    }
    port.on('data', (chunk: Buffer) => this.emit('data', new Uint8Array(chunk)));
    // A pulled USB-serial adapter shows up as a read error (EIO) or as a close.
    const lose = (reason: string): void => {
      if (this.port !== port) return;
      this.port = null;
      port.removeAllListeners('data');
      if (port.isOpen) port.close();
      if (!this.closing) this.emit('lost', `${this.description}: ${reason}`);
    };
    port.on('error', (error: Error) => lose(error.message));
    port.on('close', () => lose('port closed (unplugged?)'));
    this.port = port;
    return ok(undefined);
  }

  write(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    const port = this.port;
    if (!port?.isOpen) {
      return Promise.resolve(deviceError('not-connected', `${this.description}: not open`));
    }
    const sent = new Promise<Result<void, DeviceError>>((resolve) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error)
          return resolve(deviceError('write-failed', `${this.description}: ${error.message}`));
        // drain: wait until the OS has handed the bytes to the line, so the timeout is real.
        port.drain((drainError) =>
          resolve(
            drainError
              ? deviceError('write-failed', `${this.description}: ${drainError.message}`)
              : ok(undefined),
          ),
        );
      });
    });
    return withTimeout(sent, this.timeouts.writeTimeoutMs, () =>
      deviceError(
        'write-timeout',
        `${this.description}: bytes not sent within ${this.timeouts.writeTimeoutMs} ms (flow control held?)`,
      ),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

// ---- Device file --------------------------------------------------------------------------------

/** How often the device file is read for status replies, milliseconds. */
const DEVICE_READ_POLL_MS = 25;
/** Pause before retrying a write the kernel refused with EAGAIN (buffer full). */
const DEVICE_WRITE_RETRY_MS = 10;

/**
 * The Linux USB printer class driver's device file (`/dev/usb/lp0`). It is opened
 * non-blocking: reads return status bytes only on bidirectional printers, and a blocking read
 * would hold one of libuv's four pool threads for as long as the printer stays silent.
 * Opened write-only when the file refuses reading; status is then always unknown.
 */
export class DeviceFileTransport extends TypedEmitter<TransportEvents> implements PrinterTransport {
  private handle: FileHandle | null = null;
  private poller: NodeJS.Timeout | null = null;
  private reading = false;
  private closing = false;

  constructor(
    private readonly path: string,
    private readonly timeouts: TransportTimeouts,
  ) {
    super();
  }

  get description(): string {
    return `device ${this.path}`;
  }

  get isOpen(): boolean {
    return this.handle !== null;
  }

  async open(): Promise<Result<void, DeviceError>> {
    this.closing = false;
    const { O_RDWR, O_WRONLY, O_NONBLOCK, O_NOCTTY } = fsConstants;
    const attempt = async (flags: number): Promise<Result<FileHandle, DeviceError>> => {
      try {
        return ok(await openFile(this.path, flags));
      } catch (error) {
        return deviceError('open-failed', `${this.description}: ${messageOf(error)}`);
      }
    };
    const timeout = (): Result<FileHandle, DeviceError> =>
      deviceError('open-timeout', `${this.description}: did not open in time`);

    let opened = await withTimeout(
      attempt(O_RDWR | O_NONBLOCK | O_NOCTTY),
      this.timeouts.openTimeoutMs,
      timeout,
    );
    let readable = true;
    if (!opened.ok && opened.error.code === 'open-failed') {
      opened = await withTimeout(
        attempt(O_WRONLY | O_NONBLOCK | O_NOCTTY),
        this.timeouts.openTimeoutMs,
        timeout,
      );
      readable = false;
    }
    if (!opened.ok) return opened;
    this.handle = opened.value;
    if (readable) this.poller = setInterval(() => void this.poll(), DEVICE_READ_POLL_MS);
    return ok(undefined);
  }

  private async poll(): Promise<void> {
    const handle = this.handle;
    if (!handle || this.reading) return;
    this.reading = true;
    try {
      const buffer = Buffer.alloc(64);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead > 0) this.emit('data', new Uint8Array(buffer.subarray(0, bytesRead)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // EAGAIN: nothing to read. EIO / ENODEV / EBADF: the device went away.
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') await this.lose(code ?? messageOf(error));
    } finally {
      this.reading = false;
    }
  }

  private async lose(reason: string): Promise<void> {
    if (this.closing || !this.handle) return;
    await this.shut();
    this.emit('lost', `${this.description}: ${reason}`);
  }

  async write(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    const handle = this.handle;
    if (!handle) return deviceError('not-connected', `${this.description}: not open`);
    const deadline = Date.now() + this.timeouts.writeTimeoutMs;
    let offset = 0;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') {
          await this.lose(code ?? messageOf(error));
          return deviceError('write-failed', `${this.description}: ${messageOf(error)}`);
        }
        if (Date.now() > deadline) {
          return deviceError(
            'write-timeout',
            `${this.description}: printer stopped taking bytes for ${this.timeouts.writeTimeoutMs} ms`,
          );
        }
        await new Promise((r) => setTimeout(r, DEVICE_WRITE_RETRY_MS));
      }
    }
    return ok(undefined);
  }

  private async shut(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.shut();
  }
}

// ---- Deferred -----------------------------------------------------------------------------------

/**
 * A transport whose real target is known only when it opens, e.g. the in-process simulator's
 * loopback port, which exists after the simulator starts listening. Each `open()` asks the
 * factory for a fresh transport and forwards its events.
 */
export class DeferredTransport extends TypedEmitter<TransportEvents> implements PrinterTransport {
  private inner: PrinterTransport | null = null;
  private offs: (() => void)[] = [];

  constructor(
    readonly description: string,
    private readonly factory: () => Promise<PrinterTransport>,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.inner?.isOpen ?? false;
  }

  async open(): Promise<Result<void, DeviceError>> {
    await this.close();
    let inner: PrinterTransport;
    try {
      inner = await this.factory();
    } catch (error) {
      return deviceError('open-failed', `${this.description}: ${messageOf(error)}`);
    }
    this.offs = [
      inner.on('data', (chunk) => this.emit('data', chunk)),
      inner.on('lost', (reason) => this.emit('lost', reason)),
    ];
    this.inner = inner;
    return inner.open();
  }

  write(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    if (!this.inner) {
      return Promise.resolve(deviceError('not-connected', `${this.description}: not open`));
    }
    return this.inner.write(bytes);
  }

  async close(): Promise<void> {
    for (const off of this.offs) off();
    this.offs = [];
    const inner = this.inner;
    this.inner = null;
    await inner?.close();
  }
}
