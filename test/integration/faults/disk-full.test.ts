/**
 * The data disk fills up: the kiosk's store lives on a small tmpfs mounted for the test, a
 * filler file takes the rest of the space, and an applicant submits. The outbox write must fail
 * as a whole with SQLite's "database or disk is full" (which the application desk turns into
 * E_APPLICATION_NOT_SAVED, "could not be saved on this kiosk; call staff"), and nothing already
 * queued may be lost or damaged: the database passes its integrity check, every earlier
 * application still opens with its scans, and once space is freed the kiosk saves again and
 * everything survives a reopen.
 *
 * Needs `mount -t tmpfs` (root, as in CI). Where mounting is not permitted the test is skipped
 * and says so.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import { staticKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { OutboxStore, type OutboxEntryInput } from '../../../electron/service/outbox/store.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { testApplication } from '../application/fixture.js';

/** Small enough to fill in a moment, large enough for the schema and a few applications. */
const TMPFS_SIZE = '8m';
const FILLER_CHUNK_BYTES = 64 * 1024;
const QUEUED_BEFORE = 5;
/** A scan bigger than anything left on the full disk. */
const BIG_SCAN_BYTES = 1024 * 1024;
const TERMINAL_ID = 'HK-FAULT-0001';

let mountPoint = '';
let mounted = false;
let skipReason = '';

function tryMount(dir: string): string {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return `mount -t tmpfs is not permitted here (${String((e as { stderr?: Buffer }).stderr ?? e).trim()}); run as root to test a full data disk`;
  }
}

/** Writes a filler file until the file system refuses with ENOSPC; returns its path. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler.bin');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(FILLER_CHUNK_BYTES, 0xa5);
  try {
    for (;;) {
      try {
        writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw e;
      }
    }
    // The last partial chunk: fill byte by byte-ish until nothing fits.
    for (const size of [4096, 512, 1]) {
      for (;;) {
        try {
          writeSync(fd, chunk.subarray(0, size));
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

function open(dir: string): { db: Db; outbox: OutboxStore } {
  const db = openStore({
    path: join(dir, 'kiosk.db'),
    migrations: MIGRATIONS,
    logger: silentLogger,
  });
  return { db, outbox: new OutboxStore(db, keys) };
}

const keys = staticKeyProvider(randomBytes(32), 'disk-full test key');

function withBigScan(i: number): OutboxEntryInput {
  const base = testApplication(i, TERMINAL_ID);
  const bytes = randomBytes(BIG_SCAN_BYTES);
  return {
    ...base,
    files: [{ ...base.files[0]!, bytes, sha256: 'a'.repeat(64) }],
  };
}

beforeAll(() => {
  mountPoint = mkdtempSync(join(tmpdir(), 'kiosk-diskfull-'));
  skipReason = tryMount(mountPoint);
  mounted = skipReason === '';
  if (!mounted) process.stderr.write(`disk-full fault test skipped: ${skipReason}\n`);
});

afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmdirSync(mountPoint);
});

describe('fault: the data disk is full', () => {
  it('refuses the new application as a whole with a clear error and loses nothing queued', (ctx) => {
    if (!mounted) return ctx.skip(skipReason);
    let { db, outbox } = open(mountPoint);
    const queued = Array.from({ length: QUEUED_BEFORE }, (_, i) => {
      const input = testApplication(i, TERMINAL_ID);
      return { input, entry: outbox.enqueue(input) };
    });
    // The forwarder's background pass checkpoints; do so, as a kiosk that ran a while would.
    outbox.checkpoint();

    const filler = fillDisk(mountPoint);
    let failure: (Error & { code?: string }) | undefined;
    try {
      outbox.enqueue(withBigScan(99));
    } catch (e) {
      failure = e as Error & { code?: string };
    }
    expect(failure, 'enqueue on a full disk must fail').toBeDefined();
    expect(failure!.code).toBe('SQLITE_FULL');
    expect(failure!.message).toMatch(/disk is full/);

    // Nothing half-written, nothing lost.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(outbox.due(Date.now() + 1, 100).sort()).toEqual(
      queued.map((q) => q.entry.localReference).sort(),
    );
    for (const { input, entry } of queued) {
      const work = outbox.work(entry.localReference);
      expect(work?.request).toEqual(input.request);
      input.files.forEach((file, position) => {
        expect(outbox.fileBytes(entry.localReference, position).equals(file.bytes)).toBe(true);
      });
    }

    // Space freed (staff cleared the disk): the kiosk saves again, and all survives a reopen.
    unlinkSync(filler);
    const after = outbox.enqueue(withBigScan(100));
    db.close();
    ({ db, outbox } = open(mountPoint));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(outbox.due(Date.now() + 1, 100)).toHaveLength(QUEUED_BEFORE + 1);
      expect(outbox.row(after.localReference)?.state).toBe('pending');
    } finally {
      db.close();
    }
  });
});
