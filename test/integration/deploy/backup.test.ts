/**
 * deploy/backup/hall-kiosk-backup.sh as the nightly timer runs it: a consistent copy of a
 * live kiosk database that passes `PRAGMA integrity_check`, old copies pruned, and a damaged
 * database caught (exit 1, copy kept as *.corrupt) instead of silently backed up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import { AuditLog } from '../../../electron/service/audit/audit-log.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

const SCRIPT = 'deploy/backup/hall-kiosk-backup.sh';
/** SQLite's default page size. */
const PAGE_BYTES = 4096;
let dir: string;
let dataDir: string;
let backups: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-backup-'));
  dataDir = join(dir, 'data');
  backups = join(dir, 'backups');
  mkdirSync(dataDir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function backup(keep = 7) {
  const run = spawnSync('sh', [SCRIPT, dataDir, backups, String(keep)], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function liveKioskDb(): Db {
  const db = openStore({
    path: join(dataDir, 'kiosk.db'),
    migrations: MIGRATIONS,
    logger: silentLogger,
  });
  const audit = new AuditLog(db);
  for (let i = 0; i < 200; i++) {
    audit.append({
      actor: '2001',
      role: 'technician',
      action: 'device.self-test',
      outcome: 'success',
      details: { i },
    });
  }
  return db;
}

describe('nightly database backup', () => {
  it('copies the open database consistently and the copy passes the integrity check', () => {
    const db = liveKioskDb(); // stays open in WAL mode, as in a running kiosk
    const { code, stdout } = backup();
    db.close();
    expect(code).toBe(0);
    expect(stdout).toMatch(/"event":"backup.written"/);
    const files = readdirSync(backups);
    expect(files).toHaveLength(1);
    const copy = new Database(join(backups, files[0]!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // The copy holds the rows still in the WAL, and the audit chain still verifies.
    const restored = new AuditLog(copy as unknown as Db).verify();
    copy.close();
    expect(restored).toMatchObject({ ok: true, entries: 200 });
  });

  it('keeps only the newest copies', () => {
    liveKioskDb().close();
    mkdirSync(backups);
    for (const old of ['kiosk-20261101T023000Z.db', 'kiosk-20261102T023000Z.db']) {
      writeFileSync(join(backups, old), 'old');
    }
    expect(backup(2).code).toBe(0);
    const files = readdirSync(backups).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('kiosk-20261102T023000Z.db');
  });

  it('refuses a damaged database: exit 1, the copy kept as *.corrupt', () => {
    liveKioskDb().close();
    // Overwrite the header and cell pointers of the last page (an audit_log b-tree page).
    const path = join(dataDir, 'kiosk.db');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, statSync(path).size - PAGE_BYTES);
    closeSync(fd);
    const { code, stdout } = backup();
    expect(code).toBe(1);
    expect(stdout).toMatch(/"event":"backup.(integrity-failed|failed)"/);
    const files = readdirSync(backups);
    expect(files.some((f) => f.endsWith('.db'))).toBe(false);
  });

  it('says what is missing when there is no database', () => {
    const { code, stdout } = backup();
    expect(code).toBe(2);
    expect(stdout).toContain(`no database at ${join(dataDir, 'kiosk.db')}`);
    expect(existsSync(backups)).toBe(false);
  });
});
