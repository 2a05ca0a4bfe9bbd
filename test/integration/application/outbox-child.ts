/**
 * The kiosk side of the kill test, run as its own process (bundled by the test, started with
 * node): opens the kiosk's database and outbox key in KIOSK_DATA_DIR, queues BATCH new test
 * applications, and forwards everything due to the sandbox at SANDBOX_URL, as the service's
 * service's applications domain (built here by `createApplicationsDomain`) does. With KILL_STEP and KILL_AFTER it SIGKILLs itself at the
 * KILL_AFTER-th occurrence of that step; the test also kills it from outside at random times.
 *
 * stdout: `ready` once the database is open, then one JSON line when done.
 */
import { join } from 'node:path';
import { createApplicationsDomain } from '../../../electron/service/application/domain.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { createLogger } from '../../../electron/service/logging.js';
import type { ForwarderStep } from '../../../electron/service/outbox/forwarder.js';
import { SessionManager } from '../../../electron/service/session/session.js';
import { EventBus } from '../../../electron/service/events.js';
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
// The service's own composition of the applications domain, from a kiosk config.
const loaded = parseConfig({
  mode: 'demo',
  terminal: { id: terminalId, hall: { 'zh-CN': '测试大厅', en: 'Test hall' } },
  approvalApi: {
    baseUrl: 'embedded',
    keyId: env('KEY_ID'),
    keyFile: env('KEY_FILE'),
    timeoutMs: 2000,
  },
  applications: { outageBackoffInitialMs: 20, outageBackoffMaxMs: 200, forwarderIdleMs: 1000 },
});
const db = openStore({ path: join(dataDir, 'kiosk.db'), migrations: MIGRATIONS, logger });
const domain = createApplicationsDomain({
  config: loaded.config,
  resolvePath: loaded.resolvePath,
  dataDir,
  db,
  session: new SessionManager(new EventBus(logger), logger),
  logger,
  approvalBaseUrl: env('SANDBOX_URL'),
  scanPdf: async () => undefined,
  onForwarderStep: (s) => step(s),
});
const store = domain.outbox;
const forwarder = domain.forwarder!;
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
