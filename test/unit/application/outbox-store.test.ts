/**
 * The outbox at rest: the key file (owner-only, refused when others may read it), AES-256-GCM
 * sealing bound to the row, one transaction per submission with its idempotency key, stats,
 * and the purge that keeps what a reprint and an audit need.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import {
  fileKeyProvider,
  open,
  OUTBOX_KEY_FILE,
  seal,
  staticKeyProvider,
} from '../../../electron/service/outbox/crypto.js';
import { OutboxStore, type OutboxEntryInput } from '../../../electron/service/outbox/store.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { agent, consignor } from './fireworks-fixture.js';

const dirs: string[] = [];
const dbs: Db[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'outbox-unit-'));
  dirs.push(d);
  return d;
}
function db(dir: string): Db {
  const d = openStore({
    path: join(dir, 'kiosk.db'),
    migrations: MIGRATIONS,
    logger: silentLogger,
  });
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function entry(fileBytes = Buffer.from('%PDF-1.4\nscan of a contract\n')): OutboxEntryInput {
  return {
    request: {
      itemImplementCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
      itemVersion: 2,
      channel: 'KIOSK',
      terminalId: 'HK-DEMO-0001',
      applicant: { type: 'ENTERPRISE', code: consignor.creditCode, name: consignor.name },
      agent: { idNumber: agent.idNumber, name: agent.name },
      formData: {},
      materials: [{ materialCode: 'PURCHASE_CONTRACT', source: 'SCAN' }],
      completeness: { engineVersion: 'test', result: 'COMPLETE', deficiencies: [] },
    },
    files: [
      {
        materialIndex: 0,
        mediaType: 'application/pdf',
        bytes: fileBytes,
        sha256: 'f'.repeat(64),
        pages: 1,
      },
    ],
    receipt: {
      itemName: { 'zh-CN': '烟花爆竹道路运输许可', en: 'Fireworks road transport permit' },
      itemCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
      itemVersion: 2,
      applicantNameMasked: '萍*********',
      applicantCodeMasked: '913***********1234',
      submittedAt: '2026-03-02T09:00:00.000Z',
      promisedWorkingDays: 3,
      visitsToHall: 1,
    },
    audit: {
      terminalId: 'HK-DEMO-0001',
      sessionId: 's1',
      consent: { at: '2026-03-02T08:59:00.000Z', scope: ['documents-on-file'], textVersion: 'v1' },
      completeness: { engineVersion: 'test', result: 'COMPLETE', deficiencyCodes: [] },
      materials: [
        {
          materialCode: 'PURCHASE_CONTRACT',
          source: 'SCAN',
          trustLevel: 'C',
          sha256: 'f'.repeat(64),
        },
      ],
    },
  };
}

describe('outbox key file', () => {
  it('is created with owner-only permissions and reused', () => {
    const dir = tempDir();
    const key = fileKeyProvider(dir).key();
    expect(key).toHaveLength(32);
    expect(statSync(join(dir, OUTBOX_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fileKeyProvider(dir).key()).equals(Buffer.from(key))).toBe(true);
  });

  it('is refused when group or others may read it', () => {
    const dir = tempDir();
    fileKeyProvider(dir).key();
    chmodSync(join(dir, OUTBOX_KEY_FILE), 0o644);
    expect(() => fileKeyProvider(dir).key()).toThrow(/readable by others.*chmod 600/);
  });

  it('names a malformed key file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, OUTBOX_KEY_FILE), 'not a key\n', { mode: 0o600 });
    expect(() => fileKeyProvider(dir).key()).toThrow(/64 hex characters/);
  });

  it('accepts a host-supplied key of 32 bytes only', () => {
    expect(() => staticKeyProvider(new Uint8Array(16), 'safeStorage')).toThrow(/32 bytes/);
    expect(staticKeyProvider(new Uint8Array(32).fill(7), 'safeStorage').source).toBe('safeStorage');
  });
});

describe('sealing', () => {
  const key = new Uint8Array(32).fill(1);

  it('round-trips and never shows the plain text', () => {
    const plain = Buffer.from(`姓名 ${agent.name} ${agent.idNumber}`);
    const sealed = seal(key, plain, 'ctx');
    expect(sealed.includes(plain)).toBe(false);
    expect(sealed.includes(Buffer.from(agent.idNumber))).toBe(false);
    expect(open(key, sealed, 'ctx').equals(plain)).toBe(true);
  });

  it('detects a wrong key, another row, or a flipped bit', () => {
    const sealed = seal(key, Buffer.from('data'), 'row-1');
    expect(() => open(new Uint8Array(32).fill(2), sealed, 'row-1')).toThrow(
      /authentication failed/,
    );
    expect(() => open(key, sealed, 'row-2')).toThrow(/authentication failed/);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(key, flipped, 'row-1')).toThrow(/authentication failed/);
  });
});

describe('outbox store', () => {
  it('writes the application, its files and the idempotency key in one transaction', () => {
    const dir = tempDir();
    const store = new OutboxStore(db(dir), fileKeyProvider(dir));
    const bytes = Buffer.from('%PDF-1.4\nfile bytes\n');
    const queued = store.enqueue(entry(bytes), Date.parse('2026-03-02T09:00:00Z'));
    expect(queued.localReference).toMatch(/^L\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(queued.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const work = store.work(queued.localReference)!;
    expect(work.row.state).toBe('pending');
    expect(work.row.idempotencyKey).toBe(queued.idempotencyKey);
    expect(work.request.applicant.name).toBe(consignor.name);
    expect(work.files).toEqual([
      expect.objectContaining({ position: 0, materialIndex: 0, size: bytes.length, fileId: null }),
    ]);
    expect(store.fileBytes(queued.localReference, 0).equals(bytes)).toBe(true);
  });

  it('rolls back the whole submission when a file cannot be written', () => {
    const dir = tempDir();
    const store = new OutboxStore(db(dir), fileKeyProvider(dir));
    const bad = entry();
    const broken = {
      ...bad,
      files: [
        bad.files[0]!,
        { ...bad.files[0]!, mediaType: undefined as unknown as 'application/pdf' },
      ],
    };
    expect(() => store.enqueue(broken)).toThrow();
    expect(store.stats().pending).toBe(0);
  });

  it('reports pending, oldest age, last error and forwarded today', () => {
    const dir = tempDir();
    const store = new OutboxStore(db(dir), fileKeyProvider(dir));
    const t0 = Date.now() - 60_000;
    const a = store.enqueue(entry(), t0);
    const b = store.enqueue(entry(), t0 + 1000);
    store.recordFailure(a.localReference, 'application: network: refused', t0 + 5000, t0 + 2000);
    store.recordForwarded(
      b.localReference,
      { applicationId: 'app-1', trackingNumber: 'T1', status: 'SUBMITTED' },
      3_600_000,
    );
    const stats = store.stats();
    expect(stats.pending).toBe(1);
    expect(stats.oldestPendingAgeMs).toBeGreaterThanOrEqual(60_000);
    expect(stats.lastError).toEqual(
      expect.objectContaining({
        localReference: a.localReference,
        message: 'application: network: refused',
      }),
    );
    expect(stats.forwardedToday).toBe(1);
    expect(store.due(t0 + 4000)).toEqual([]);
    expect(store.due(t0 + 5000)).toEqual([a.localReference]);
  });

  it('purges personal data after the retention, keeping receipt and audit facts', () => {
    const dir = tempDir();
    const database = db(dir);
    const store = new OutboxStore(database, fileKeyProvider(dir));
    const q = store.enqueue(entry());
    const now = Date.now();
    store.recordForwarded(
      q.localReference,
      { applicationId: 'app-1', trackingNumber: 'T-42', status: 'SUBMITTED' },
      1000,
      now,
    );
    expect(store.purgeDue(now + 999)).toBe(0);
    expect(store.purgeDue(now + 1000)).toBe(1);
    expect(store.work(q.localReference)).toBeUndefined();
    expect(() => store.fileBytes(q.localReference, 0)).toThrow(/purged/);
    const row = store.rowByTrackingNumber('T-42')!;
    expect(row.receipt.applicantNameMasked).toBe('萍*********');
    expect(row.audit.materials[0]!.sha256).toBe('f'.repeat(64));
    expect(row.purgedAt).toBe(now + 1000);
    expect(store.stats().holdingPersonalData).toBe(0);
    const sha = database.prepare('SELECT sha256, data FROM outbox_files').get() as {
      sha256: string;
      data: null;
    };
    expect(sha).toEqual({ sha256: 'f'.repeat(64), data: null });
  });

  it('refuses rows sealed with another key, naming both keys', () => {
    const dir = tempDir();
    const database = db(dir);
    const q = new OutboxStore(
      database,
      staticKeyProvider(new Uint8Array(32).fill(3), 'old'),
    ).enqueue(entry());
    const other = new OutboxStore(database, staticKeyProvider(new Uint8Array(32).fill(4), 'new'));
    expect(() => other.work(q.localReference)).toThrow(/sealed with key .* but new holds key/);
  });

  it('keeps no plain personal data in the database file', () => {
    const dir = tempDir();
    const database = db(dir);
    const store = new OutboxStore(database, fileKeyProvider(dir));
    for (let i = 0; i < 5; i++) store.enqueue(entry());
    database.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(dir, 'kiosk.db'));
    for (const secret of [agent.idNumber, agent.name, consignor.name]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });
});
