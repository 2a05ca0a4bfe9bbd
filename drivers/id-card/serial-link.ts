/**
 * A byte link to a serial device: what the SAM driver and simulator need from a port and
 * nothing more. `openSerialLink` wraps a real port (serialport: a UART, a USB-serial adapter
 * or one end of a pty pair); `createLinkedPair` joins two links in memory for the in-process
 * demo, where the simulator still paces its answers at the configured baud rate.
 */
import { SerialPort } from 'serialport';

export interface SerialLink {
  /** Resolves when the bytes are handed to the OS (or the peer, in memory). */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once when the link goes away: closed by us, unplugged, or the peer closed. */
  onClose(listener: (error?: Error) => void): void;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** Opens `path` 8N1 at `baudRate` without flow control, as SAM modules expect. */
export async function openSerialLink(path: string, baudRate: number): Promise<SerialLink> {
  const port = new SerialPort({ path, baudRate, autoOpen: false, hupcl: false });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );

  const closeListeners: ((error?: Error) => void)[] = [];
  let closed = false;
  const markClosed = (error?: Error): void => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(error);
  };
  port.on('close', (error?: Error | null) => markClosed(error ?? undefined));
  // A read error on a vanished device (EIO on a pty whose other side died, ENXIO on a
  // pulled adapter) arrives as 'error' before or instead of 'close'.
  port.on('error', (error: Error) => {
    markClosed(error);
    if (port.isOpen) port.close(() => {});
  });

  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(new Error(`${path} is closed`));
        port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) =>
          error ? reject(error) : resolve(),
        );
      }),
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(chunk)),
    onClose: (listener) => {
      if (closed) listener();
      else closeListeners.push(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) {
          markClosed();
          return resolve();
        }
        port.close(() => {
          markClosed();
          resolve();
        });
      }),
    get isOpen() {
      return !closed;
    },
  };
}

/** Two links joined back to back in memory; data is delivered asynchronously, in order. */
export function createLinkedPair(): [SerialLink, SerialLink] {
  type End = {
    data: ((chunk: Uint8Array) => void)[];
    close: ((error?: Error) => void)[];
  };
  const ends: [End, End] = [
    { data: [], close: [] },
    { data: [], close: [] },
  ];
  let closed = false;
  const closeBoth = (): void => {
    if (closed) return;
    closed = true;
    for (const end of ends) for (const listener of end.close) listener();
  };
  const make = (self: End, peer: End): SerialLink => ({
    write: (bytes) => {
      if (closed) return Promise.reject(new Error('linked pair is closed'));
      const copy = bytes.slice();
      setImmediate(() => {
        if (!closed) for (const listener of peer.data) listener(copy);
      });
      return Promise.resolve();
    },
    onData: (listener) => self.data.push(listener),
    onClose: (listener) => {
      if (closed) listener();
      else self.close.push(listener);
    },
    close: () => {
      closeBoth();
      return Promise.resolve();
    },
    get isOpen() {
      return !closed;
    },
  });
  return [make(ends[0], ends[1]), make(ends[1], ends[0])];
}
