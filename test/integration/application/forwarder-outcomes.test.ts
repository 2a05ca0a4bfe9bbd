/**
 * What the forwarder does with each kind of answer, against a real sandbox: an application the
 * central API refuses (422) is kept as refused for staff, never dropped or retried forever; a
 * closed port is an outage that leaves the application pending with its error until the API is
 * back; after the acknowledgement and the retention the personal data is purged while the
 * tracking number, receipt and audit facts stay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, silentLogger } from '../../../drivers/common/logger.js';
import { fileKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { Forwarder } from '../../../electron/service/outbox/forwarder.js';
import { OutboxStore } from '../../../electron/service/outbox/store.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { DEMO_TERMINAL, startTestSandbox, type TestSandbox } from '../approval/support.js';
import { demoTerminalClient } from './clients.js';
import { testApplication } from './fixture.js';

let sandbox: TestSandbox;
let dataDir: string;
let db: Db;

beforeAll(async () => {
  sandbox = await startTestSandbox({ generatedItems: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'forwarder-outcomes-'));
  db = openStore({ path: join(dataDir, 'kiosk.db'), migrations: MIGRATIONS, logger: silentLogger });
});

afterAll(async () => {
  db?.close();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function forwarder(store: OutboxStore, baseUrl: string, retentionMs = 3_600_000) {
  const logger = capturingLogger();
  return {
    logger,
    forwarder: new Forwarder({
      store,
      client: demoTerminalClient(baseUrl, { timeoutMs: 1000, maxAttempts: 1 }),
      logger,
      retentionMs,
      idlePollMs: 50,
      outageBackoff: { initialMs: 10, maxMs: 50 },
      retryBackoff: { initialMs: 10, maxMs: 50 },
    }),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('forwarder outcomes', () => {
  it('keeps an application the central API refuses, for staff, and goes on with the next', async () => {
    const store = new OutboxStore(db, fileKeyProvider(dataDir));
    const bad = testApplication(900, DEMO_TERMINAL.id);
    const refused = store.enqueue({
      ...bad,
      request: { ...bad.request, itemImplementCode: '360322-NO-SUCH-ITEM' },
    });
    const good = store.enqueue(testApplication(901, DEMO_TERMINAL.id));
    const { forwarder: f, logger } = forwarder(store, sandbox.sandbox.url);
    const pass = await f.drain();
    expect(pass).toEqual({ forwarded: 1, outage: false });
    expect(store.row(refused.localReference)).toMatchObject({
      state: 'refused',
      lastError: expect.stringContaining('HTTP 422 application-invalid'),
    });
    expect(store.row(good.localReference)?.state).toBe('forwarded');
    expect(store.stats().refused).toBe(1);
    expect(logger.lines.some((l) => l.fields['event'] === 'outbox.refused')).toBe(true);
    // Refused rows keep their data: staff decide, the kiosk never drops an application.
    expect(store.work(refused.localReference)?.request.itemImplementCode).toBe(
      '360322-NO-SUCH-ITEM',
    );
    expect(store.due(Date.now() + 3_600_000)).toEqual([]);
  });

  it('leaves an application pending through an outage and forwards it when the API is back', async () => {
    const store = new OutboxStore(db, fileKeyProvider(dataDir));
    const queued = store.enqueue(testApplication(902, DEMO_TERMINAL.id));
    const down = forwarder(store, `http://127.0.0.1:${await closedPort()}`);
    expect(await down.forwarder.forward(queued.localReference)).toMatchObject({ kind: 'outage' });
    const row = store.row(queued.localReference)!;
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/file upload: network/);
    expect(store.stats().pending).toBe(1);

    const up = forwarder(store, sandbox.sandbox.url, 0);
    up.forwarder.start();
    const deadline = Date.now() + 20_000;
    while (store.row(queued.localReference)?.purgedAt === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await up.forwarder.stop();
    const done = store.row(queued.localReference)!;
    expect(done.state).toBe('forwarded');
    expect(done.trackingNumber).toMatch(/\S/);
    // Retention 0: purged by the loop; what a reprint and an audit need stays.
    expect(done.purgedAt).not.toBeNull();
    expect(store.work(queued.localReference)).toBeUndefined();
    expect(store.rowByTrackingNumber(done.trackingNumber!)?.receipt.itemCode).toBe(
      testApplication(902, DEMO_TERMINAL.id).receipt.itemCode,
    );
    expect(up.logger.lines.some((l) => l.fields['event'] === 'outbox.purged')).toBe(true);
  });
});
