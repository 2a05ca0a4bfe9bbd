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
 * How plausible a non-ASCII character is in a code a kiosk meets. Ideographs are weighed by
 * where GB 2312 puts them: level 1 (the 3,755 common hanzi, lead bytes B0–D7) scores 1,
 * level 2 (D8–F7) 0.7, GBK's extension and CJK extension A 0.1. CJK and general punctuation
 * and full-width forms score 1; the middle dot of minority and foreign names 0.8 (it is also
 * what the GBK bytes of 路 read as in UTF-8, so not 1); other Latin-1 0.3; anything else 0.
 *
 * Why: UTF-8 bytes read as GBK give mojibake such as 娴忔祻 for 浏浏, whose characters fall in
 * level 2 and the GBK extension; GBK bytes read as UTF-8 land in Latin-1, Hebrew, Greek or
 * Cyrillic. Real text is mostly level 1. On a tie UTF-8 wins.
 */
function characterWeight(ch: string): number {
  if (/[\u3000-\u303f\uff00-\uffef\u2010-\u206f]/u.test(ch)) return 1;
  if (ch === MIDDLE_DOT) return 0.8;
  if (/[\u00a0-\u00ff]/u.test(ch)) return 0.3;
  if (!/[\u3400-\u4dbf\u4e00-\u9fff]/u.test(ch)) return 0;
  const gb = iconv.encode(ch, 'gb18030');
  const [lead = 0, trail = 0] = gb;
  if (gb.length !== 2 || trail < GB2312_MIN_BYTE) return 0.1;
  if (lead >= GB2312_LEVEL1_FIRST_LEAD && lead <= GB2312_LEVEL1_LAST_LEAD) return 1;
  if (lead > GB2312_LEVEL1_LAST_LEAD && lead <= GB2312_LEVEL2_LAST_LEAD) return 0.7;
  return 0.1;
}

/** GB 2312 rows in EUC-CN: both bytes A1–FE; hanzi level 1 rows 16–55, level 2 rows 56–87. */
const MIDDLE_DOT = '\u00b7';
const GB2312_MIN_BYTE = 0xa1;
const GB2312_LEVEL1_FIRST_LEAD = 0xb0;
const GB2312_LEVEL1_LAST_LEAD = 0xd7;
const GB2312_LEVEL2_LAST_LEAD = 0xf7;

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

  if (
    utf8 !== undefined &&
    (!gbClean ||
      (multiByteCount(utf8) >= TRUSTED_UTF8_SEQUENCES &&
        plausibility(utf8) >= TRUSTED_UTF8_PLAUSIBILITY) ||
      plausibility(utf8) >= plausibility(gb))
  ) {
    return { text: utf8, encoding: 'utf-8', lossy: false };
  }
  if (gbClean) return { text: gb, encoding: 'gb18030', lossy: false };
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', lossy: true };
}

/**
 * Valid UTF-8 with this many three-byte characters (U+0800 and up, where all hanzi are) is
 * taken as UTF-8 without comparing: GBK text forms such sequences only by rare accident, and
 * the odds shrink with every character, while UTF-8 bytes almost always also decode as
 * (garbled) GBK. Two-byte sequences do not count: GBK level-1 hanzi (lead C2–DF, trail A1–BF)
 * form them all the time (司业 reads as ˾ҵ).
 */
const TRUSTED_UTF8_SEQUENCES = 2;
/** …as long as those characters are plausible at all (GBK 浏编杭 reads as UTF-8 䯱ຼ). */
const TRUSTED_UTF8_PLAUSIBILITY = 0.5;

function multiByteCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch.codePointAt(0)! >= 0x800) n++;
  return n;
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
    plausible += characterWeight(ch);
  }
  return nonAscii === 0 ? 1 : plausible / nonAscii;
}

/** Encodes text as a reader would send it: for simulators and tests. */
export function encodePayload(text: string, encoding: 'utf-8' | 'gb18030'): Uint8Array {
  return encoding === 'utf-8'
    ? new TextEncoder().encode(text)
    : new Uint8Array(iconv.encode(text, 'gb18030'));
}
