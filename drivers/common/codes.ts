/**
 * The one definition of every code the kiosk prints or reads (docs/codes.md):
 *
 * | kind           | looks like                                                   | made by          |
 * | -------------- | ------------------------------------------------------------ | ---------------- |
 * | `receipt`      | `https://…/r/<tracking number>?t=<terminal id>`              | this kiosk       |
 * | `permit`       | `HKP1|<key id>|<permit no>|<type>|<holder USCC>|<from>|<until>|<sig>` | the issuing office |
 * | `batch`        | GS1 element string with AI (01) GTIN and (10) batch          | manufacturers    |
 * | `app-identity` | `HKA1|<app id>|<one-time token>|<expires, unix seconds>`      | government app   |
 * | `e-license`    | a GB/T 36904 identifier `1.2.156.3005.2.…`, bare or in a URL | license library  |
 *
 * Parsing is pure (no I/O, no Node built-ins; `TextEncoder`, `atob`, `URL` are globals in Node
 * and browsers) and never throws: `classifyCode` answers `{ kind: 'unknown', reason }` for
 * anything else. Only signing and verifying permits use `node:crypto` (Ed25519), because those
 * take keys and run in the service.
 */
import { sign as cryptoSign, verify as cryptoVerify, type KeyLike } from 'node:crypto';
import {
  GS1_GROUP_SEPARATOR,
  GS1_SYMBOLOGY_IDENTIFIERS,
  encodeGs1Hri,
  encodeGs1Raw,
  gs1DateToIso,
  parseGs1Hri,
  parseGs1Raw,
  type Gs1Element,
} from './gs1.js';
import {
  E_LICENSE_PREFIX,
  checkCreditCode,
  checkELicenseIdentifier,
  isValidCalendarDate,
} from './identifiers.js';
import { err, ok, type Result } from './result.js';

/** GS1 HRI text starts with a bracketed AI such as `(01)`. */
const GS1_HRI_START = /^\(\d{2,4}\)/;

/** Longest text `classifyCode` looks at; a QR code holds at most 7,089 digits. */
export const MAX_CODE_LENGTH = 8192;

export type CodeKind = 'receipt' | 'permit' | 'batch' | 'app-identity' | 'e-license';

// ---- Receipt tracking codes ------------------------------------------------------------

/**
 * Tracking numbers as the central approval API issues them: upper-case letters, digits and
 * inner hyphens, 6 to 40 characters (e.g. `SL-2026-000123`).
 */
export const TRACKING_NUMBER_PATTERN = /^[A-Z0-9](?:[A-Z0-9-]{4,38})[A-Z0-9]$/;
/** Terminal ids, as in kiosk-config's `terminal.id`. */
export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * Where a receipt QR leads when the deployment configures nothing else. `.example` is a
 * reserved top-level domain (RFC 2606): a demo receipt can never send a phone anywhere real.
 */
export const DEFAULT_STATUS_BASE_URL = 'https://status.hall-kiosk.example/kiosk';
/** The path segment before the tracking number that marks a URL as a receipt code. */
const RECEIPT_PATH_MARKER = 'r';
/** Query parameter carrying the terminal id. */
const RECEIPT_TERMINAL_PARAM = 't';

export interface ReceiptCode {
  readonly kind: 'receipt';
  readonly trackingNumber: string;
  readonly terminalId?: string;
  /** The URL's origin, so the caller can decide whether it trusts that status page. */
  readonly origin: string;
}

export interface ReceiptCodeInput {
  readonly trackingNumber: string;
  readonly terminalId?: string;
  /** Status page base, `https://host/path` without a trailing `/r/…`; default above. */
  readonly statusBaseUrl?: string;
}

/**
 * The text of the QR printed on a receipt: a URL that opens the application's status page on
 * a phone and that any kiosk recognises by its `/r/<tracking number>` tail.
 */
export function encodeReceiptCode(input: ReceiptCodeInput): string {
  if (!TRACKING_NUMBER_PATTERN.test(input.trackingNumber)) {
    throw new TypeError(
      `encodeReceiptCode: tracking number must match ${TRACKING_NUMBER_PATTERN.source}`,
    );
  }
  if (input.terminalId !== undefined && !TERMINAL_ID_PATTERN.test(input.terminalId)) {
    throw new TypeError(`encodeReceiptCode: terminal id must match ${TERMINAL_ID_PATTERN.source}`);
  }
  const base = new URL(input.statusBaseUrl ?? DEFAULT_STATUS_BASE_URL);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError('encodeReceiptCode: statusBaseUrl must be an http(s) URL');
  }
  if (base.search || base.hash) {
    throw new TypeError('encodeReceiptCode: statusBaseUrl must have no query or fragment');
  }
  const path = base.pathname.replace(/\/+$/, '');
  const url = `${base.origin}${path}/${RECEIPT_PATH_MARKER}/${input.trackingNumber}`;
  return input.terminalId === undefined
    ? url
    : `${url}?${RECEIPT_TERMINAL_PARAM}=${encodeURIComponent(input.terminalId)}`;
}

export function parseReceiptCode(text: string): Result<ReceiptCode, string> {
  const url = parseHttpUrl(text);
  if (!url) return err('not an http(s) URL');
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const trackingNumber = segments.at(-1);
  if (segments.at(-2) !== RECEIPT_PATH_MARKER || trackingNumber === undefined) {
    return err(`URL path does not end in /${RECEIPT_PATH_MARKER}/<tracking number>`);
  }
  if (!TRACKING_NUMBER_PATTERN.test(trackingNumber)) {
    return err('receipt URL holds no valid tracking number');
  }
  const terminalId = url.searchParams.get(RECEIPT_TERMINAL_PARAM) ?? undefined;
  if (terminalId !== undefined && !TERMINAL_ID_PATTERN.test(terminalId)) {
    return err('receipt URL holds a malformed terminal id');
  }
  return ok({
    kind: 'receipt',
    trackingNumber,
    ...(terminalId === undefined ? {} : { terminalId }),
    origin: url.origin,
  });
}

// ---- Signed permit codes (Ed25519) -----------------------------------------------------

/** Version tag and field separator of permit codes; fields never contain `|`. */
export const PERMIT_CODE_PREFIX = 'HKP1';
const FIELD_SEPARATOR = '|';
const PERMIT_FIELD_COUNT = 8;
/** Ed25519 signatures are 64 bytes (RFC 8032 §5.1.6). */
const ED25519_SIGNATURE_BYTES = 64;

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
const PERMIT_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
const PERMIT_TYPE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface PermitFields {
  /** Which of the issuer's public keys signed it. */
  readonly keyId: string;
  readonly permitNumber: string;
  /** e.g. `fireworks-road-transport`. */
  readonly permitType: string;
  /** Unified social credit code of the permit holder (an enterprise; masked when shown). */
  readonly holderCreditCode: string;
  /** YYYYMMDD, first valid day. */
  readonly validFrom: string;
  /** YYYYMMDD, last valid day. */
  readonly validUntil: string;
}

export interface PermitCode extends PermitFields {
  readonly kind: 'permit';
  /** The exact text the signature covers: everything before the last `|`. */
  readonly signedText: string;
  readonly signature: Uint8Array;
}

function permitFieldProblem(f: PermitFields): string | undefined {
  if (!KEY_ID_PATTERN.test(f.keyId)) return 'permit key id is malformed';
  if (!PERMIT_NUMBER_PATTERN.test(f.permitNumber)) return 'permit number is malformed';
  if (!PERMIT_TYPE_PATTERN.test(f.permitType)) return 'permit type is malformed';
  const credit = checkCreditCode(f.holderCreditCode);
  if (!credit.ok || f.holderCreditCode !== f.holderCreditCode.toUpperCase()) {
    return `permit holder credit code fails its check (${credit.ok ? 'lower case' : credit.problem})`;
  }
  if (!isValidCalendarDate(f.validFrom)) return 'permit validFrom is not a date YYYYMMDD';
  if (!isValidCalendarDate(f.validUntil)) return 'permit validUntil is not a date YYYYMMDD';
  if (f.validFrom > f.validUntil) return 'permit validUntil is before validFrom';
  return undefined;
}

/** The canonical payload the issuer signs, as text (ASCII only by construction). */
export function permitSignedText(f: PermitFields): string {
  return [
    PERMIT_CODE_PREFIX,
    f.keyId,
    f.permitNumber,
    f.permitType,
    f.holderCreditCode,
    f.validFrom,
    f.validUntil,
  ].join(FIELD_SEPARATOR);
}

/**
 * Signs a permit with the issuer's Ed25519 private key (a KeyObject or PEM) and returns the
 * code text. Throws on malformed fields: the issuer must never print an unreadable permit.
 */
export function encodePermitCode(fields: PermitFields, privateKey: KeyLike): string {
  const problem = permitFieldProblem(fields);
  if (problem) throw new TypeError(`encodePermitCode: ${problem}`);
  const signedText = permitSignedText(fields);
  const signature = cryptoSign(null, new TextEncoder().encode(signedText), privateKey);
  return `${signedText}${FIELD_SEPARATOR}${toBase64Url(signature)}`;
}

/** Reads a permit code's fields and signature without checking the signature. */
export function parsePermitCode(text: string): Result<PermitCode, string> {
  if (!text.startsWith(PERMIT_CODE_PREFIX + FIELD_SEPARATOR)) {
    return err(`does not start with ${PERMIT_CODE_PREFIX}|`);
  }
  const parts = text.split(FIELD_SEPARATOR);
  if (parts.length !== PERMIT_FIELD_COUNT) {
    return err(`permit code needs ${PERMIT_FIELD_COUNT} fields, has ${parts.length}`);
  }
  const [, keyId, permitNumber, permitType, holderCreditCode, validFrom, validUntil, sig] =
    parts as [string, string, string, string, string, string, string, string];
  const fields: PermitFields = {
    keyId,
    permitNumber,
    permitType,
    holderCreditCode,
    validFrom,
    validUntil,
  };
  const problem = permitFieldProblem(fields);
  if (problem) return err(problem);
  const signature = fromBase64Url(sig);
  if (!signature || signature.length !== ED25519_SIGNATURE_BYTES) {
    return err('permit signature is not 64 bytes of base64url');
  }
  return ok({
    kind: 'permit',
    ...fields,
    signedText: text.slice(0, text.lastIndexOf(FIELD_SEPARATOR)),
    signature,
  });
}

export type PermitSignatureProblem = 'unknown-key' | 'bad-signature';

/**
 * Checks a parsed permit's Ed25519 signature against the issuer's public keys by key id.
 * Never throws: an unusable key counts as `unknown-key`.
 */
export function verifyPermitCode(
  code: PermitCode,
  publicKeys: ReadonlyMap<string, KeyLike>,
): Result<PermitCode, PermitSignatureProblem> {
  const key = publicKeys.get(code.keyId);
  if (key === undefined) return err('unknown-key');
  let valid: boolean;
  try {
    valid = cryptoVerify(null, new TextEncoder().encode(code.signedText), key, code.signature);
  } catch {
    return err('unknown-key');
  }
  return valid ? ok(code) : err('bad-signature');
}

// ---- Goods batch codes (GS1) -----------------------------------------------------------

export interface BatchCode {
  readonly kind: 'batch';
  /** AI (01), 14 digits with a valid check digit. */
  readonly gtin: string;
  /** AI (10). */
  readonly batch: string;
  /** AI (11) as ISO date. */
  readonly productionDate?: string;
  /** AI (17) as ISO date. */
  readonly expiryDate?: string;
  /** AI (21). */
  readonly serial?: string;
  /** AI (30) or (37). */
  readonly count?: number;
  /** Every element in the order read, including the ones above. */
  readonly elements: readonly Gs1Element[];
}

export interface BatchCodeInput {
  readonly gtin: string;
  readonly batch: string;
  /** YYMMDD */
  readonly productionDate?: string;
  /** YYMMDD */
  readonly expiryDate?: string;
  readonly serial?: string;
  readonly count?: number;
}

/**
 * Writes a batch code. `hri` (default) is the bracketed form bwip-js takes for GS1
 * DataMatrix / GS1-128 and people read; `raw` is the FNC1-as-GS form readers transmit.
 * Throws on invalid values (wrong GTIN check digit, bad date, too long).
 */
export function encodeBatchCode(input: BatchCodeInput, form: 'hri' | 'raw' = 'hri'): string {
  const elements: Gs1Element[] = [
    { ai: '01', value: input.gtin },
    ...(input.productionDate === undefined ? [] : [{ ai: '11', value: input.productionDate }]),
    ...(input.expiryDate === undefined ? [] : [{ ai: '17', value: input.expiryDate }]),
    { ai: '10', value: input.batch },
    ...(input.serial === undefined ? [] : [{ ai: '21', value: input.serial }]),
    ...(input.count === undefined ? [] : [{ ai: '37', value: String(input.count) }]),
  ];
  return form === 'hri' ? encodeGs1Hri(elements) : encodeGs1Raw(elements);
}

/**
 * Reads GS1 data in either form. `gs1` tells that a reader announced GS1 (AIM `]C1`, `]d2`,
 * `]Q3`, `]e0`), so raw digits are read as an element string even without any GS in them.
 */
export function parseBatchCode(
  text: string,
  options: { gs1?: boolean; now?: Date } = {},
): Result<BatchCode, string> {
  const looksRaw = options.gs1 === true || text.includes(GS1_GROUP_SEPARATOR);
  if (!text.startsWith('(') && !looksRaw) return err('not GS1 data');
  const parsed = text.startsWith('(') ? parseGs1Hri(text) : parseGs1Raw(text);
  if (!parsed.ok) return parsed;

  const elements = parsed.value;
  const first = (ai: string): string | undefined => elements.find((e) => e.ai === ai)?.value;
  const gtin = first('01');
  const batch = first('10');
  if (gtin === undefined || batch === undefined) {
    return err('GS1 data without both (01) GTIN and (10) batch is not a goods batch code');
  }
  const production = first('11');
  const expiry = first('17');
  const serial = first('21');
  const count = first('37') ?? first('30');
  return ok({
    kind: 'batch',
    gtin,
    batch,
    ...(production === undefined ? {} : { productionDate: gs1DateToIso(production, options.now) }),
    ...(expiry === undefined ? {} : { expiryDate: gs1DateToIso(expiry, options.now) }),
    ...(serial === undefined ? {} : { serial }),
    ...(count === undefined ? {} : { count: Number(count) }),
    elements,
  });
}

// ---- App identity QR codes -------------------------------------------------------------

/** Version tag of app identity codes shown by the government app for kiosk sign-in. */
export const APP_IDENTITY_PREFIX = 'HKA1';
const APP_IDENTITY_FIELD_COUNT = 4;
const APP_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{1,31}$/;
/** The token is opaque: only the central API can resolve it to a person. */
const APP_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

export interface AppIdentityCode {
  readonly kind: 'app-identity';
  /** Which app showed it, e.g. `gov-app`. */
  readonly appId: string;
  /** One-time sign-in token, resolved by the central API (never logged). */
  readonly token: string;
  /** Expiry, Unix seconds. */
  readonly expiresAt: number;
}

export function encodeAppIdentityCode(input: Omit<AppIdentityCode, 'kind'>): string {
  if (!APP_ID_PATTERN.test(input.appId)) throw new TypeError('encodeAppIdentityCode: bad appId');
  if (!APP_TOKEN_PATTERN.test(input.token)) throw new TypeError('encodeAppIdentityCode: bad token');
  if (!Number.isSafeInteger(input.expiresAt) || input.expiresAt <= 0) {
    throw new TypeError('encodeAppIdentityCode: expiresAt must be positive Unix seconds');
  }
  return [APP_IDENTITY_PREFIX, input.appId, input.token, String(input.expiresAt)].join(
    FIELD_SEPARATOR,
  );
}

export function parseAppIdentityCode(text: string): Result<AppIdentityCode, string> {
  if (!text.startsWith(APP_IDENTITY_PREFIX + FIELD_SEPARATOR)) {
    return err(`does not start with ${APP_IDENTITY_PREFIX}|`);
  }
  const parts = text.split(FIELD_SEPARATOR);
  if (parts.length !== APP_IDENTITY_FIELD_COUNT) {
    return err(`app identity code needs ${APP_IDENTITY_FIELD_COUNT} fields, has ${parts.length}`);
  }
  const [, appId, token, expires] = parts as [string, string, string, string];
  if (!APP_ID_PATTERN.test(appId)) return err('app id is malformed');
  if (!APP_TOKEN_PATTERN.test(token)) return err('app sign-in token is malformed');
  if (!/^[1-9]\d{0,12}$/.test(expires)) return err('app code expiry is not Unix seconds');
  return ok({ kind: 'app-identity', appId, token, expiresAt: Number(expires) });
}

/** True once the app code's expiry has passed; the applicant must refresh it in the app. */
export function isAppIdentityExpired(code: AppIdentityCode, now: Date = new Date()): boolean {
  return now.getTime() >= code.expiresAt * 1000;
}

// ---- E-license QR codes ----------------------------------------------------------------

/** Query parameter that carries the identifier in e-license verification URLs. */
const E_LICENSE_URL_PARAM = 'id';

export interface ELicenseCode {
  readonly kind: 'e-license';
  /** The GB/T 36904 identifier, check character verified. */
  readonly identifier: string;
  readonly typeCode: string;
  readonly issuerCreditCode: string;
  readonly serial: string;
  readonly version: string;
  /** Origin of the verification URL when the code was a URL. */
  readonly origin?: string;
}

/**
 * Writes an e-license code: the bare identifier, or a verification URL
 * `<verifyBaseUrl>?id=<identifier>` when a base is given.
 */
export function encodeELicenseCode(identifier: string, verifyBaseUrl?: string): string {
  if (!checkELicenseIdentifier(identifier).ok) {
    throw new TypeError('encodeELicenseCode: not a valid GB/T 36904 identifier');
  }
  if (verifyBaseUrl === undefined) return identifier;
  const url = new URL(verifyBaseUrl);
  url.searchParams.set(E_LICENSE_URL_PARAM, identifier);
  return url.toString();
}

export function parseELicenseCode(text: string): Result<ELicenseCode, string> {
  let identifier = text;
  let origin: string | undefined;
  const url = parseHttpUrl(text);
  if (url) {
    const fromQuery = url.searchParams.get(E_LICENSE_URL_PARAM);
    const lastSegment = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .at(-1);
    const candidate = [fromQuery, lastSegment && safeDecode(lastSegment)].find((c) =>
      c?.startsWith(E_LICENSE_PREFIX),
    );
    if (!candidate) return err('URL carries no e-license identifier');
    identifier = candidate;
    origin = url.origin;
  }
  const checked = checkELicenseIdentifier(identifier);
  if (!checked.ok) {
    return err(
      checked.problem === 'check-char'
        ? 'e-license identifier has a wrong check character'
        : 'not a GB/T 36904 e-license identifier',
    );
  }
  return ok({
    kind: 'e-license',
    identifier,
    ...checked.parts,
    ...(origin === undefined ? {} : { origin }),
  });
}

// ---- Classification ---------------------------------------------------------------------

export type KnownCode = ReceiptCode | PermitCode | BatchCode | AppIdentityCode | ELicenseCode;

export interface UnknownCode {
  readonly kind: 'unknown';
  /** English, for logs and technicians; the renderer says "not a code this kiosk knows". */
  readonly reason: string;
  /** Set when the text is recognisably meant as one of our kinds but is malformed. */
  readonly looksLike?: CodeKind;
}

export type ClassifiedCode = KnownCode | UnknownCode;

export interface ClassifyOptions {
  /**
   * The reader's AIM symbology identifier (`]C1`, `]Q1`, …), if it sent one. GS1 ones make
   * raw digits count as a GS1 element string.
   */
  readonly symbologyIdentifier?: string;
  /** Reference time for GS1 two-digit years; default now. */
  readonly now?: Date;
}

/**
 * Says what a scanned text is. Never throws, whatever the input: anything that is not one of
 * the kiosk's codes comes back as `{ kind: 'unknown', reason }`.
 */
export function classifyCode(text: unknown, options: ClassifyOptions = {}): ClassifiedCode {
  try {
    return classify(text, options);
  } catch (e) {
    // Defence in depth: the parsers are fuzzed not to throw; a crash here must still not
    // reach the applicant as anything but "unknown".
    return unknown(`could not be read (${e instanceof Error ? e.name : 'error'})`);
  }
}

function classify(input: unknown, options: ClassifyOptions): ClassifiedCode {
  if (typeof input !== 'string') return unknown('not text');
  if (input.length > MAX_CODE_LENGTH) return unknown(`longer than ${MAX_CODE_LENGTH} characters`);
  // Readers may leave a CR/LF suffix or padding; GS is data and must survive.
  const text = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (text === '') return unknown('empty');

  const gs1 =
    options.symbologyIdentifier !== undefined &&
    GS1_SYMBOLOGY_IDENTIFIERS.has(options.symbologyIdentifier);

  const attempts: readonly [CodeKind, (t: string) => boolean, () => Result<KnownCode, string>][] = [
    ['permit', (t) => t.startsWith(PERMIT_CODE_PREFIX + '|'), () => parsePermitCode(text)],
    [
      'app-identity',
      (t) => t.startsWith(APP_IDENTITY_PREFIX + '|'),
      () => parseAppIdentityCode(text),
    ],
    [
      'batch',
      (t) => gs1 || GS1_HRI_START.test(t) || t.includes(GS1_GROUP_SEPARATOR),
      () => parseBatchCode(text, { gs1, ...(options.now ? { now: options.now } : {}) }),
    ],
    ['e-license', (t) => t.includes(E_LICENSE_PREFIX), () => parseELicenseCode(text)],
    ['receipt', (t) => isReceiptShaped(t), () => parseReceiptCode(text)],
  ];

  for (const [kind, claims, parse] of attempts) {
    if (!claims(text)) continue;
    const result = parse();
    if (result.ok) return result.value;
    return unknown(result.error, kind);
  }
  return unknown('not a code this kiosk knows');
}

function isReceiptShaped(text: string): boolean {
  const url = parseHttpUrl(text);
  return url !== undefined && url.pathname.split('/').includes(RECEIPT_PATH_MARKER);
}

function unknown(reason: string, looksLike?: CodeKind): UnknownCode {
  return { kind: 'unknown', reason, ...(looksLike === undefined ? {} : { looksLike }) };
}

// ---- Small pure helpers ----------------------------------------------------------------

function parseHttpUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url (no padding) to bytes; undefined on any other character or bad length. */
function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Reject non-canonical encodings (stray low bits in the last character) so one signature
  // has exactly one text form.
  return toBase64Url(bytes) === text ? bytes : undefined;
}
