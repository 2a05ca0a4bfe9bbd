/**
 * The privacy scan run after the e2e suite must find what it looks for: plaintext in a SQLite
 * database still in its -wal file, in UTF-16, in a log line; and must pass masked forms and the
 * embedded sandbox's own folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { castNeedles, scanPaths, tempEntriesSince } from '../../e2e/support/privacy-scan.js';

const dirs: string[] = [];
function tempDir(prefix = 'kiosk-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const person = syntheticPerson(1);
const enterprise = syntheticEnterprise(1);

describe('privacy scan', () => {
  it('knows every demo ID number, credit code and name', () => {
    const values = castNeedles().map((n) => n.value);
    expect(values).toContain(person.idNumber);
    expect(values).toContain(person.name);
    expect(values).toContain(enterprise.creditCode);
  });

  it('finds plaintext in a SQLite -wal file, in UTF-16 and in a log, and passes masked forms', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'kiosk.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(`holder ${person.idNumber}`);
    // Still open: the row is only in kiosk.db-wal.
    writeFileSync(join(dir, 'names.bin'), Buffer.from(person.name, 'utf16le'));
    writeFileSync(
      join(dir, 'ok.log'),
      `${JSON.stringify({ idNumber: maskIdentifier(person.idNumber), name: maskName(person.name) })}\n`,
    );
    writeFileSync(`${dir}.host.log`, `{"creditCode":"${enterprise.creditCode}"}\n`);
    dirs.push(`${dir}.host.log`);

    const result = scanPaths([dir, `${dir}.host.log`]);
    db.close();

    const found = result.hits.map((h) => `${h.file.replace(dir, '')} ${h.kind} ${h.encoding}`);
    expect(found).toContain('/kiosk.db-wal id-number utf-8');
    expect(found).toContain('/names.bin name utf-16le');
    expect(found).toContain('.host.log credit-code utf-8');
    expect(found.some((f) => f.startsWith('/ok.log'))).toBe(false);
    // The report masks what it found.
    for (const hit of result.hits) expect(hit.masked).not.toBe(person.idNumber);
  });

  it('skips the embedded sandbox folder (the central platform holds applicants by design)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sandbox'));
    writeFileSync(join(dir, 'sandbox', 'sandbox.sqlite'), person.idNumber);
    expect(scanPaths([dir]).hits).toEqual([]);
  });

  it('lists only temp entries with a scanned prefix changed since the run started', () => {
    const since = Date.now() - 1000;
    const ours = tempDir();
    const other = tempDir('kiosk-unrelated-');
    const listed = tempEntriesSince(since);
    expect(listed).toContain(ours);
    expect(listed).not.toContain(other);
  });
});
