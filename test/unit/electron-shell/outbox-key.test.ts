import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import {
  loadOrCreateOutboxKey,
  OUTBOX_PLAIN_KEY_FILE,
  OUTBOX_SAFE_KEY_FILE,
} from '../../../electron/main/outbox-key.js';
import { FakeSafeStorage } from './fake-electron.js';

let dataDir: string;
let safeStorage: FakeSafeStorage;
let logger: ReturnType<typeof capturingLogger>;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'outbox-key-'));
  safeStorage = new FakeSafeStorage();
  safeStorage.available = true;
  logger = capturingLogger();
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const safeFile = (): string => path.join(dataDir, OUTBOX_SAFE_KEY_FILE);
const events = (): unknown[] => logger.lines.map((l) => l.fields['event']);
/** Every logged field value as one string, to check the key never appears in a log line. */
const logText = (): string => JSON.stringify(logger.lines);

describe('outbox key wrapped with safeStorage', () => {
  it('creates a 32-byte key once and returns the same key on the next start', () => {
    const created = loadOrCreateOutboxKey(dataDir, safeStorage, { logger });
    expect(created).not.toBeNull();
    expect(Buffer.from(created ?? '', 'base64')).toHaveLength(32);
    expect(safeStorage.encrypted).toBe(1);

    const reloaded = loadOrCreateOutboxKey(dataDir, new FakeSafeStorageOn(), { logger });
    expect(reloaded).toBe(created);
    expect(events()).toEqual(['outbox-key.created', 'outbox-key.loaded']);
    // Nothing but the wrapped file is left behind (no temp file).
    expect(readdirSync(dataDir)).toEqual([OUTBOX_SAFE_KEY_FILE]);
  });

  it('writes the wrapped key owner-only, and neither the raw key nor its base64 is in it', () => {
    const raw = Buffer.alloc(32, 0x5a);
    const key = loadOrCreateOutboxKey(dataDir, safeStorage, { logger, randomBytes: () => raw });
    expect(key).toBe(raw.toString('base64'));
    expect(statSync(safeFile()).mode & 0o777).toBe(0o600);
    const onDisk = readFileSync(safeFile());
    expect(onDisk.includes(raw)).toBe(false);
    expect(onDisk.includes(Buffer.from(raw.toString('base64')))).toBe(false);
    expect(onDisk.includes(Buffer.from(raw.toString('hex')))).toBe(false);
    expect(logText()).not.toContain(raw.toString('base64'));
  });

  it('without a keyring returns null, warns, and writes nothing', () => {
    safeStorage.available = false;
    expect(loadOrCreateOutboxKey(dataDir, safeStorage, { logger })).toBeNull();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      fields: { event: 'outbox-key.no-keyring' },
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("treats Linux's basic_text backend (a fixed password) as no keyring", () => {
    safeStorage.backend = 'basic_text';
    expect(loadOrCreateOutboxKey(dataDir, safeStorage, { logger })).toBeNull();
    expect(events()).toEqual(['outbox-key.no-keyring']);
    expect(safeStorage.encrypted).toBe(0);
  });

  it('names the file when it does not unwrap', () => {
    writeFileSync(safeFile(), 'not a safeStorage ciphertext', { mode: 0o600 });
    expect(() => loadOrCreateOutboxKey(dataDir, safeStorage, { logger })).toThrow(
      new RegExp(`outbox key ${escape(safeFile())}: safeStorage cannot unwrap it`),
    );
    // The damaged file is kept for a technician, never replaced by a new key.
    expect(readFileSync(safeFile(), 'utf8')).toBe('not a safeStorage ciphertext');
  });

  it('names the file when it unwraps to something that is not a 32-byte key', () => {
    writeFileSync(safeFile(), safeStorage.encryptString(Buffer.alloc(16).toString('base64')));
    expect(() => loadOrCreateOutboxKey(dataDir, safeStorage, { logger })).toThrow(
      new RegExp(`outbox key ${escape(safeFile())}: unwrapped, but it is not a base64 32-byte key`),
    );
  });

  it("adopts the service's existing key file so rows sealed before stay readable", () => {
    const plain = Buffer.alloc(32, 0x11);
    const plainFile = path.join(dataDir, OUTBOX_PLAIN_KEY_FILE);
    writeFileSync(plainFile, `${plain.toString('hex')}\n`);
    chmodSync(plainFile, 0o600);
    expect(loadOrCreateOutboxKey(dataDir, safeStorage, { logger })).toBe(plain.toString('base64'));
    expect(events()).toEqual(['outbox-key.adopted-plain-file']);
    expect(loadOrCreateOutboxKey(dataDir, safeStorage, { logger })).toBe(plain.toString('base64'));
  });
});

/** A second fake instance: the same "keyring" (fixed pad), as after a restart of the app. */
class FakeSafeStorageOn extends FakeSafeStorage {
  override available = true;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
