/**
 * `npm run devices -- outbox` as a child process against a kiosk database with one
 * forwarded and one pending application: the JSON summary, and usage errors (exit 2) without
 * --data-dir or with a folder that holds no kiosk database.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import { fileKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { OutboxStore } from '../../../electron/service/outbox/store.js';
import { openStore } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { personalSecrets, testApplication } from './fixture.js';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'outbox-cli-'));
  const db = openStore({
    path: join(dataDir, 'kiosk.db'),
    migrations: MIGRATIONS,
    logger: silentLogger,
  });
  const store = new OutboxStore(db, fileKeyProvider(dataDir));
  const sent = store.enqueue(testApplication(1, 'HK-DEMO-0001'));
  store.recordForwarded(
    sent.localReference,
    { applicationId: 'a1', trackingNumber: 'T-1', status: 'SUBMITTED' },
    60_000,
  );
  const waiting = store.enqueue(testApplication(2, 'HK-DEMO-0001'), Date.now() - 120_000);
  store.recordFailure(
    waiting.localReference,
    'application: network: connect ECONNREFUSED',
    Date.now() + 1000,
  );
  db.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/service/cli/devices.ts',
      'outbox',
      '--config',
      'kiosk-config/default.json',
      ...args,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
}

describe('devices CLI: outbox', () => {
  it('prints pending count, oldest pending age, last error and forwarded today', () => {
    const run = cli('--data-dir', dataDir);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect(out).toMatchObject({
      pending: 1,
      forwardedToday: 1,
      refused: 0,
      holdingPersonalData: 2,
      lastError: expect.objectContaining({ message: 'application: network: connect ECONNREFUSED' }),
    });
    expect(out['oldestPendingAgeSeconds']).toBeGreaterThanOrEqual(120);
    for (const secret of personalSecrets()) {
      expect(run.stdout.includes(secret.bytes.toString())).toBe(false);
    }
  }, 60_000);

  it('refuses to run without a kiosk data folder', () => {
    const missing = cli();
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--data-dir');
    const empty = cli('--data-dir', tmpdir());
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('no kiosk database');
  }, 60_000);
});
