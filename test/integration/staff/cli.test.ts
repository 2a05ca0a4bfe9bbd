/**
 * The staff CLI commands as a technician runs them over a remote shell: a child process with
 * the PIN on stdin, JSON on stdout, exit codes 0/1/2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pinHashConfig } from '../../../kiosk-config/staff.js';
import Database from 'better-sqlite3';
import { silentLogger } from '../../../drivers/common/logger.js';
import { AuditLog } from '../../../electron/service/audit/audit-log.js';
import { verifyPin } from '../../../electron/service/staff/pin.js';
import { openStore } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-cli-staff-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function devices(args: string[], input = '') {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/service/cli/devices.ts',
      ...args,
      '--config',
      'kiosk-config/default.json',
    ],
    { input, encoding: 'utf8', timeout: 60_000 },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run devices -- staff / audit', () => {
  it('hashes a PIN read from stdin into a config-ready object', async () => {
    const { code, stdout } = devices(['staff', 'hash-pin', '--cost', '14'], '482916\n');
    expect(code).toBe(0);
    const { pin } = JSON.parse(stdout) as { pin: unknown };
    const parsed = pinHashConfig.parse(pin);
    expect(parsed.N).toBe(2 ** 14);
    expect(await verifyPin('482916', parsed)).toBe(true);
    expect(await verifyPin('482917', parsed)).toBe(false);
  });

  it('refuses a PIN that is not 4 to 12 digits with exit code 2', () => {
    const { code, stderr } = devices(['staff', 'hash-pin'], 'abcd\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/expected a PIN of 4 to 12 digits/);
  });

  it('verifies the audit chain of a data folder: 0 when intact, 1 when an entry was edited', () => {
    const db = openStore({
      path: join(dataDir, 'kiosk.db'),
      migrations: MIGRATIONS,
      logger: silentLogger,
    });
    const audit = new AuditLog(db);
    for (const outcome of ['failure', 'success'] as const) {
      audit.append({ actor: '1001', role: 'applicant', action: 'staff.sign-in', outcome });
    }
    db.close();
    const intact = devices(['audit', 'verify', '--data-dir', dataDir]);
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, entries: 2, lastSeq: 2 });

    const raw = new Database(join(dataDir, 'kiosk.db'));
    raw.exec(
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'success' WHERE seq = 1;",
    );
    raw.close();
    const edited = devices(['audit', 'verify', '--data-dir', dataDir]);
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout)).toMatchObject({
      ok: false,
      problems: [{ seq: 1, kind: 'hash-mismatch' }],
    });
  });
});
