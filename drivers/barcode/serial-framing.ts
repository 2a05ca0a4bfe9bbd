/**
 * Splits the byte stream of a serial (USB-COM) reader into codes. Readers end each code with a
 * configurable suffix (factory default CR `0D`, some CR LF); with no suffix a pause between
 * bytes ends the code instead, and the driver calls `flush()` after that pause.
 */

export type SerialSuffix = 'CR' | 'CRLF' | 'none';

const CR = 0x0d;
const LF = 0x0a;
/** Longest code accepted: a QR code holds at most 2,953 bytes; leaves room for prefixes. */
export const MAX_FRAME_BYTES = 4096;

export type FramerEvent =
  | { readonly type: 'frame'; readonly bytes: Uint8Array }
  | { readonly type: 'overflow'; readonly droppedBytes: number };

export class ScanFramer {
  private buffer: number[] = [];

  constructor(private readonly suffix: SerialSuffix) {}

  /** Bytes received but not yet part of a complete code. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Feeds received bytes; returns the codes they complete. */
  push(chunk: Uint8Array): FramerEvent[] {
    const events: FramerEvent[] = [];
    for (const byte of chunk) {
      if (this.suffix === 'CR' && byte === CR) {
        this.emit(events);
        continue;
      }
      if (this.suffix === 'CRLF' && byte === LF && this.buffer.at(-1) === CR) {
        this.buffer.pop();
        this.emit(events);
        continue;
      }
      this.buffer.push(byte);
      if (this.buffer.length > MAX_FRAME_BYTES) {
        events.push({ type: 'overflow', droppedBytes: this.buffer.length });
        this.buffer = [];
      }
    }
    return events;
  }

  /**
   * Called after the inter-byte timeout. Without a suffix the pending bytes are a code; with a
   * suffix they are a fragment that never got its end (line noise, a reader reset) and are
   * dropped, so they cannot glue onto the next code. Returns what it did.
   */
  flush(): FramerEvent | { readonly type: 'dropped'; readonly bytes: number } | undefined {
    if (this.buffer.length === 0) return undefined;
    const bytes = Uint8Array.from(this.buffer);
    this.buffer = [];
    return this.suffix === 'none'
      ? { type: 'frame', bytes }
      : { type: 'dropped', bytes: bytes.length };
  }

  private emit(events: FramerEvent[]): void {
    // An empty line (a stray CR, or LF from a CR LF reader set to CR) is no code.
    let bytes = this.buffer;
    if (this.suffix === 'CR' && bytes[0] === LF) bytes = bytes.slice(1);
    if (bytes.length > 0) events.push({ type: 'frame', bytes: Uint8Array.from(bytes) });
    this.buffer = [];
  }
}

/** The suffix bytes a reader sends after each code: for simulators. */
export function suffixBytes(suffix: SerialSuffix): Uint8Array {
  return suffix === 'CR'
    ? Uint8Array.of(CR)
    : suffix === 'CRLF'
      ? Uint8Array.of(CR, LF)
      : new Uint8Array();
}
