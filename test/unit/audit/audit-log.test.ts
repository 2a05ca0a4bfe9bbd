/**
 * The audit chain: appends link each row to the one before; verification catches an edited,
 * removed, inserted or reordered row (tampering done around the service with raw SQL after
 * dropping the append-only triggers, as someone with the database file could).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import {
  AuditLog,
  GENESIS_HASH,
  entryHash,
  entryToRow,
  verifyRows,
} from '../../../electron/service/audit/audit-log.js';
import { canonicalJson } from '../../../electron/service/audit/canonical.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

let db: Db;
let log: AuditLog;
let tick = 0;

beforeEach(() => {
  db = openStore({ path: ':memory:', migrations: MIGRATIONS, logger: silentLogger });
  tick = 0;
  log = new AuditLog(db, () => new Date(Date.UTC(2026, 11, 3, 9, 0, tick++)));
  for (let i = 1; i <= 5; i++) {
    log.append({
      actor: `staff-0${i}`,
      role: 'staff',
      action: 'staff.sign-in',
      outcome: i === 3 ? 'failure' : 'success',
      details: { method: 'pin', attempt: i },
    });
  }
});

function unlock(): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  it('chains each entry to the previous one and verifies clean', () => {
    const entries = log.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    }
    const verdict = log.verify();
    expect(verdict).toMatchObject({ ok: true, entries: 5, lastSeq: 5, problems: [] });
    expect(verdict.headHash).toBe(entries[4]!.hash);
  });

  it('refuses UPDATE and DELETE from inside SQLite', () => {
    expect(() =>
      db.prepare("UPDATE audit_log SET outcome = 'success' WHERE seq = 3").run(),
    ).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(log.verify().ok).toBe(true);
  });

  it('detects an edited row (a failed sign-in turned into a success)', () => {
    unlock();
    db.prepare("UPDATE audit_log SET outcome = 'success' WHERE seq = 3").run();
    const verdict = log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      { seq: 3, kind: 'hash-mismatch', message: 'entry 3 was changed after it was written' },
    ]);
  });

  it('detects an edited row whose hash was recomputed by the editor', () => {
    unlock();
    // Re-hash the edited row so it is self-consistent: the next row's link still breaks.
    const entry = log.list(2, 1)[0]!;
    const edited = { ...entry, details: { method: 'pin', attempt: 99 } };
    db.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE seq = 3').run(
      canonicalJson(edited.details),
      entryHash(entry.prevHash, edited),
    );
    const verdict = log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.map((p) => [p.seq, p.kind])).toEqual([[4, 'chain-broken']]);
  });

  it('detects a removed row', () => {
    unlock();
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const verdict = log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.map((p) => [p.seq, p.kind])).toEqual([
      [3, 'sequence-gap'],
      [3, 'chain-broken'],
    ]);
  });

  it('detects two rows swapped', () => {
    unlock();
    const a = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    const b = db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as Record<string, unknown>;
    const put = db.prepare(
      'UPDATE audit_log SET at=@at, actor=@actor, role=@role, action=@action, outcome=@outcome, details=@details, prev_hash=@prev_hash, hash=@hash WHERE seq=@target',
    );
    put.run({ ...b, target: 2 });
    put.run({ ...a, target: 4 });
    const verdict = log.verify();
    expect(verdict.ok).toBe(false);
    expect(new Set(verdict.problems.map((p) => p.seq))).toEqual(new Set([2, 3, 4, 5]));
  });

  it('a new AuditLog on the same database (a service restart) continues the chain', () => {
    const next = new AuditLog(db).append({
      actor: 'system',
      role: 'system',
      action: 'service.start',
      outcome: 'success',
    });
    expect(next.seq).toBe(6);
    expect(next.prevHash).toBe(log.list(4, 1)[0]!.hash);
    expect(log.verify().ok).toBe(true);
  });

  it('verifies an exported copy the same way', () => {
    const exported = [...log.all()];
    expect(verifyRows(exported.map(entryToRow)).ok).toBe(true);
    const tampered = exported.map((e) => (e.seq === 2 ? { ...e, actor: 'staff-99' } : e));
    expect(verifyRows(tampered.map(entryToRow)).problems[0]).toMatchObject({
      seq: 2,
      kind: 'hash-mismatch',
    });
    const shortened = exported.filter((e) => e.seq !== 4);
    expect(verifyRows(shortened.map(entryToRow)).ok).toBe(false);
  });

  it('refuses details that cannot be hashed before writing anything', () => {
    expect(() =>
      log.append({
        actor: 'x',
        role: 'staff',
        action: 'a',
        outcome: 'success',
        details: { n: Number.NaN },
      }),
    ).toThrow(/finite/);
    expect(log.verify().entries).toBe(5);
  });
});

describe('canonicalJson', () => {
  it('sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 1, y: 2 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":{"y":2,"z":1}}',
    );
  });
});
