/**
 * Which screen a person sees for an error code: data, not branches. Each kind has a title,
 * what happened and what to do in both languages (i18n `fault.<kind>.*`). Codes come from the
 * contract's error results and device events (`E_SCANNER_*` in docs/scanner.md,
 * `E_APPLICATION_*` in docs/applications.md, `E_BARCODE_APP_CODE_*` in docs/barcode.md, ID-card
 * reader errors, printer failure codes).
 */
export const FAULT_KINDS = [
  'cardUnreadable',
  'paperJam',
  'scannerCoverOpen',
  'scannerEmpty',
  'scannerUnavailable',
  'printerOutOfPaper',
  'printerFault',
  'centralApiDown',
  'serviceUnavailable',
  'notAvailable',
  'applicationNotSaved',
  'appCodeExpired',
  'appCodeUsed',
  'appCodeUnknown',
  'scanAgain',
  'unknown',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const BY_CODE: Readonly<Record<string, FaultKind>> = {
  E_SCANNER_FEEDER_JAM: 'paperJam',
  E_SCANNER_DOOR_OPEN: 'scannerCoverOpen',
  E_SCANNER_FEEDER_EMPTY: 'scannerEmpty',
  E_SCANNER_UNAVAILABLE: 'scannerUnavailable',
  E_SCANNER_DEVICE_ERROR: 'scannerUnavailable',
  E_SCANNER_PROTOCOL: 'scannerUnavailable',
  E_SCANNER_UNREADABLE_IMAGE: 'scannerUnavailable',
  E_SCANNER_NOT_CONFIGURED: 'scannerUnavailable',
  E_SCANNER_BUSY: 'scannerUnavailable',
  'paper-end': 'printerOutOfPaper',
  'cover-open': 'printerFault',
  offline: 'printerFault',
  'cutter-error': 'printerFault',
  'unrecoverable-error': 'printerFault',
  'not-connected': 'printerFault',
  E_APPLICATION_API_UNAVAILABLE: 'centralApiDown',
  // Verifying a permit or batch code needs the central API for its live state.
  E_BARCODE_VERIFY_UNAVAILABLE: 'centralApiDown',
  E_BARCODE_NO_API: 'centralApiDown',
  // The scan is no longer held (older than five minutes, or the visit ended).
  E_BARCODE_SCAN_GONE: 'scanAgain',
  // An item this kiosk never cached, while the central API does not answer.
  E_APPLICATION_ITEM_UNAVAILABLE: 'centralApiDown',
  // The outbox could not be written (the data disk is full): staff must free space.
  E_APPLICATION_NOT_SAVED: 'applicationNotSaved',
  // Government-app sign-in codes (barcode.signIn, docs/barcode.md).
  E_BARCODE_APP_CODE_EXPIRED: 'appCodeExpired',
  E_BARCODE_APP_CODE_USED: 'appCodeUsed',
  E_BARCODE_APP_CODE_UNKNOWN: 'appCodeUnknown',
  E_UNAVAILABLE: 'serviceUnavailable',
  E_TIMEOUT: 'serviceUnavailable',
  // The service has no such method: a step this kiosk's version cannot do yet.
  E_METHOD: 'notAvailable',
};

/** Results the person chose (cancelling a scan): no fault screen. */
const NOT_FAULTS: ReadonlySet<string> = new Set(['E_SCANNER_CANCELLED']);

export function isFault(code: string): boolean {
  return !NOT_FAULTS.has(code);
}

/** Every ID-card reader error means the same to the applicant: the card was not read. */
export function faultKind(code: string, source?: string): FaultKind {
  const known = BY_CODE[code];
  if (known) return known;
  if (source === 'idCard' || code.startsWith('E_IDCARD_')) return 'cardUnreadable';
  if (source === 'printer') return 'printerFault';
  if (source === 'scanner' || code.startsWith('E_SCANNER_')) return 'scannerUnavailable';
  return 'unknown';
}
