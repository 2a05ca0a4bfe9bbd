/**
 * Number checks for the four documents an ID-card reader returns. Each check also ties the
 * number to the birth date printed on the same card, so a misread or altered text block is
 * caught before it reaches the session.
 *
 * - Resident ID card and HK/Macau/Taiwan residence permit: GB 11643 (ISO 7064 MOD 11-2), via
 *   drivers/common/identifiers.ts. Permits use the region prefixes 810000 (Hong Kong), 820000
 *   (Macau) and 830000 (Taiwan); resident cards never do.
 * - Foreigner permanent residence card, 2023 version: 18 digits, first digit 9, then the
 *   2-digit province of first issue, the ISO 3166 numeric nationality, the birth date
 *   YYYYMMDD, a sequence whose last digit is odd for men, and a MOD 11-2 check character
 *   (National Immigration Administration adaptation notes of 2023, as republished by reader
 *   vendors).
 * - 2017 version: 15 characters: ISO 3166 alpha-3 nationality of first issue, a 4-digit
 *   province-and-city code of the issuing office, the birth date YYMMDD, one sequence digit
 *   and a check digit computed with the ICAO 9303 7-3-1 weights. This layout rests on one
 *   public implementation; TODO: confirm against a specimen card before relying on the
 *   check digit for anything but misread detection.
 */
import { checkIdNumber, idNumberCheckChar, isValidCalendarDate } from '../common/identifiers.js';
import { icaoCheckDigit } from '../common/icao-check-digit.js';
import { err, ok, type Result } from '../common/result.js';

export type NumberProblem =
  | 'format'
  | 'check-char'
  | 'region'
  | 'birth-date'
  /** The number's birth date differs from the birth date field of the same card. */
  | 'birth-date-mismatch';

export interface NumberCheckError {
  readonly problem: NumberProblem;
  readonly message: string;
}

export type GatRegion = 'hong-kong' | 'macau' | 'taiwan';

/** Region prefixes of HK/Macau/Taiwan residence permit numbers. */
export const GAT_PREFIXES: Readonly<Record<string, GatRegion>> = {
  '810000': 'hong-kong',
  '820000': 'macau',
  '830000': 'taiwan',
};

/** Province-level codes of GB/T 2260 (mainland), as inclusive ranges. */
const MAINLAND_PROVINCE_RANGES: readonly (readonly [number, number])[] = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
];

function isMainlandProvince(twoDigits: string): boolean {
  const n = Number(twoDigits);
  return /^\d{2}$/.test(twoDigits) && MAINLAND_PROVINCE_RANGES.some(([a, b]) => n >= a && n <= b);
}

function problem(p: NumberProblem, message: string): Result<never, NumberCheckError> {
  return err({ problem: p, message });
}

function checkGb11643(
  number: string,
  birthDate: string,
  what: string,
): Result<string, NumberCheckError> {
  const checked = checkIdNumber(number);
  if (!checked.ok) {
    const messages: Record<typeof checked.problem, string> = {
      format: `${what} must be 17 digits and a digit or X`,
      region: `${what} starts with an unknown province code`,
      'birth-date': `${what} holds no valid birth date`,
      'check-char': `${what} check character is wrong`,
    };
    return problem(checked.problem, messages[checked.problem]);
  }
  if (checked.facts.birthDate !== birthDate) {
    return problem('birth-date-mismatch', `${what} birth date differs from the card's`);
  }
  return ok(number.toUpperCase());
}

/** Resident ID card number: GB 11643, mainland or Taiwan (71) prefix, birth date of the card. */
export function checkResidentNumber(
  number: string,
  birthDate: string,
): Result<string, NumberCheckError> {
  if (GAT_PREFIXES[number.slice(0, 6)] !== undefined) {
    return problem('region', 'a resident ID card number cannot start with 810000/820000/830000');
  }
  return checkGb11643(number, birthDate, 'ID number');
}

/** HK/Macau/Taiwan residence permit number: GB 11643 with an 81/82/83 0000 prefix. */
export function checkGatPermitNumber(
  number: string,
  birthDate: string,
): Result<GatRegion, NumberCheckError> {
  const region = GAT_PREFIXES[number.slice(0, 6)];
  if (region === undefined) {
    return problem('region', 'residence permit number must start with 810000, 820000 or 830000');
  }
  const checked = checkGb11643(number, birthDate, 'residence permit number');
  return checked.ok ? ok(region) : checked;
}

/** Foreigner permanent residence card number, 2023 version (18 digits starting with 9). */
export function checkForeigner2023Number(
  number: string,
  birthDate: string,
): Result<string, NumberCheckError> {
  const v = number.toUpperCase();
  if (!/^9\d{16}[\dX]$/.test(v)) {
    return problem('format', 'permanent residence number must be 9, 16 digits and a digit or X');
  }
  if (!isMainlandProvince(v.slice(1, 3))) {
    return problem('region', 'permanent residence number names an unknown province');
  }
  if (!isValidCalendarDate(v.slice(6, 14))) {
    return problem('birth-date', 'permanent residence number holds no valid birth date');
  }
  if (idNumberCheckChar(v.slice(0, 17)) !== v[17]) {
    return problem('check-char', 'permanent residence number check character is wrong');
  }
  if (v.slice(6, 14) !== birthDate) {
    return problem(
      'birth-date-mismatch',
      "permanent residence number birth date differs from the card's",
    );
  }
  return ok(v);
}

/** Foreigner permanent residence card number, 2017 version (3 letters and 12 digits). */
export function checkForeigner2017Number(
  number: string,
  birthDate: string,
): Result<string, NumberCheckError> {
  const v = number.toUpperCase();
  if (!/^[A-Z]{3}\d{12}$/.test(v)) {
    return problem('format', 'permanent residence number must be 3 letters and 12 digits');
  }
  if (!isMainlandProvince(v.slice(3, 5))) {
    return problem('region', 'permanent residence number names an unknown province');
  }
  const yymmdd = v.slice(7, 13);
  if (!isValidCalendarDate(`19${yymmdd}`) && !isValidCalendarDate(`20${yymmdd}`)) {
    return problem('birth-date', 'permanent residence number holds no valid birth date');
  }
  if (icaoCheckDigit(v.slice(0, 14)) !== v[14]) {
    return problem('check-char', 'permanent residence number check digit is wrong');
  }
  if (birthDate.slice(2) !== yymmdd) {
    return problem(
      'birth-date-mismatch',
      "permanent residence number birth date differs from the card's",
    );
  }
  return ok(v);
}
