/**
 * AIM symbology identifiers (ISO/IEC 15424): the `]` + code character + modifier prefix a
 * reader can put before each code so the host knows what was scanned. Tables: ISO/IEC 15424
 * Annex, GS1 General Specifications §5.1.2 and each symbology's own standard (ISO/IEC 18004
 * for QR modifiers, ISO/IEC 16022 for DataMatrix).
 */
import { GS1_SYMBOLOGY_IDENTIFIERS } from '../common/gs1.js';

/** The flag character that starts every AIM identifier. */
export const AIM_FLAG = 0x5d; // ']'
/** `]` + code character + one modifier character. */
export const AIM_IDENTIFIER_LENGTH = 3;

export type SymbologyName =
  | 'code39'
  | 'code128'
  | 'gs1-128'
  | 'ean-13'
  | 'ean-8'
  | 'upc-e'
  | 'itf'
  | 'codabar'
  | 'code93'
  | 'pdf417'
  | 'micro-pdf417'
  | 'qr'
  | 'gs1-qr'
  | 'micro-qr'
  | 'datamatrix'
  | 'gs1-datamatrix'
  | 'gs1-databar'
  | 'aztec'
  | 'han-xin'
  | 'grid-matrix'
  | 'other'
  | 'unknown';

/** Code character → symbology; a few symbologies depend on the modifier too (below). */
const BY_CODE_CHAR: Readonly<Record<string, SymbologyName>> = {
  A: 'code39',
  C: 'code128',
  E: 'ean-13',
  F: 'codabar',
  G: 'code93',
  I: 'itf',
  L: 'pdf417',
  Q: 'qr',
  d: 'datamatrix',
  e: 'gs1-databar',
  z: 'aztec',
  h: 'han-xin',
  g: 'grid-matrix',
  X: 'other',
};

/** Identifiers whose modifier changes the symbology name. */
const BY_IDENTIFIER: Readonly<Record<string, SymbologyName>> = {
  ']E4': 'ean-8',
  ']X4': 'micro-pdf417',
  ']L3': 'micro-pdf417',
  ']Q0': 'micro-qr',
};

export interface AimIdentifier {
  /** e.g. `]Q1`. */
  readonly identifier: string;
  readonly symbology: SymbologyName;
  /** The code carries GS1 element strings (FNC1 in first position). */
  readonly gs1: boolean;
}

/** Describes an identifier such as `]d2`; undefined if it is not `]` + letter + modifier. */
export function describeAimIdentifier(identifier: string): AimIdentifier | undefined {
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(identifier)) return undefined;
  const gs1 = GS1_SYMBOLOGY_IDENTIFIERS.has(identifier);
  const base = BY_IDENTIFIER[identifier] ?? BY_CODE_CHAR[identifier[1]!] ?? 'unknown';
  return { identifier, symbology: gs1 ? gs1Name(base) : base, gs1 };
}

function gs1Name(base: SymbologyName): SymbologyName {
  switch (base) {
    case 'code128':
      return 'gs1-128';
    case 'qr':
      return 'gs1-qr';
    case 'datamatrix':
      return 'gs1-datamatrix';
    default:
      return base;
  }
}

/**
 * Splits a leading AIM identifier off raw scan bytes. Bytes without one come back unchanged
 * (`aim` undefined), so readers configured without the prefix work too.
 */
export function splitAimPrefix(bytes: Uint8Array): { aim?: AimIdentifier; payload: Uint8Array } {
  if (bytes.length < AIM_IDENTIFIER_LENGTH || bytes[0] !== AIM_FLAG) return { payload: bytes };
  const identifier = String.fromCharCode(bytes[0], bytes[1]!, bytes[2]!);
  const aim = describeAimIdentifier(identifier);
  if (!aim) return { payload: bytes };
  return { aim, payload: bytes.subarray(AIM_IDENTIFIER_LENGTH) };
}
