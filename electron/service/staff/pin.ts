/**
 * Staff PINs: hashed with scrypt (RFC 7914) into the config, checked in constant time. The
 * work runs on libuv's thread pool (async `scrypt`), so a sign-in never stalls the event loop
 * that serves devices.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PinHashConfig } from '../../../kiosk-config/staff.js';

/** Default cost for new hashes: N = 2^15, r = 8, p = 1 (about 32 MiB and tens of ms). */
export const DEFAULT_PIN_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A PIN: 4 to 12 digits typed on the kiosk keypad. */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

function derive(
  pin: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
  keyLength: number,
): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node refuses above `maxmem` (32 MiB by default).
  const maxmem = 128 * params.N * params.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, keyLength, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a PIN for the config's `staff.members[].pin`. Throws naming the problem. */
export async function hashPin(
  pin: string,
  params: { N: number; r: number; p: number } = DEFAULT_PIN_PARAMS,
): Promise<PinHashConfig> {
  if (!PIN_PATTERN.test(pin)) throw new TypeError('a PIN is 4 to 12 digits');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, params, KEY_BYTES);
  return {
    algorithm: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

/** True when the PIN matches the stored hash; compares in constant time. */
export async function verifyPin(pin: string, stored: PinHashConfig): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(
    pin,
    Buffer.from(stored.salt, 'base64'),
    { N: stored.N, r: stored.r, p: stored.p },
    expected.length,
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash nobody's PIN matches, checked when the staff id is unknown so that an unknown id
 * takes as long to refuse as a wrong PIN (the answer time does not tell which ids exist).
 */
export function decoyHash(params: { N: number; r: number; p: number }): PinHashConfig {
  return {
    algorithm: 'scrypt',
    ...params,
    salt: randomBytes(SALT_BYTES).toString('base64'),
    hash: randomBytes(KEY_BYTES).toString('base64'),
  };
}
