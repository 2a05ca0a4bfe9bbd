/**
 * A serial barcode reader at the wire: opens the simulator end of a pty pair (or any serial
 * path) and sends codes exactly as a USB-COM reader does: optional AIM identifier, payload
 * bytes in UTF-8 or GB18030, suffix. Faults: a code split into delayed chunks, line noise
 * without a suffix.
 */
import { SerialPort } from 'serialport';
import { sleep } from '../common/backoff.js';
import { suffixBytes, type SerialSuffix } from './serial-framing.js';
import { encodePayload } from './text-encoding.js';

export interface SimulatedScan {
  readonly text: string;
  /** AIM identifier to send first, e.g. `]Q1`; none if omitted. */
  readonly symbologyIdentifier?: string;
  readonly encoding?: 'utf-8' | 'gb18030';
}

export interface SerialScanOptions {
  /** Split the bytes into chunks of these sizes, `chunkDelayMs` apart (USB packetisation). */
  readonly chunkSizes?: readonly number[];
  readonly chunkDelayMs?: number;
}

/** The exact bytes a reader sends for one code. */
export function serialScanBytes(scan: SimulatedScan, suffix: SerialSuffix): Uint8Array {
  const aim = new TextEncoder().encode(scan.symbologyIdentifier ?? '');
  const payload = encodePayload(scan.text, scan.encoding ?? 'utf-8');
  const end = suffixBytes(suffix);
  const bytes = new Uint8Array(aim.length + payload.length + end.length);
  bytes.set(aim, 0);
  bytes.set(payload, aim.length);
  bytes.set(end, aim.length + payload.length);
  return bytes;
}

export class SerialReaderSimulator {
  private constructor(
    private readonly port: SerialPort,
    private readonly suffix: SerialSuffix,
  ) {}

  static async open(
    path: string,
    suffix: SerialSuffix,
    baudRate = 9600,
  ): Promise<SerialReaderSimulator> {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new SerialReaderSimulator(port, suffix);
  }

  /** Sends one code as the reader would. */
  async scan(scan: SimulatedScan, options: SerialScanOptions = {}): Promise<void> {
    await this.sendBytes(serialScanBytes(scan, this.suffix), options);
  }

  /** Sends raw bytes (noise, a fragment without suffix). */
  async sendBytes(bytes: Uint8Array, options: SerialScanOptions = {}): Promise<void> {
    const sizes = options.chunkSizes ?? [bytes.length];
    let at = 0;
    for (const size of sizes) {
      if (at >= bytes.length) break;
      await this.write(bytes.subarray(at, at + size));
      at += size;
      if (at < bytes.length) await sleep(options.chunkDelayMs ?? 5);
    }
    if (at < bytes.length) await this.write(bytes.subarray(at));
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (e) => (e ? reject(e) : undefined));
      this.port.drain((e) => (e ? reject(e) : resolve()));
    });
  }
}
