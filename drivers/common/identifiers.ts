/**
 * Offline check algorithms for the identifiers a hall meets. Sources: GB 11643-1999 (citizen
 * ID number, ISO 7064 MOD 11-2), GB 32100-2015 (unified social credit code, MOD 31 with the
 * GB 11714 organisation-code check inside), GB/T 36904-2018 (e-license identifier, ISO/IEC
 * 7064 MOD 37,36).
 */

// ---- Citizen ID number (GB 11643) -------------------------------------------------------

/** 2^(17-i) mod 11 for i = 0..16 from the left. */
const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_NUMBER_CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('idNumberCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i]!;
  return ID_NUMBER_CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'check-char' | 'birth-date' | 'region';

export interface IdNumberFacts {
  readonly regionCode: string;
  /** YYYYMMDD */
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
}

/** Province-level prefixes of GB/T 2260 plus 81/82/83 used by HK/Macau/Taiwan residence permits. */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export function isValidCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1850 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function checkIdNumber(
  value: string,
): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  const v = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, problem: 'format' };
  if (!PROVINCE_PREFIXES.has(v.slice(0, 2))) return { ok: false, problem: 'region' };
  const birthDate = v.slice(6, 14);
  if (!isValidCalendarDate(birthDate)) return { ok: false, problem: 'birth-date' };
  if (idNumberCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, problem: 'check-char' };
  return {
    ok: true,
    facts: {
      regionCode: v.slice(0, 6),
      birthDate,
      sex: Number(v[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

// ---- Unified social credit code (GB 32100) ----------------------------------------------

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for positions 1..17. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organisation-code weights over positions 9..16. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCodeCharValue(c: string): number {
  if (/\d/.test(c)) return Number(c);
  return c.charCodeAt(0) - 55; // A = 10 ... Z = 35
}

export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeCharValue(first8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0)
      throw new TypeError(`creditCodeCheckChar: "${first17[i]}" is not in the GB 32100 charset`);
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'format' | 'check-char' | 'org-code';

export function checkCreditCode(
  value: string,
): { ok: true } | { ok: false; problem: CreditCodeProblem } {
  const v = value.toUpperCase();
  if (!new RegExp(`^[${CREDIT_CODE_CHARSET}]{18}$`).test(v))
    return { ok: false, problem: 'format' };
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, problem: 'check-char' };
  if (orgCodeCheckChar(v.slice(8, 16)) !== v[16]) return { ok: false, problem: 'org-code' };
  return { ok: true };
}

// ---- E-license identifier (GB/T 36904) --------------------------------------------------

export const E_LICENSE_PREFIX = '1.2.156.3005.2.';
const MOD_37_36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO/IEC 7064 MOD 37,36 check character over `0-9A-Z`. */
export function mod3736CheckChar(payload: string): string {
  let p = 36;
  for (const ch of payload.toUpperCase()) {
    const v = MOD_37_36_ALPHABET.indexOf(ch);
    if (v < 0) throw new TypeError(`mod3736CheckChar: "${ch}" is not in 0-9A-Z`);
    let s = (v + p) % 36;
    if (s === 0) s = 36;
    p = (2 * s) % 37;
  }
  return MOD_37_36_ALPHABET[(37 - p) % 36]!;
}

export interface ELicenseIdentifierParts {
  readonly typeCode: string;
  readonly issuerCreditCode: string;
  readonly serial: string;
  /** three digits */
  readonly version: string;
}

export function buildELicenseIdentifier(parts: ELicenseIdentifierParts): string {
  const body = `${parts.typeCode}${parts.issuerCreditCode}${parts.serial}${parts.version}`;
  const check = mod3736CheckChar(body);
  return `${E_LICENSE_PREFIX}${parts.typeCode}.${parts.issuerCreditCode}.${parts.serial}.${parts.version}.${check}`;
}

export function checkELicenseIdentifier(
  value: string,
): { ok: true; parts: ELicenseIdentifierParts } | { ok: false; problem: 'format' | 'check-char' } {
  if (!value.startsWith(E_LICENSE_PREFIX)) return { ok: false, problem: 'format' };
  const rest = value.slice(E_LICENSE_PREFIX.length).split('.');
  if (rest.length !== 5) return { ok: false, problem: 'format' };
  const [typeCode, issuerCreditCode, serial, version, check] = rest as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^[0-9A-Z]+$/.test(typeCode + issuerCreditCode + serial) || !/^\d{3}$/.test(version)) {
    return { ok: false, problem: 'format' };
  }
  if (!/^[0-9A-Z]$/.test(check)) return { ok: false, problem: 'format' };
  if (mod3736CheckChar(typeCode + issuerCreditCode + serial + version) !== check) {
    return { ok: false, problem: 'check-char' };
  }
  return { ok: true, parts: { typeCode, issuerCreditCode, serial, version } };
}
