/**
 * SAM status word SW3 (the third status byte of every SAM answer) with its meaning.
 * Sources: the SAM serial protocol pages of reader vendors and the status enums of public
 * host implementations; they agree on every code below except `0x37` and `0x3F`, which only
 * newer SAM_A documents list.
 */

/** Named SW3 values. */
export const SW3 = {
  SUCCESS: 0x90,
  FIND_SUCCESS: 0x9f,
  NO_CONTENT: 0x91,
  COMMAND_CHECKSUM_ERROR: 0x10,
  COMMAND_LENGTH_ERROR: 0x11,
  COMMAND_ERROR: 0x21,
  UNAUTHORISED_OPERATION: 0x23,
  UNRECOGNISED_ERROR: 0x24,
  CARD_REJECTED_SAM: 0x31,
  SAM_REJECTED_CARD: 0x32,
  INFORMATION_VERIFICATION_ERROR: 0x33,
  FINGERPRINT_VERIFICATION_ERROR: 0x37,
  INFORMATION_LENGTH_ERROR: 0x3f,
  UNRECOGNISED_CARD_TYPE: 0x40,
  READ_FAILED: 0x41,
  GET_RANDOM_FAILED: 0x47,
  SAM_SELF_TEST_FAILED: 0x60,
  SAM_NOT_AUTHORISED: 0x66,
  FIND_FAILED: 0x80,
  SELECT_FAILED: 0x81,
} as const;

export type Sw3Name = keyof typeof SW3;

/**
 * What a status means for the kiosk: `ok` (go on), `no-card` (nothing to read, normal while
 * polling), `card` (the card or its data failed; the applicant should place it again),
 * `sam` (the security module cannot work; a technician is needed), `protocol` (the host sent
 * something the SAM did not accept; a driver or line problem).
 */
export type Sw3Category = 'ok' | 'no-card' | 'card' | 'sam' | 'protocol';

export interface Sw3Info {
  readonly name: Sw3Name;
  readonly category: Sw3Category;
  /** Technician-facing meaning, English. */
  readonly meaning: string;
}

const SW3_INFO: Readonly<Record<Sw3Name, Omit<Sw3Info, 'name'>>> = {
  SUCCESS: { category: 'ok', meaning: 'success' },
  FIND_SUCCESS: { category: 'ok', meaning: 'card found' },
  NO_CONTENT: { category: 'ok', meaning: 'the card holds no content for this item' },
  COMMAND_CHECKSUM_ERROR: { category: 'protocol', meaning: 'checksum error in received command' },
  COMMAND_LENGTH_ERROR: { category: 'protocol', meaning: 'length error in received command' },
  COMMAND_ERROR: { category: 'protocol', meaning: 'command error (bad value or combination)' },
  UNAUTHORISED_OPERATION: { category: 'sam', meaning: 'unauthorised operation' },
  UNRECOGNISED_ERROR: { category: 'sam', meaning: 'unrecognised error' },
  CARD_REJECTED_SAM: { category: 'card', meaning: 'the card failed to authenticate the SAM' },
  SAM_REJECTED_CARD: { category: 'card', meaning: 'the SAM failed to authenticate the card' },
  INFORMATION_VERIFICATION_ERROR: { category: 'card', meaning: 'information verification error' },
  FINGERPRINT_VERIFICATION_ERROR: {
    category: 'card',
    meaning: 'fingerprint information verification error',
  },
  INFORMATION_LENGTH_ERROR: { category: 'card', meaning: 'information length error' },
  UNRECOGNISED_CARD_TYPE: { category: 'card', meaning: 'unrecognised card type' },
  READ_FAILED: { category: 'card', meaning: 'reading the card failed' },
  GET_RANDOM_FAILED: { category: 'card', meaning: 'getting a random number from the card failed' },
  SAM_SELF_TEST_FAILED: {
    category: 'sam',
    meaning: 'SAM self-test failed; it cannot accept commands',
  },
  SAM_NOT_AUTHORISED: { category: 'sam', meaning: 'SAM not authorised' },
  FIND_FAILED: { category: 'no-card', meaning: 'no card found' },
  SELECT_FAILED: { category: 'card', meaning: 'selecting the card failed' },
};

const BY_CODE = new Map<number, Sw3Info>(
  (Object.keys(SW3) as Sw3Name[]).map((name) => [SW3[name], { name, ...SW3_INFO[name] }]),
);

/** The meaning of an SW3 byte; unknown codes are reported as such with their hex value. */
export function describeSw3(sw3: number): Sw3Info & { readonly hex: string } {
  const hex = sw3.toString(16).toUpperCase().padStart(2, '0');
  const info = BY_CODE.get(sw3);
  if (info) return { ...info, hex };
  return {
    name: 'UNRECOGNISED_ERROR',
    category: 'protocol',
    meaning: `unknown SAM status 0x${hex}`,
    hex,
  };
}
