/**
 * Encryption of the outbox's personal data at rest: AES-256-GCM with a random 96-bit IV per
 * value and the row's identity as additional authenticated data, so a ciphertext copied into
 * another row does not decrypt. The key comes from a `KeyProvider`: a key file with owner-only
 * permissions in the data folder (browser host, tests, CLI), or under Electron a key that
 * main unwrapped with safeStorage and handed to the service at start.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** AES-256 key length, bytes. */
export const OUTBOX_KEY_BYTES = 32;
/** GCM nonce length recommended by NIST SP 800-38D §8.2, bytes. */
const IV_BYTES = 12;
/** Full-length GCM tag, bytes. */
const TAG_BYTES = 16;
/** First byte of every sealed value: the format, so a later format can coexist. */
const FORMAT_V1 = 0x01;
/** Name of the key file in the data folder. */
export const OUTBOX_KEY_FILE = 'outbox.key';
/** Permission bits other than the owner's; any of them set on the key file is refused. */
const GROUP_OTHER_BITS = 0o077;

/** Supplies the outbox key. Implementations must return the same key on every call. */
export interface KeyProvider {
  /** The 32-byte AES key. */
  key(): Uint8Array;
  /** Where the key comes from, for logs and the technician screen (never the key). */
  readonly source: string;
}

/** A key handed over by the host (Electron main unwraps it with safeStorage). */
export function staticKeyProvider(key: Uint8Array, source: string): KeyProvider {
  if (key.length !== OUTBOX_KEY_BYTES) {
    throw new TypeError(
      `outbox key from ${source}: need ${OUTBOX_KEY_BYTES} bytes, got ${key.length}`,
    );
  }
  const copy = Uint8Array.from(key);
  return { key: () => copy, source };
}

/**
 * The key file `outbox.key` in the data folder: 64 hex characters. Created with mode 0600 on
 * first use (exclusively, so two processes never write two keys); refused when group or
 * others may read it, because then the encryption protects nothing.
 */
export function fileKeyProvider(dataDir: string): KeyProvider {
  const path = join(dataDir, OUTBOX_KEY_FILE);
  let key: Uint8Array | undefined;
  return {
    source: path,
    key() {
      key ??= loadOrCreateKeyFile(path);
      return key;
    },
  };
}

function loadOrCreateKeyFile(path: string): Uint8Array {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(OUTBOX_KEY_BYTES).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`outbox key file ${path}: cannot create it: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & GROUP_OTHER_BITS) !== 0) {
    throw new Error(
      `outbox key file ${path} is readable by others (mode ${mode.toString(8)}); ` +
        `run chmod 600 on it, and treat the key as exposed`,
    );
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new Error(`outbox key file ${path}: expected 64 hex characters`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** A short, non-secret fingerprint of a key, stored with rows to detect a swapped key. */
export function keyId(key: Uint8Array): string {
  return createHash('sha256')
    .update('hall-kiosk outbox key id')
    .update(key)
    .digest('hex')
    .slice(0, 16);
}

/** Encrypts `plain`, bound to `context` (e.g. `application:<local reference>`). */
export function seal(key: Uint8Array, plain: Uint8Array, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), body]);
}

/** Decrypts what `seal` produced with the same key and context; throws when it does not match. */
export function open(key: Uint8Array, sealed: Uint8Array, context: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_V1) {
    throw new Error(`sealed value for ${context}: unknown format`);
  }
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new Error(`sealed value for ${context}: authentication failed (wrong key or altered)`);
  }
}
