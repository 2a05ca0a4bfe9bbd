/**
 * Item search keys: what an applicant may type for 烟花爆竹道路运输许可 — Chinese
 * (`烟花运输`), full pinyin without tones or spaces (`yanhuayunshu`), or pinyin initials
 * (`yhys`), plus the English name and keywords. Keys are computed once when an item enters the
 * cache (pinyin-pro, which picks readings of polyphonic characters from context), so a search
 * over thousands of items is plain substring matching.
 */
import { pinyin } from 'pinyin-pro';

export interface SearchKeys {
  /** Chinese and English name and keywords, lower case, without spaces. */
  readonly text: string;
  /** Full pinyin of the Chinese name and keywords, each joined without spaces, `|` between. */
  readonly pinyinFull: string;
  /** Pinyin initials of the same, `|` between. */
  readonly pinyinInitials: string;
}

const SEPARATOR = '|';

/** Lower case, no white space or separators: how both keys and queries are compared. */
export function normaliseQuery(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s|·.\-_/（）()]+/g, '');
}

function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export function searchKeys(
  nameZh: string,
  nameEn: string,
  keywords: readonly string[],
): SearchKeys {
  const chinese = [nameZh, ...keywords.filter(hasHan)];
  const full = chinese.map((t) =>
    normaliseQuery(pinyin(t, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')),
  );
  const initials = chinese.map((t) =>
    normaliseQuery(
      pinyin(t, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join(''),
    ),
  );
  return {
    text: [nameZh, nameEn, ...keywords].map(normaliseQuery).join(SEPARATOR),
    pinyinFull: full.join(SEPARATOR),
    pinyinInitials: initials.join(SEPARATOR),
  };
}

/** How well a query matched, higher is better; 0 = no match. */
export function matchScore(query: string, keys: SearchKeys): number {
  const q = normaliseQuery(query);
  if (q === '') return 0;
  const name = keys.text.split(SEPARATOR)[0] ?? '';
  const fullName = keys.pinyinFull.split(SEPARATOR)[0] ?? '';
  const initialsName = keys.pinyinInitials.split(SEPARATOR)[0] ?? '';
  if (name.startsWith(q)) return 100;
  if (name.includes(q)) return 90;
  if (fullName.startsWith(q)) return 80;
  if (initialsName.startsWith(q)) return 75;
  if (fullName.includes(q)) return 70;
  if (initialsName.includes(q)) return 65;
  if (keys.text.includes(q)) return 50;
  if (keys.pinyinFull.includes(q)) return 40;
  if (keys.pinyinInitials.includes(q)) return 30;
  return 0;
}
