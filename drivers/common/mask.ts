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
