/**
 * GS1 element strings: application identifiers (AIs) and their values, as carried by GS1-128,
 * GS1 DataMatrix, GS1 QR and GS1 DataBar. Two written forms arrive at the kiosk:
 *
 * - raw, from readers: `0109506000134352` + `10ABC123` with FNC1 transmitted as GS (`0x1D`)
 *   after every variable-length value that is not last (GS1 General Specifications §7.8.4);
 * - human-readable (HRI), from zxing-wasm and printed labels: `(01)09506000134352(10)ABC123`.
 *
 * Pure functions, no I/O; used by `codes.ts` (goods batch codes) and the barcode readers.
 * Source of the AI table: GS1 General Specifications, §3.2 "GS1 Application Identifiers in
 * numerical order" (subset a service hall meets: trade items, logistics, dates, quantities,
 * internal company data).
 */
import { err, ok, type Result } from './result.js';

/** ASCII GS, which readers send where the symbol carries FNC1 as a field separator. */
export const GS1_GROUP_SEPARATOR = '\u001d';

/**
 * AIM symbology identifiers (ISO/IEC 15424) that announce GS1 data ("FNC1 in first position"):
 * GS1-128 `]C1`, GS1 DataMatrix `]d2` (`]d5` with ECI), GS1 QR `]Q3` (`]Q4` with ECI),
 * GS1 DataBar `]e0`. EAN/UPC `]E0`/`]E4` hold a bare GTIN, not an element string, and are left
 * out on purpose.
 */
export const GS1_SYMBOLOGY_IDENTIFIERS: ReadonlySet<string> = new Set([
  ']C1',
  ']d2',
  ']d5',
  ']Q3',
  ']Q4',
  ']e0',
]);

/** `N` = digits only; `X` = the GS1 AI encodable character set 82 (Figure 7.11-1). */
export type Gs1Charset = 'N' | 'X';

export interface Gs1AiSpec {
  readonly ai: string;
  /** GS1 data title, e.g. `BATCH/LOT`. */
  readonly title: string;
  readonly charset: Gs1Charset;
  readonly minLength: number;
  readonly maxLength: number;
  /**
   * True for the AIs whose first two digits are in GS1's "predefined length" table (§7.8.5):
   * their values are never followed by FNC1. Everything else is delimited by FNC1 (GS).
   */
  readonly predefinedLength: boolean;
  /** The last digit is a GS1 mod-10 check digit (GTIN, SSCC, GLN). */
  readonly checkDigit?: boolean;
  /** The value is a date YYMMDD (DD may be 00: "end of month"). */
  readonly date?: boolean;
}

/** First two digits of the AIs with a predefined length, with that length (AI excluded). */
const PREDEFINED_LENGTH_BY_PREFIX: ReadonlyMap<string, number> = new Map([
  ['00', 18],
  ['01', 14],
  ['02', 14],
  ['03', 14],
  ['04', 16],
  ['11', 6],
  ['12', 6],
  ['13', 6],
  ['14', 6],
  ['15', 6],
  ['16', 6],
  ['17', 6],
  ['18', 6],
  ['19', 6],
  ['20', 2],
  ['31', 6],
  ['32', 6],
  ['33', 6],
  ['34', 6],
  ['35', 6],
  ['36', 6],
  ['41', 13],
]);

type SpecRow = readonly [
  ai: string,
  title: string,
  charset: Gs1Charset,
  min: number,
  max: number,
  flags?: 'check' | 'date',
];

const AI_ROWS: readonly SpecRow[] = [
  ['00', 'SSCC', 'N', 18, 18, 'check'],
  ['01', 'GTIN', 'N', 14, 14, 'check'],
  ['02', 'CONTENT', 'N', 14, 14, 'check'],
  ['10', 'BATCH/LOT', 'X', 1, 20],
  ['11', 'PROD DATE', 'N', 6, 6, 'date'],
  ['12', 'DUE DATE', 'N', 6, 6, 'date'],
  ['13', 'PACK DATE', 'N', 6, 6, 'date'],
  ['15', 'BEST BEFORE or BEST BY', 'N', 6, 6, 'date'],
  ['16', 'SELL BY', 'N', 6, 6, 'date'],
  ['17', 'USE BY or EXPIRY', 'N', 6, 6, 'date'],
  ['20', 'VARIANT', 'N', 2, 2],
  ['21', 'SERIAL', 'X', 1, 20],
  ['22', 'CPV', 'X', 1, 20],
  ['235', 'TPX', 'X', 1, 28],
  ['240', 'ADDITIONAL ID', 'X', 1, 30],
  ['241', 'CUST. PART No.', 'X', 1, 30],
  ['250', 'SECONDARY SERIAL', 'X', 1, 30],
  ['251', 'REF. TO SOURCE', 'X', 1, 30],
  ['253', 'GDTI', 'X', 13, 30],
  ['254', 'GLN EXTENSION COMPONENT', 'X', 1, 20],
  ['30', 'VAR. COUNT', 'N', 1, 8],
  ['37', 'COUNT', 'N', 1, 8],
  ['400', 'ORDER NUMBER', 'X', 1, 30],
  ['401', 'GINC', 'X', 1, 30],
  ['402', 'GSIN', 'N', 17, 17],
  ['403', 'ROUTE', 'X', 1, 30],
  ['410', 'SHIP TO LOC', 'N', 13, 13, 'check'],
  ['411', 'BILL TO', 'N', 13, 13, 'check'],
  ['412', 'PURCHASE FROM', 'N', 13, 13, 'check'],
  ['413', 'SHIP FOR LOC', 'N', 13, 13, 'check'],
  ['414', 'LOC No.', 'N', 13, 13, 'check'],
  ['415', 'PAY TO', 'N', 13, 13, 'check'],
  ['416', 'PROD/SERV LOC', 'N', 13, 13, 'check'],
  ['417', 'PARTY', 'N', 13, 13, 'check'],
  ['420', 'SHIP TO POST', 'X', 1, 20],
  ['421', 'SHIP TO POST', 'X', 4, 12],
  ['422', 'ORIGIN', 'N', 3, 3],
  ['423', 'COUNTRY - INITIAL PROCESS.', 'N', 3, 15],
  ['424', 'COUNTRY - PROCESS.', 'N', 3, 3],
  ['425', 'COUNTRY - DISASSEMBLY', 'N', 3, 15],
  ['426', 'COUNTRY - FULL PROCESS', 'N', 3, 3],
  ['7003', 'EXPIRY TIME', 'N', 10, 10],
  ['7007', 'HARVEST DATE', 'N', 6, 12],
  ['8003', 'GRAI', 'X', 15, 30],
  ['8004', 'GIAI', 'X', 1, 30],
  ['8008', 'PROD TIME', 'N', 8, 12],
  ['8020', 'REF No.', 'X', 1, 25],
  ['90', 'INTERNAL', 'X', 1, 30],
];

/** Measures (310n–369n, n = decimal places) and amounts (390n–393n) come in families of ten. */
const FAMILY_ROWS: readonly SpecRow[] = [
  ...['310', '311', '312', '313', '314', '315', '316', '320', '330', '331', '332', '333', '337']
    .concat(['340', '341', '342', '343', '344', '345', '346', '347', '348', '349', '350', '351'])
    .concat(['352', '353', '354', '355', '356', '357', '360', '361', '362', '363', '364', '365'])
    .concat(['366', '367', '368', '369'])
    .flatMap((head): SpecRow[] =>
      Array.from({ length: 10 }, (_, n): SpecRow => [`${head}${n}`, `MEASURE ${head}n`, 'N', 6, 6]),
    ),
  ...Array.from({ length: 10 }, (_, n): SpecRow => [`390${n}`, 'AMOUNT', 'N', 1, 15]),
  ...Array.from({ length: 10 }, (_, n): SpecRow => [`391${n}`, 'AMOUNT (ISO)', 'N', 4, 18]),
  ...Array.from({ length: 10 }, (_, n): SpecRow => [`392${n}`, 'PRICE', 'N', 1, 15]),
  ...Array.from({ length: 10 }, (_, n): SpecRow => [`393${n}`, 'PRICE (ISO)', 'N', 4, 18]),
  // 91–99: company internal information, up to 90 characters.
  ...Array.from({ length: 9 }, (_, n): SpecRow => [`9${n + 1}`, 'INTERNAL', 'X', 1, 90]),
];

function toSpec([ai, title, charset, min, max, flag]: SpecRow): Gs1AiSpec {
  return {
    ai,
    title,
    charset,
    minLength: min,
    maxLength: max,
    predefinedLength: PREDEFINED_LENGTH_BY_PREFIX.has(ai.slice(0, 2)),
    ...(flag === 'check' ? { checkDigit: true } : {}),
    ...(flag === 'date' ? { date: true } : {}),
  };
}

/** Every AI this kiosk understands, by its full digits. */
export const GS1_AIS: ReadonlyMap<string, Gs1AiSpec> = new Map(
  [...AI_ROWS, ...FAMILY_ROWS].map((row) => [row[0], toSpec(row)]),
);

/** GS1 AI encodable character set 82: the only characters an `X` value may hold. */
const CHARSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

/** Mod-10 check digit of GTIN, SSCC and GLN (GS1 General Specifications §7.9.1). */
export function gs1CheckDigit(digitsWithoutCheck: string): string {
  if (!/^\d+$/.test(digitsWithoutCheck)) throw new TypeError('gs1CheckDigit needs digits');
  let sum = 0;
  const n = digitsWithoutCheck.length;
  for (let i = 0; i < n; i++) {
    // Weight 3 for the digit nearest the check digit, then alternating 1 and 3.
    const weight = (n - i) % 2 === 1 ? 3 : 1;
    sum += Number(digitsWithoutCheck[i]) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

function findAi(text: string, at: number): Gs1AiSpec | undefined {
  for (const length of [2, 3, 4]) {
    const spec = GS1_AIS.get(text.slice(at, at + length));
    if (spec) return spec;
  }
  return undefined;
}

/** Checks one value against its AI's rules; returns a reason naming the AI, or undefined. */
export function checkGs1Value(spec: Gs1AiSpec, value: string): string | undefined {
  const { ai } = spec;
  if (value.length < spec.minLength || value.length > spec.maxLength) {
    const want =
      spec.minLength === spec.maxLength
        ? `${spec.minLength}`
        : `${spec.minLength} to ${spec.maxLength}`;
    return `AI (${ai}) ${spec.title} needs ${want} characters, got ${value.length}`;
  }
  if (spec.charset === 'N' && !/^\d+$/.test(value)) {
    return `AI (${ai}) ${spec.title} must be digits only`;
  }
  if (spec.charset === 'X' && !CHARSET_82.test(value)) {
    return `AI (${ai}) ${spec.title} holds a character outside GS1 character set 82`;
  }
  if (spec.checkDigit && gs1CheckDigit(value.slice(0, -1)) !== value.slice(-1)) {
    return `AI (${ai}) ${spec.title} has a wrong check digit`;
  }
  if (spec.date && !isGs1Date(value)) {
    return `AI (${ai}) ${spec.title} is not a date YYMMDD`;
  }
  return undefined;
}

function isGs1Date(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return false;
  // Day 00 means "the last day of the month" (GS1 General Specifications §7.12).
  return day <= daysInMonth(2000 + Number(yymmdd.slice(0, 2)), month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Converts a GS1 YYMMDD date into ISO `YYYY-MM-DD` with GS1's sliding century window
 * (§7.12: a year more than 49 years ahead of `now` belongs to the previous century, more than
 * 50 years behind to the next). Day 00 becomes the month's last day.
 */
export function gs1DateToIso(yymmdd: string, now: Date = new Date()): string | undefined {
  if (!/^\d{6}$/.test(yymmdd) || !isGs1Date(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const currentYear = now.getUTCFullYear();
  const currentYy = currentYear % 100;
  let century = currentYear - currentYy;
  const diff = yy - currentYy;
  if (diff >= 51) century -= 100;
  else if (diff <= -50) century += 100;
  const year = century + yy;
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const day = rawDay === 0 ? daysInMonth(year, month) : rawDay;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Parses a raw element string (FNC1 as GS). A leading GS (a reader that transmits the
 * symbol's first FNC1) is skipped; a GS after a predefined-length value is tolerated.
 */
export function parseGs1Raw(text: string): Result<Gs1Element[], string> {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < text.length && text[at] === GS1_GROUP_SEPARATOR) at++;
  if (at >= text.length) return err('empty GS1 element string');

  while (at < text.length) {
    const spec = findAi(text, at);
    if (!spec) {
      return err(`unknown GS1 application identifier at "${visible(text.slice(at, at + 4))}"`);
    }
    at += spec.ai.length;

    let value: string;
    if (spec.predefinedLength) {
      value = text.slice(at, at + spec.maxLength);
      at += value.length;
    } else {
      const gs = text.indexOf(GS1_GROUP_SEPARATOR, at);
      const end = gs < 0 ? text.length : gs;
      value = text.slice(at, end);
      at = end;
    }
    const problem = checkGs1Value(spec, value);
    if (problem) return err(problem);
    elements.push({ ai: spec.ai, value });

    while (at < text.length && text[at] === GS1_GROUP_SEPARATOR) at++;
  }
  return ok(elements);
}

/** Parses the human-readable form `(01)09506000134352(10)ABC123`. */
export function parseGs1Hri(text: string): Result<Gs1Element[], string> {
  if (!text.startsWith('(')) return err('GS1 HRI text must start with "(AI)"');
  const elements: Gs1Element[] = [];
  const pattern = /\((\d{2,4})\)([^(]*)/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return err(`malformed GS1 HRI near "${visible(text.slice(at, at + 8))}"`);
    const [, ai = '', value = ''] = match;
    const spec = GS1_AIS.get(ai);
    if (!spec) return err(`unknown GS1 application identifier (${ai})`);
    const problem = checkGs1Value(spec, value);
    if (problem) return err(problem);
    elements.push({ ai, value });
    at = pattern.lastIndex;
  }
  return ok(elements);
}

/**
 * Writes elements as a raw element string: predefined-length values first (no separator
 * needed after them), then variable-length ones joined by GS. Throws on an unknown AI or an
 * invalid value: that is a programmer error on the encoding side.
 */
export function encodeGs1Raw(elements: readonly Gs1Element[]): string {
  const checked = elements.map((e) => ({ e, spec: requireValid(e) }));
  const fixed = checked.filter((c) => c.spec.predefinedLength);
  const variable = checked.filter((c) => !c.spec.predefinedLength);
  return (
    fixed.map((c) => c.e.ai + c.e.value).join('') +
    variable.map((c) => c.e.ai + c.e.value).join(GS1_GROUP_SEPARATOR)
  );
}

/** Writes elements in the human-readable bracketed form, in the given order. */
export function encodeGs1Hri(elements: readonly Gs1Element[]): string {
  return elements.map((e) => (requireValid(e), `(${e.ai})${e.value}`)).join('');
}

function requireValid(element: Gs1Element): Gs1AiSpec {
  const spec = GS1_AIS.get(element.ai);
  if (!spec) throw new TypeError(`GS1 AI (${element.ai}) is not in the kiosk's AI table`);
  const problem = checkGs1Value(spec, element.value);
  if (problem) throw new TypeError(problem);
  if (spec.charset === 'X' && element.value.includes('(')) {
    // The HRI form could not be read back unambiguously.
    throw new TypeError(`AI (${element.ai}) value must not contain "(" in kiosk-made codes`);
  }
  return spec;
}

/** Shows control characters (GS and friends) readably in error messages. */
function visible(s: string): string {
  return Array.from(s, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }).join('');
}
