/**
 * Forwarding through a fault proxy: 200 applications are submitted while the proxy between
 * the kiosk and the sandbox resets connections (before and after the sandbox acted), answers
 * 503 and stalls. Every application reaches the sandbox exactly once with every file byte,
 * the outbox ends empty with no refusals, and the database holds no plaintext personal data.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, silentLogger } from '../../../drivers/common/logger.js';
import { fileKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { Forwarder } from '../../../electron/service/outbox/forwarder.js';
import { OutboxStore } from '../../../electron/service/outbox/store.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../approval/fault-proxy.js';
import { DEMO_TERMINAL, startTestSandbox, type TestSandbox } from '../approval/support.js';
import { demoTerminalClient } from './clients.js';
import { personalSecrets, sandboxDeliveries, testApplication } from './fixture.js';

const SUBMISSIONS = Number(process.env['OUTBOX_PROXY_SUBMISSIONS'] ?? '200');

let sandbox: TestSandbox;
let proxy: FaultProxy;
let dataDir: string;
let db: Db;

beforeAll(async () => {
  sandbox = await startTestSandbox({ generatedItems: 0 });
  proxy = await startFaultProxy(sandbox.sandbox.url);
  dataDir = mkdtempSync(join(tmpdir(), 'outbox-proxy-'));
  db = openStore({ path: join(dataDir, 'kiosk.db'), migrations: MIGRATIONS, logger: silentLogger });
});

afterAll(async () => {
  db?.close();
  await proxy?.close();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Faults drawn with fixed odds from a seeded sequence (the same run every time). */
function faultPlan(count: number): Fault[] {
  let state = 20_260_302;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, (): Fault => {
    const r = next();
    if (r < 0.1) return 'reset';
    if (r < 0.25) return 'reset-after-forward';
    if (r < 0.35) return '503';
    if (r < 0.39) return 'stall';
    return 'pass';
  });
}

describe('forwarding through a fault proxy', () => {
  it(`delivers ${SUBMISSIONS} applications exactly once despite resets, 503 and stalls`, async () => {
    const logger = capturingLogger();
    const client = demoTerminalClient(proxy.url, {
      timeoutMs: 250,
      maxAttempts: 2,
      retryInitialMs: 5,
      retryMaxMs: 20,
      breaker: { failureThreshold: 5, openMs: 100 },
      logger,
    });
    const store = new OutboxStore(db, fileKeyProvider(dataDir));
    const forwarder = new Forwarder({
      store,
      client,
      logger,
      retentionMs: 3_600_000,
      idlePollMs: 200,
      outageBackoff: { initialMs: 10, maxMs: 100 },
      retryBackoff: { initialMs: 10, maxMs: 100 },
    });
    proxy.plan(faultPlan(SUBMISSIONS * 4));
    forwarder.start();
    try {
      for (let i = 0; i < SUBMISSIONS; i++) {
        store.enqueue(testApplication(i, DEMO_TERMINAL.id));
        forwarder.kick();
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
      }
      const deadline = Date.now() + 120_000;
      while (store.stats().pending > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await forwarder.stop();
    }

    const stats = store.stats();
    expect(stats.pending).toBe(0);
    expect(stats.refused).toBe(0);
    expect(stats.forwardedToday).toBe(SUBMISSIONS);

    const faults = new Set(proxy.log.map((l) => l.fault));
    for (const f of ['reset', 'reset-after-forward', '503', 'stall'] as const) {
      expect(faults.has(f), f).toBe(true);
    }
    // Lost answers were replayed by the sandbox, not created again.
    expect(
      logger.lines.some(
        (l) => l.fields['event'] === 'application.forwarded' && l.fields['replayed'] === true,
      ),
    ).toBe(true);

    const delivered = sandboxDeliveries(sandbox.dataDir, DEMO_TERMINAL.id);
    expect(delivered.copies.size).toBe(SUBMISSIONS);
    expect([...delivered.copies].filter(([, n]) => n !== 1)).toEqual([]);
    expect(delivered.byteMismatches).toEqual([]);

    db.pragma('wal_checkpoint(TRUNCATE)');
    const log = JSON.stringify(logger.lines);
    for (const file of ['kiosk.db', 'kiosk.db-wal'].map((f) => join(dataDir, f))) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const secret of personalSecrets()) {
        expect(bytes.includes(secret.bytes), `${secret.label} in ${file}`).toBe(false);
      }
    }
    for (const secret of personalSecrets()) {
      expect(log.includes(secret.bytes.toString()), `${secret.label} in the log`).toBe(false);
    }
  }, 150_000);
});
