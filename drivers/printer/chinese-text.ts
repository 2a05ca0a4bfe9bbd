/**
 * How each character of a receipt line reaches paper. Pure functions, no I/O.
 *
 * - Printable ASCII goes through receipt-printer-encoder's `text()` (one column, 12 dots).
 * - Other characters the printer's Chinese font holds are sent as GB18030 two-byte codes
 *   between `FS &` and `FS .` (two columns, 24 dots). receipt-printer-encoder only knows
 *   single-byte code pages, so these bytes go through its `raw()`.
 * - Everything else (GB18030 four-byte codes such as CJK Extension B name characters, or
 *   two-byte codes outside a GB2312-only font) is drawn as a raster image.
 */
import iconv from 'iconv-lite';

/**
 * Which two-byte codes the printer's font holds. Many Chinese thermal printers ship a
 * GB2312 font (6,763 hanzi); better ones cover all of GBK (21,886). Four-byte GB18030 codes
 * are never assumed to be present.
 */
export type FontCoverage = 'gb2312' | 'gbk';

export type CharRoute = 'ascii' | 'two-byte' | 'raster';

/** One run of characters that reach paper the same way. */
export interface TextRun {
  readonly route: CharRoute;
  readonly text: string;
}

/** Columns a single-byte (font A, 12 × 24 dots) character occupies. */
export const ASCII_COLUMNS = 1;
/** Columns a Chinese or raster character occupies (24 × 24 dots). */
export const WIDE_COLUMNS = 2;

const FIRST_PRINTABLE_ASCII = 0x20;
const LAST_PRINTABLE_ASCII = 0x7e;
/** GB2312 rows and cells, shifted into EUC-CN: lead 0xA1..0xF7, trail 0xA1..0xFE. */
const GB2312_LEAD_MIN = 0xa1;
const GB2312_LEAD_MAX = 0xf7;
const GB2312_TRAIL_MIN = 0xa1;
const GB2312_TRAIL_MAX = 0xfe;

/**
 * Two-byte GB18030 codes a GBK printer font does not hold: the three user-defined areas
 * (AAA1–AFFE, F8A1–FEFE, A140–A7A0, mapped to private-use code points) and FE50–FEA0, where
 * GBK had private-use slots that GB18030-2005 gave to CJK Extension A characters such as 䶮.
 */
function inGbkGap(lead: number, trail: number): boolean {
  if (lead >= 0xaa && lead <= 0xaf && trail >= 0xa1) return true;
  if (lead >= 0xf8 && lead <= 0xfe && trail >= 0xa1) return true;
  if (lead >= 0xa1 && lead <= 0xa7 && trail >= 0x40 && trail <= 0xa0) return true;
  return lead === 0xfe && trail >= 0x50 && trail <= 0xa0;
}

const routeCache = new Map<string, CharRoute>();

/** GB18030 bytes of one character (two or four bytes for anything non-ASCII). */
export function gb18030Bytes(char: string): Buffer {
  return iconv.encode(char, 'gb18030');
}

/** Decides how one character (one code point) is printed with a font of this coverage. */
export function routeOf(char: string, coverage: FontCoverage): CharRoute {
  const code = char.codePointAt(0) ?? 0;
  if (code >= FIRST_PRINTABLE_ASCII && code <= LAST_PRINTABLE_ASCII) return 'ascii';
  const key = `${coverage}:${char}`;
  const cached = routeCache.get(key);
  if (cached) return cached;

  const bytes = gb18030Bytes(char);
  let route: CharRoute = 'raster';
  if (bytes.length === 2) {
    const lead = bytes[0] ?? 0;
    const trail = bytes[1] ?? 0;
    const inGb2312 =
      lead >= GB2312_LEAD_MIN &&
      lead <= GB2312_LEAD_MAX &&
      trail >= GB2312_TRAIL_MIN &&
      trail <= GB2312_TRAIL_MAX;
    const inFont = coverage === 'gbk' ? !inGbkGap(lead, trail) : inGb2312;
    route = inFont ? 'two-byte' : 'raster';
  }
  routeCache.set(key, route);
  return route;
}

/** Columns one character takes on paper. */
export function columnsOf(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code >= FIRST_PRINTABLE_ASCII && code <= LAST_PRINTABLE_ASCII
    ? ASCII_COLUMNS
    : WIDE_COLUMNS;
}

/** Columns a whole line takes. */
export function displayColumns(text: string): number {
  let total = 0;
  for (const char of text) total += columnsOf(char);
  return total;
}

/**
 * Replaces control characters (which would be read as printer commands) with spaces, so text
 * from data can never inject ESC/POS commands such as a cut or a status request.
 */
export function sanitiseText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** Splits a line into runs that share a route. */
export function splitRuns(text: string, coverage: FontCoverage): TextRun[] {
  const runs: { route: CharRoute; text: string }[] = [];
  for (const char of sanitiseText(text)) {
    const route = routeOf(char, coverage);
    const last = runs[runs.length - 1];
    if (last && last.route === route) last.text += char;
    else runs.push({ route, text: char });
  }
  return runs;
}

/** True when some character of the line must be drawn as a raster image. */
export function needsRaster(text: string, coverage: FontCoverage): boolean {
  for (const char of sanitiseText(text)) if (routeOf(char, coverage) === 'raster') return true;
  return false;
}

/**
 * Wraps text to lines of at most `columns` columns. Breaks between Chinese characters
 * anywhere, and between Latin words at spaces where possible (long words are split).
 */
export function wrapColumns(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < WIDE_COLUMNS) {
    throw new TypeError(`wrapColumns: columns must be an integer >= 2, got ${columns}`);
  }
  const lines: string[] = [];
  for (const paragraph of sanitiseText(text.replace(/\r?\n/g, '\u2029')).split('\u2029')) {
    let line = '';
    let width = 0;
    // Tokens: a Latin word with its following spaces, or a single wide character.
    const tokens = paragraph.match(/[\x21-\x7e]+ *| +|[^\x20-\x7e]/gu) ?? [];
    for (const token of tokens) {
      const tokenWidth = displayColumns(token);
      const trimmedWidth = displayColumns(token.trimEnd());
      if (width + trimmedWidth <= columns) {
        line += token;
        width += tokenWidth;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      width = 0;
      // A token wider than a whole line is split character by character.
      for (const char of token.trimEnd()) {
        const w = columnsOf(char);
        if (width + w > columns) {
          lines.push(line);
          line = '';
          width = 0;
        }
        line += char;
        width += w;
      }
      if (token.endsWith(' ') && width < columns) {
        line += ' ';
        width += 1;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Pads a line to `columns` with spaces for the given alignment (the printer does no layout). */
export function alignLine(
  text: string,
  columns: number,
  align: 'left' | 'center' | 'right',
): string {
  const free = Math.max(0, columns - displayColumns(text));
  if (align === 'left' || free === 0) return text;
  const left = align === 'right' ? free : Math.floor(free / 2);
  return ' '.repeat(left) + text;
}
