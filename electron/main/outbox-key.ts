/**
 * The outbox's AES-256-GCM key under the Electron shell, protected by Electron `safeStorage`
 * (the OS keyring: DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). Main
 * unwraps it and hands it to the service at start (`outbox-key` message, channels.ts); the
 * service never sees the wrapped file and never needs Electron.
 *
 * On disk: `<dataDir>/outbox-key.safe`, the safeStorage ciphertext of the key in base64,
 * mode 0600. Without a usable keyring this returns null and the service falls back to its own
 * owner-only key file (`outbox.key`, electron/service/outbox/crypto.ts).
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../drivers/common/logger.js';

/** Name of the safeStorage-wrapped key in the data folder. */
export const OUTBOX_SAFE_KEY_FILE = 'outbox-key.safe';
/**
 * The service's plain key file (electron/service/outbox/crypto.ts `OUTBOX_KEY_FILE`; main may
 * not import the service, so the name is repeated here). A kiosk that ran before the key was
 * wrapped has rows sealed with it; its key is adopted so they stay readable.
 */
export const OUTBOX_PLAIN_KEY_FILE = 'outbox.key';
/** AES-256 key length, bytes (the same as the service's `OUTBOX_KEY_BYTES`). */
export const OUTBOX_KEY_LENGTH = 32;

/**
 * Linux backend that wraps with a fixed, built-in password when no keyring runs: it protects
 * nothing, so it counts as "no keyring" here (Electron docs, safeStorage.getSelectedStorageBackend).
 */
const UNPROTECTED_LINUX_BACKEND = 'basic_text';

/** The parts of Electron's `safeStorage` used here (injected so tests can pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

export interface OutboxKeyDeps {
  readonly logger: Logger;
  /** Source of the new key; default node:crypto randomBytes. */
  readonly randomBytes?: (size: number) => Buffer;
}

/**
 * Returns the outbox key as base64 (32 bytes), creating and wrapping it on first use, or null
 * when safeStorage cannot protect it (the service then uses its key file). Throws with the
 * file named when the wrapped file exists but does not unwrap to a 32-byte key. Call after
 * `app` is ready (safeStorage needs it). Never logs the key.
 */
export function loadOrCreateOutboxKey(
  dataDir: string,
  safeStorage: SafeStorageLike,
  deps: OutboxKeyDeps,
): string | null {
  const { logger } = deps;
  const file = path.join(dataDir, OUTBOX_SAFE_KEY_FILE);
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (!safeStorage.isEncryptionAvailable() || backend === UNPROTECTED_LINUX_BACKEND) {
    logger.warn({
      event: 'outbox-key.no-keyring',
      backend,
      detail: 'safeStorage cannot protect the outbox key; the service uses its key file',
    });
    return null;
  }

  if (existsSync(file)) {
    let text: string;
    try {
      text = safeStorage.decryptString(readFileSync(file));
    } catch (error) {
      throw new Error(
        `outbox key ${file}: safeStorage cannot unwrap it (${(error as Error).message}); ` +
          `the keyring changed or the file is damaged`,
        { cause: error },
      );
    }
    const key = decodeOutboxKey(text);
    if (!key) {
      throw new Error(
        `outbox key ${file}: unwrapped, but it is not a base64 ${OUTBOX_KEY_LENGTH}-byte key`,
      );
    }
    logger.info({ event: 'outbox-key.loaded', file });
    return key.toString('base64');
  }

  const adopted = readPlainKey(path.join(dataDir, OUTBOX_PLAIN_KEY_FILE));
  const key = adopted ?? (deps.randomBytes ?? nodeRandomBytes)(OUTBOX_KEY_LENGTH);
  if (key.length !== OUTBOX_KEY_LENGTH) {
    throw new Error(`outbox key: need ${OUTBOX_KEY_LENGTH} random bytes, got ${key.length}`);
  }
  const base64 = key.toString('base64');
  writeFileAtomic(file, safeStorage.encryptString(base64));
  if (adopted) {
    // Rows sealed before the key was wrapped must stay readable, so the same key is kept; it
    // is only protected by the keyring once the plain file is gone (docs/electron-shell.md).
    logger.warn({
      event: 'outbox-key.adopted-plain-file',
      file,
      plainFile: path.join(dataDir, OUTBOX_PLAIN_KEY_FILE),
      detail: 'the plain key file still holds the key; delete it to rely on the keyring alone',
    });
  } else {
    logger.info({ event: 'outbox-key.created', file });
  }
  return base64;
}

/**
 * A strict base64 32-byte key, or undefined. Shared with the service side of the hand-over
 * (electron/host/outbox-key-wait.ts), which checks the key it receives the same way.
 */
export function decodeOutboxKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === OUTBOX_KEY_LENGTH && key.toString('base64') === trimmed ? key : undefined;
}

/** The service's `outbox.key` (64 hex characters), if present and well formed. */
function readPlainKey(file: string): Buffer | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new Error(`outbox key file ${file}: expected 64 hex characters`);
  }
  return Buffer.from(text, 'hex');
}

/**
 * Writes `data` to `file` with mode 0600 through a temporary file and a rename, so a crash
 * leaves either no key file or a whole one (never a truncated one that unwraps to nothing).
 */
function writeFileAtomic(file: string, data: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  // A stale temp file (a crash of an earlier process with the same pid) may have other
  // permissions; 'wx' then creates a fresh one with 0600.
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, file);
}
