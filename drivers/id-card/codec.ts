/**
 * SAM (ID-card security module) serial protocol: frames in both directions, a stream parser,
 * the command set and the card-data answers. Pure functions and one stateful parser; no I/O.
 *
 * Frame: preamble `AA AA AA 96 69`, Len (2 bytes, big-endian, counts everything after itself
 * including the checksum), body, CHK = XOR of Len and body. A command body is CMD Para Data; an
 * answer body is SW1 SW2 SW3 Data. Sources: reader vendors' SAM protocol pages, checked
 * against public host implementations (see docs/id-card.md).
 */
import { err, ok, type Result } from '../common/result.js';

/** `AA AA AA` synchronises the UART, `96 69` marks the start of a frame. */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble plus the two Len bytes. */
export const FRAME_HEADER_BYTES = PREAMBLE.length + 2;
/** Smallest Len: a command with CMD, Para and CHK. */
export const MIN_LENGTH_FIELD = 3;
/**
 * Largest Len the parser accepts. The largest answer of the protocol is text + photo +
 * fingerprint (Len 2314); 2560 leaves room for vendor variants, and anything above is line
 * noise that would otherwise make the parser wait for bytes that never come.
 */
export const MAX_LENGTH_FIELD = 2560;

/** UART character time: 8N1 is 10 bits on the wire per byte. */
export const BITS_PER_BYTE_8N1 = 10;

/** Milliseconds the given number of bytes occupies on a UART at `baudRate` (8N1). */
export function wireTimeMs(bytes: number, baudRate: number): number {
  return (bytes * BITS_PER_BYTE_8N1 * 1000) / baudRate;
}

/** XOR of all bytes (the SAM checksum is the XOR of Len and body). */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (command or answer, without Len and CHK) into a full frame. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`SAM frame body of ${body.length} bytes is too long`);
  const frame = new Uint8Array(FRAME_HEADER_BYTES + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, FRAME_HEADER_BYTES);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

// ---- Commands ----------------------------------------------------------------------------

/** CMD and Para of each command the driver or simulator uses. */
export const COMMANDS = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  readSamId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readText: { cmd: 0x30, para: 0x01 },
  readAppendedAddress: { cmd: 0x30, para: 0x03 },
  readTextWithFingerprint: { cmd: 0x30, para: 0x10 },
} as const;

export type CommandName = keyof typeof COMMANDS;

export interface Command {
  readonly cmd: number;
  readonly para: number;
  readonly data: Uint8Array;
}

export function encodeCommand(
  cmd: number,
  para: number,
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeNamedCommand(name: CommandName): Uint8Array {
  const { cmd, para } = COMMANDS[name];
  return encodeCommand(cmd, para);
}

/** The name of a known command, or undefined. */
export function commandName(cmd: number, para: number): CommandName | undefined {
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    if (COMMANDS[name].cmd === cmd && COMMANDS[name].para === para) return name;
  }
  return undefined;
}

export function decodeCommand(body: Uint8Array): Result<Command, string> {
  if (body.length < 2) return err(`command body has ${body.length} bytes; CMD and Para need 2`);
  return ok({ cmd: body[0]!, para: body[1]!, data: body.slice(2) });
}

// ---- Answers -----------------------------------------------------------------------------

export interface Answer {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

export function encodeAnswer(
  sw3: number,
  data: Uint8Array = new Uint8Array(0),
  sw1 = 0,
  sw2 = 0,
): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export function decodeAnswer(body: Uint8Array): Result<Answer, string> {
  if (body.length < 3) return err(`answer body has ${body.length} bytes; SW1-SW3 need 3`);
  return ok({ sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.slice(3) });
}

// ---- Stream parser -----------------------------------------------------------------------

/** What the parser found in the byte stream, in order. */
export type ParserEvent =
  | { readonly kind: 'frame'; readonly body: Uint8Array }
  /** Bytes before a preamble (or that can never start one) were dropped. */
  | { readonly kind: 'junk'; readonly bytes: number }
  /** A frame whose XOR did not match; the parser resynchronised after its preamble. */
  | { readonly kind: 'bad-checksum'; readonly lengthField: number }
  /** A Len outside [MIN_LENGTH_FIELD, MAX_LENGTH_FIELD]; treated as a false preamble. */
  | { readonly kind: 'bad-length'; readonly lengthField: number };

/**
 * Incremental SAM frame parser. Feed it whatever the port delivers; it returns complete,
 * checksum-verified frame bodies and reports what it had to drop. It never throws on input
 * and never holds more than one maximal frame (7 + MAX_LENGTH_FIELD bytes) between calls.
 */
export class FrameParser {
  private pending: Uint8Array = new Uint8Array(0);

  /** Bytes held while waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** Drops anything held (after a timeout, so a half frame cannot poison the next answer). */
  reset(): void {
    this.pending = new Uint8Array(0);
  }

  push(chunk: Uint8Array): ParserEvent[] {
    const events: ParserEvent[] = [];
    let buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);

    for (;;) {
      const start = indexOfPreamble(buf);
      if (start < 0) {
        // Keep a tail that could be the beginning of a preamble split across reads.
        const keep = partialPreambleSuffix(buf);
        if (buf.length - keep > 0) events.push({ kind: 'junk', bytes: buf.length - keep });
        buf = buf.slice(buf.length - keep);
        break;
      }
      if (start > 0) {
        events.push({ kind: 'junk', bytes: start });
        buf = buf.subarray(start);
      }
      if (buf.length < FRAME_HEADER_BYTES) break;

      const lengthField = (buf[5]! << 8) | buf[6]!;
      if (lengthField < MIN_LENGTH_FIELD || lengthField > MAX_LENGTH_FIELD) {
        events.push({ kind: 'bad-length', lengthField });
        buf = buf.subarray(1);
        continue;
      }
      const total = FRAME_HEADER_BYTES + lengthField;
      if (buf.length < total) break;

      // XOR over Len, body and CHK is zero exactly when CHK matches.
      if (xorChecksum(buf, 5, total) !== 0) {
        events.push({ kind: 'bad-checksum', lengthField });
        buf = buf.subarray(1);
        continue;
      }
      events.push({ kind: 'frame', body: buf.slice(FRAME_HEADER_BYTES, total - 1) });
      buf = buf.subarray(total);
    }

    this.pending = buf.slice();
    return events;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOfPreamble(buf: Uint8Array): number {
  const last = buf.length - PREAMBLE.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) {
      if (buf[i + j] !== PREAMBLE[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/** Length of the longest suffix of `buf` that is a proper prefix of the preamble. */
function partialPreambleSuffix(buf: Uint8Array): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length); k > 0; k--) {
    let match = true;
    for (let j = 0; j < k; j++) {
      if (buf[buf.length - k + j] !== PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return k;
  }
  return 0;
}

// ---- Card data (answers to 30 01 and 30 10) ---------------------------------------------

/** Sizes the card holds; the answer's own length fields are what the parser trusts. */
export const TEXT_BLOCK_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const FINGERPRINT_BYTES = 1024;

export interface CardData {
  readonly text: Uint8Array;
  /** WLT-compressed photo, opaque to the kiosk (see photo.ts). */
  readonly photo: Uint8Array;
  /** Present when read with `30 10` from a card that carries fingerprints. */
  readonly fingerprint?: Uint8Array;
}

/**
 * Splits the data of a read answer by its length fields: TextLen and PhotoLen (2 bytes BE
 * each), plus FpLen when read with fingerprint (`30 10`), then the blocks in that order. A
 * card without fingerprints answers `30 10` with FpLen 0.
 */
export function decodeCardData(
  data: Uint8Array,
  withFingerprintField: boolean,
): Result<CardData, string> {
  const header = withFingerprintField ? 6 : 4;
  if (data.length < header) {
    return err(`card data has ${data.length} bytes; its length fields alone need ${header}`);
  }
  const textLen = (data[0]! << 8) | data[1]!;
  const photoLen = (data[2]! << 8) | data[3]!;
  const fpLen = withFingerprintField ? (data[4]! << 8) | data[5]! : 0;
  const expected = header + textLen + photoLen + fpLen;
  if (expected !== data.length) {
    return err(
      `card data length fields (text ${textLen}, photo ${photoLen}, fingerprint ${fpLen}) ` +
        `add up to ${expected} bytes but the answer carries ${data.length}`,
    );
  }
  if (textLen !== TEXT_BLOCK_BYTES) {
    return err(`text block is ${textLen} bytes; the card layout needs ${TEXT_BLOCK_BYTES}`);
  }
  const text = data.slice(header, header + textLen);
  const photo = data.slice(header + textLen, header + textLen + photoLen);
  if (fpLen === 0) return ok({ text, photo });
  return ok({ text, photo, fingerprint: data.slice(header + textLen + photoLen) });
}

/** Inverse of decodeCardData; used by the simulator and the round-trip tests. */
export function encodeCardData(card: CardData, withFingerprintField: boolean): Uint8Array {
  const fp = withFingerprintField ? (card.fingerprint ?? new Uint8Array(0)) : new Uint8Array(0);
  const header = withFingerprintField ? 6 : 4;
  const out = new Uint8Array(header + card.text.length + card.photo.length + fp.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, card.text.length);
  view.setUint16(2, card.photo.length);
  if (withFingerprintField) view.setUint16(4, fp.length);
  out.set(card.text, header);
  out.set(card.photo, header + card.text.length);
  out.set(fp, header + card.text.length + card.photo.length);
  return out;
}

/** SAM ID data length (answer to `12 FF`). */
export const SAM_ID_BYTES = 16;

/**
 * The SAM ID as printed on reader labels: `hex(b0).hex(b2)-u32le(b4..7)-` then two
 * 10-digit zero-padded u32le numbers from bytes 8..11 and 12..15.
 */
export function formatSamId(data: Uint8Array): Result<string, string> {
  if (data.length !== SAM_ID_BYTES) {
    return err(`SAM ID is ${data.length} bytes; expected ${SAM_ID_BYTES}`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const hex = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');
  const u32 = (o: number): number => view.getUint32(o, true);
  return ok(
    `${hex(data[0]!)}.${hex(data[2]!)}-${u32(4)}-` +
      `${String(u32(8)).padStart(10, '0')}-${String(u32(12)).padStart(10, '0')}`,
  );
}
