/**
 * Costs of the staff domain on this machine:
 * - one PIN check at the default scrypt cost (N = 2^15, r = 8, p = 1) and at the lowest
 *   accepted (2^14): what a sign-in attempt costs, and so what a PIN-guessing attacker pays
 *   per guess on top of the lockout;
 * - one audit append (a SQLite transaction with full sync, in a file database with WAL),
 *   against a bare insert into a plain table as the reference;
 * - verifying a 10,000-entry chain.
 *
 *   npm run bench -- staff        or        npx tsx bench/staff.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { silentLogger } from '../drivers/common/logger.js';
import { AuditLog } from '../electron/service/audit/audit-log.js';
import { DEFAULT_PIN_PARAMS, hashPin, verifyPin } from '../electron/service/staff/pin.js';
import { openStore } from '../electron/service/store/db.js';
import { MIGRATIONS } from '../electron/service/store/migrations/index.js';
import type { BenchReport } from './report.js';

/** Interactive sign-in budget: a PIN check well under a second keeps the keypad responsive. */
const PIN_GOAL_MS = 250;
const AUDIT_ENTRIES = 10_000;

async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<BenchReport> {
  const stored = await hashPin('246810', DEFAULT_PIN_PARAMS);
  const lowest = await hashPin('246810', { N: 2 ** 14, r: 8, p: 1 });
  const pinDefault = await median(15, () => verifyPin('246811', stored));
  const pinLowest = await median(15, () => verifyPin('246811', lowest));

  const dir = mkdtempSync(join(tmpdir(), 'hk-bench-staff-'));
  try {
    const db = openStore({
      path: join(dir, 'kiosk.db'),
      migrations: MIGRATIONS,
      logger: silentLogger,
    });
    db.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, details TEXT NOT NULL) STRICT');
    const bare = db.prepare('INSERT INTO bare (details) VALUES (?)');
    const audit = new AuditLog(db);
    const details = { via: 'pin', reason: 'wrong-pin', failuresInRow: 2, lockedForSeconds: 0 };
    const bareMs = await median(500, () =>
      db.transaction(() => bare.run(JSON.stringify(details)))(),
    );
    const appendMs = await median(200, () =>
      audit.append({
        actor: '1001',
        role: 'applicant',
        action: 'staff.sign-in',
        outcome: 'failure',
        details,
      }),
    );
    // Fill the chain in one outer transaction (appends nest as savepoints): one fsync.
    db.transaction(() => {
      for (let i = audit.verify().entries; i < AUDIT_ENTRIES; i++) {
        audit.append({
          actor: '2001',
          role: 'technician',
          action: 'device.self-test',
          outcome: 'success',
          details,
        });
      }
    })();
    const verifyMs = await median(5, () => audit.verify());
    db.close();
    return {
      title: 'Staff sign-in and audit log',
      figures: [
        {
          name: 'PIN check, scrypt N=2^15 r=8 p=1 (default)',
          value: pinDefault,
          unit: 'ms',
          goal: `< ${PIN_GOAL_MS} ms`,
          met: pinDefault < PIN_GOAL_MS,
        },
        { name: 'PIN check, scrypt N=2^14 (lowest accepted)', value: pinLowest, unit: 'ms' },
        {
          name: 'audit append (hash chain, transaction, synchronous=FULL)',
          value: appendMs,
          unit: 'ms',
          reference: { name: 'bare insert in a transaction', value: bareMs, unit: 'ms' },
        },
        { name: `verify a ${AUDIT_ENTRIES}-entry chain`, value: verifyMs, unit: 'ms' },
      ],
      notes: [
        'Each wrong PIN also starts the lockout after the free attempts, so guessing a 6-digit PIN is bounded by the lockout, not by scrypt.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
}
