/**
 * Pinyin input candidates: which Chinese characters a toneless pinyin syllable can stand for.
 * The characters are GB 2312's first level (3,755 common characters), produced by decoding
 * its code points 0xB0A1–0xD7F9 with the browser's GBK decoder, so no character list ships
 * with the app; pinyin-pro gives every reading of each (polyphonic characters appear under
 * each of their readings). Built once, on first use.
 */
import { pinyin } from 'pinyin-pro';

/** GB 2312 level-1 rows (0xB0–0xD7) and cells (0xA1–0xFE); row 0xD7 ends at 0xF9. */
const FIRST_ROW = 0xb0;
const LAST_ROW = 0xd7;
const FIRST_CELL = 0xa1;
const LAST_CELL = 0xfe;
const LAST_CELL_OF_LAST_ROW = 0xf9;

let index: Map<string, string[]> | undefined;

function commonCharacters(): string[] {
  const decoder = new TextDecoder('gbk');
  const chars: string[] = [];
  for (let row = FIRST_ROW; row <= LAST_ROW; row++) {
    const last = row === LAST_ROW ? LAST_CELL_OF_LAST_ROW : LAST_CELL;
    for (let cell = FIRST_CELL; cell <= last; cell++) {
      chars.push(decoder.decode(new Uint8Array([row, cell])));
    }
  }
  return chars;
}

function buildIndex(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const char of commonCharacters()) {
    const readings = pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true });
    for (const reading of new Set(readings)) {
      const list = map.get(reading) ?? [];
      list.push(char);
      map.set(reading, list);
    }
  }
  return map;
}

/**
 * Characters for a toneless syllable (`ü` typed as `v`): exact readings first, then, for a
 * syllable still being typed, readings that start with it. At most `limit`.
 */
export function candidates(syllable: string, limit = 24): string[] {
  const key = syllable.toLowerCase();
  if (!/^[a-z]{1,6}$/.test(key)) return [];
  index ??= buildIndex();
  const out = [...(index.get(key) ?? [])];
  if (out.length < limit) {
    for (const [reading, chars] of index) {
      if (reading !== key && reading.startsWith(key)) out.push(...chars);
      if (out.length >= limit) break;
    }
  }
  return [...new Set(out)].slice(0, limit);
}

/**
 * The syllable being composed: the longest run of trailing Latin letters (up to six) that is
 * a reading, or the start of one. For `yhbz` that is `z`; for `zhong` it is `zhong`.
 */
export function composing(value: string): string {
  const letters = /[a-zA-Z]{1,6}$/.exec(value)?.[0]?.toLowerCase() ?? '';
  index ??= buildIndex();
  for (let length = letters.length; length > 0; length--) {
    const key = letters.slice(-length);
    if (index.has(key)) return key;
    for (const reading of index.keys()) if (reading.startsWith(key)) return key;
  }
  return '';
}
