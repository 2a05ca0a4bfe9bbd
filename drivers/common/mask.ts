/**
 * The one masking rule used on screen, on paper, in logs and in the CLI (ARCHITECTURE.md):
 * identifiers (ID numbers, permit numbers, credit codes) keep their first 3 and last 4
 * characters; names keep their first character. Every other character becomes `*`.
 */
const IDENTIFIER_KEEP_HEAD = 3;
const IDENTIFIER_KEEP_TAIL = 4;

export function maskIdentifier(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= IDENTIFIER_KEEP_HEAD + IDENTIFIER_KEEP_TAIL) {
    // Too short to keep both ends without revealing everything: keep only the head.
    return chars
      .map((c, i) => (i < Math.min(IDENTIFIER_KEEP_HEAD, chars.length - 1) ? c : '*'))
      .join('');
  }
  return chars
    .map((c, i) => (i < IDENTIFIER_KEEP_HEAD || i >= chars.length - IDENTIFIER_KEEP_TAIL ? c : '*'))
    .join('');
}

export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  return chars.map((c, i) => (i === 0 ? c : c === ' ' ? ' ' : '*')).join('');
}

/** Administrative divisions an address starts with (GB/T 2260 levels): kept when masking. */
const ADDRESS_DIVISION = /^[^\d\s,，、#-]{1,10}?(?:自治区|自治州|地区|省|市|州|盟|区|县|旗)/u;
/** What replaces the rest of an address: a fixed run, so the length tells nothing either. */
const ADDRESS_MASK = '****';

/**
 * Masks a postal address for paper, logs and screens other than the applicant's own: the
 * leading administrative divisions (province, city, county) stay, the street and number
 * become `****`. Without divisions (an address in Latin script, "12 Road, Town, Province"),
 * the last two comma-separated parts stay; failing that, the first 3 characters.
 */
export function maskAddress(value: string): string {
  const text = value.trim();
  let kept = '';
  for (let rest = text; ;) {
    const division = ADDRESS_DIVISION.exec(rest);
    if (!division) break;
    kept += division[0];
    rest = rest.slice(division[0].length);
  }
  if (kept !== '') return kept.length === text.length ? kept : `${kept}${ADDRESS_MASK}`;

  const parts = text.split(',').map((p) => p.trim());
  if (parts.length >= 3) return `${ADDRESS_MASK}, ${parts.slice(-2).join(', ')}`;
  return `${Array.from(text).slice(0, IDENTIFIER_KEEP_HEAD).join('')}${ADDRESS_MASK}`;
}
