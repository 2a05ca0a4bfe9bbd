/**
 * The kiosk side of the kill test, run as its own process (bundled by the test, started with
 * node): opens the kiosk's database and outbox key in KIOSK_DATA_DIR, queues BATCH new test
 * applications, and forwards everything due to the sandbox at SANDBOX_URL, as the service's
 * applications domain does. With KILL_STEP and KILL_AFTER it SIGKILLs itself at the
 * KILL_AFTER-th occurrence of that step; the test also kills it from outside at random times.
 *
 * stdout: `ready` once the database is open, then one JSON line when done.
 */
import { join } from 'node:path';
import { parseTerminalKeyHex } from '../../../drivers/common/request-signature.js';
import { ApprovalClient } from '../../../electron/service/approval/client.js';
import { createLogger } from '../../../electron/service/logging.js';
import { fileKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { Forwarder, type ForwarderStep } from '../../../electron/service/outbox/forwarder.js';
import { OutboxStore } from '../../../electron/service/outbox/store.js';
import { openStore } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { testApplication } from './fixture.js';

type Step = ForwarderStep | 'enqueued';

function env(name: string): string {
  const v = process.env[name];
  if (v === undefined) throw new Error(`outbox-child: ${name} is required`);
  return v;
}

const dataDir = env('KIOSK_DATA_DIR');
const batch = Number(process.env['BATCH'] ?? '0');
const killStep = process.env['KILL_STEP'] as Step | undefined;
let killAfter = Number(process.env['KILL_AFTER'] ?? '0');
const terminalId = env('TERMINAL_ID');

async function step(name: Step): Promise<void> {
  if (name === killStep && --killAfter === 0) process.kill(process.pid, 'SIGKILL');
}

const logger = createLogger({ level: 'info', fd: 2, name: 'outbox-child' });
const db = openStore({ path: join(dataDir, 'kiosk.db'), migrations: MIGRATIONS, logger });
const store = new OutboxStore(db, fileKeyProvider(dataDir));
const client = new ApprovalClient({
  baseUrl: env('SANDBOX_URL'),
  terminalId,
  keyId: env('KEY_ID'),
  key: parseTerminalKeyHex(env('KEY_HEX')),
  timeoutMs: 2000,
  retryInitialMs: 10,
  retryMaxMs: 50,
  logger,
});
const forwarder = new Forwarder({
  store,
  client,
  logger,
  retentionMs: 3_600_000,
  idlePollMs: 1000,
  outageBackoff: { initialMs: 20, maxMs: 200 },
  retryBackoff: { initialMs: 20, maxMs: 200 },
  onStep: (s) => step(s),
});
process.stdout.write('ready\n');

const queued = (db.prepare('SELECT COUNT(*) AS n FROM outbox_applications').get() as { n: number })
  .n;
for (let i = queued; i < queued + batch; i++) {
  store.enqueue(testApplication(i, terminalId));
  await step('enqueued');
  if (i % 2 === 1) await forwarder.drain();
}
for (let pass = 0; store.stats().pending > 0; pass++) {
  const r = await forwarder.drain();
  if (r.outage || store.stats().pending > 0) await new Promise((res) => setTimeout(res, 20));
  if (pass > 500) throw new Error('outbox-child: the outbox does not drain');
}
process.stdout.write(`${JSON.stringify({ done: true, stats: store.stats() })}\n`);
db.close();
