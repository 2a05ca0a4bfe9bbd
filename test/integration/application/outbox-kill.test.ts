/**
 * Power-loss behaviour of the outbox: a kiosk process queues and forwards applications to a
 * sandbox in another process and is SIGKILLed at random points — from outside at random
 * times, and from inside at chosen steps (right after a queue commit, after a file upload's
 * answer but before it is recorded, after the application's answer but before the tracking
 * number is recorded). After the last restart every queued application has reached the
 * sandbox exactly once, every file byte matches, and neither the database files nor the log
 * hold a plaintext ID number or name.
 *
 * OUTBOX_KILLS sets the number of kills (default 50, the figure); OUTBOX_KILL_SEED
 * replays a run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { OutboxStore } from '../../../electron/service/outbox/store.js';
import { silentLogger } from '../../../drivers/common/logger.js';
import { seededRandom } from '../../../drivers/common/synthetic.js';
import { openStore } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { DEMO_TERMINAL, startTestSandbox, type TestSandbox } from '../approval/support.js';
import { MARKER_FIELD, personalSecrets, sandboxDeliveries } from './fixture.js';

const KILLS = Number(process.env['OUTBOX_KILLS'] ?? '50');
const SEED = Number(process.env['OUTBOX_KILL_SEED'] ?? Date.now() % 1_000_000);
const STEPS = [
  'enqueued',
  'file-uploaded',
  'file-recorded',
  'application-sent',
  'application-recorded',
];

let sandbox: TestSandbox;
let bundle: string;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ generatedItems: 0 });
  // Bundled once so each restart costs a plain node start, not a TypeScript compile.
  const outDir = resolve('node_modules/.cache/hall-kiosk-tests');
  mkdirSync(outDir, { recursive: true });
  bundle = join(outDir, `outbox-child-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve('test/integration/application/outbox-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'silent',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'outbox-kill-'));
});

afterAll(async () => {
  await sandbox?.close();
  if (bundle && existsSync(bundle)) rmSync(bundle);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(env: Record<string, string>, killAfterReadyMs?: number): Promise<ChildRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle], {
      env: {
        ...process.env,
        KIOSK_DATA_DIR: dataDir,
        SANDBOX_URL: sandbox.sandbox.url,
        TERMINAL_ID: DEMO_TERMINAL.id,
        KEY_ID: DEMO_TERMINAL.keyId,
        KEY_FILE: resolve('kiosk-config/demo-terminal.key'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      const before = stdout;
      stdout += c.toString();
      if (killAfterReadyMs !== undefined && !before.includes('ready') && stdout.includes('ready')) {
        setTimeout(() => child.kill('SIGKILL'), killAfterReadyMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      done({ code, signal, stdout, stderr });
    });
  });
}

describe('outbox under SIGKILL', () => {
  it(`delivers every application exactly once after ${KILLS} kills (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    let kills = 0;
    let runs = 0;
    const killedAt = new Map<string, number>();
    let log = '';
    while (kills < KILLS && runs < KILLS * 4) {
      runs++;
      const batch = String(1 + Math.floor(random() * 3));
      // Alternate: a kill at a random time, then one at the next step in turn, so every
      // step's window is hit several times whatever the seed.
      const byTimer = runs % 2 === 1;
      const step = STEPS[Math.floor(runs / 2) % STEPS.length]!;
      const run = byTimer
        ? await runChild({ BATCH: batch }, Math.floor(random() * 40))
        : await runChild({
            BATCH: batch,
            KILL_STEP: step,
            KILL_AFTER: '1',
          });
      log += run.stderr;
      if (run.signal === 'SIGKILL') {
        kills++;
        const where = byTimer ? 'timer' : step;
        killedAt.set(where, (killedAt.get(where) ?? 0) + 1);
      } else {
        expect(run.code, run.stderr.slice(-2000)).toBe(0);
      }
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // The windows that matter most were hit.
    expect(killedAt.get('application-sent') ?? 0).toBeGreaterThan(0);
    expect(killedAt.get('file-uploaded') ?? 0).toBeGreaterThan(0);

    const last = await runChild({ BATCH: '0' });
    log += last.stderr;
    expect(last.code, last.stderr.slice(-2000)).toBe(0);

    // The kiosk's view: every queued application forwarded, with its tracking number.
    const db = openStore({
      path: join(dataDir, 'kiosk.db'),
      migrations: MIGRATIONS,
      logger: silentLogger,
    });
    const store = new OutboxStore(db, fileKeyProvider(dataDir));
    const rows = db
      .prepare('SELECT local_reference, state, tracking_number FROM outbox_applications')
      .all() as { local_reference: string; state: string; tracking_number: string | null }[];
    const kioskTracking = new Map<string, string>();
    for (const row of rows) {
      expect(row.state).toBe('forwarded');
      const work = store.work(row.local_reference)!;
      kioskTracking.set(String(work.request.formData[MARKER_FIELD]), row.tracking_number!);
    }
    db.close();
    expect(rows.length).toBeGreaterThan(KILLS / 2);
    expect(kioskTracking.size).toBe(rows.length);

    // The sandbox's view: each application exactly once, every file byte as queued.
    const delivered = sandboxDeliveries(sandbox.dataDir, DEMO_TERMINAL.id);
    const duplicated = [...delivered.copies].filter(([, n]) => n !== 1);
    expect(duplicated).toEqual([]);
    expect(delivered.copies.size).toBe(rows.length);
    expect(delivered.byteMismatches).toEqual([]);
    expect(delivered.trackingNumbers).toEqual(kioskTracking);

    // No plaintext personal data in the database files or the log.
    const files = ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm']
      .map((f) => join(dataDir, f))
      .filter((f) => existsSync(f));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of personalSecrets()) {
        expect(bytes.includes(secret.bytes), `${secret.label} in ${file}`).toBe(false);
      }
    }
    expect(log.length).toBeGreaterThan(0);
    for (const secret of personalSecrets()) {
      expect(log.includes(secret.bytes.toString()), `${secret.label} in the log`).toBe(false);
    }
  }, 170_000);
});
