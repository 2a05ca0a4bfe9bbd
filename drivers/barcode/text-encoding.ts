/**
 * Turning scanned payload bytes into text. Chinese QR codes in the wild carry either UTF-8 or
 * GBK/GB18030 (older generators, many government systems), usually without an ECI saying
 * which, and the reader passes the bytes through untouched. Both decodings are tried and the
 * one that reads as plausible text wins.
 */
import iconv from 'iconv-lite';

export type PayloadEncoding = 'ascii' | 'utf-8' | 'gb18030';

const REPLACEMENT_CHAR = '\ufffd';

/**
 * Characters a kiosk code plausibly holds beyond ASCII: CJK ideographs (basic block and
 * extension A), CJK punctuation, full-width forms, general punctuation (“ ” — …), Latin-1
 * letters. A GBK text decoded as UTF-8 by accident lands in Hebrew, Greek, Cyrillic or
 * Arabic two-byte ranges instead, which is what tips the decision.
 */
const PLAUSIBLE =
  /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\u00a0-\u00ff]/u;

export interface DecodedPayload {
  readonly text: string;
  readonly encoding: PayloadEncoding;
  /** True when neither decoding was clean and replacement characters stand in for bytes. */
  readonly lossy: boolean;
}

/** Decodes scan bytes as ASCII, UTF-8 or GB18030, whichever fits (see module comment). */
export function decodePayload(bytes: Uint8Array): DecodedPayload {
  if (bytes.every((b) => b < 0x80)) {
    return { text: String.fromCharCode(...bytes), encoding: 'ascii', lossy: false };
  }

  const utf8 = strictUtf8(bytes);
  const gb = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030');
  const gbClean = !gb.includes(REPLACEMENT_CHAR);

  if (utf8 !== undefined && (!gbClean || plausibility(utf8) >= plausibility(gb))) {
    return { text: utf8, encoding: 'utf-8', lossy: false };
  }
  if (gbClean) return { text: gb, encoding: 'gb18030', lossy: false };
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', lossy: true };
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of non-ASCII characters that are plausible in a kiosk code (1 = all of them). */
function plausibility(text: string): number {
  let nonAscii = 0;
  let plausible = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (PLAUSIBLE.test(ch)) plausible++;
  }
  return nonAscii === 0 ? 1 : plausible / nonAscii;
}

/** Encodes text as a reader would send it: for simulators and tests. */
export function encodePayload(text: string, encoding: 'utf-8' | 'gb18030'): Uint8Array {
  return encoding === 'utf-8'
    ? new TextEncoder().encode(text)
    : new Uint8Array(iconv.encode(text, 'gb18030'));
}
