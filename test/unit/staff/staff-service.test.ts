/**
 * Staff sign-in with an injected clock: PIN check, lockout with growing delays (never waiting
 * on the wall clock), role expiry, card sign-in, and the audit entry of every attempt.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger, silentLogger } from '../../../drivers/common/logger.js';
import { staffConfig, type PinHashConfig } from '../../../kiosk-config/staff.js';
import { AuditLog } from '../../../electron/service/audit/audit-log.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import {
  Lockout,
  lockoutSeconds,
  memoryLockoutStore,
  sqliteLockoutStore,
} from '../../../electron/service/staff/lockout.js';
import { hashPin, verifyPin } from '../../../electron/service/staff/pin.js';
import { StaffService } from '../../../electron/service/staff/staff-service.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

/** Lowest accepted cost keeps the suite quick; production hashes use 2^15. */
const TEST_PARAMS = { N: 2 ** 14, r: 8, p: 1 };
const STAFF_CARD = '11010519491231002X';
const OTHER_CARD = '440524188001010014';
let staffPin: PinHashConfig;
let techPin: PinHashConfig;

beforeAll(async () => {
  [staffPin, techPin] = await Promise.all([
    hashPin('246810', TEST_PARAMS),
    hashPin('13579753', TEST_PARAMS),
  ]);
});

let clock: number;
let db: Db;
let audit: AuditLog;
let staff: StaffService;
const policy = { freeAttempts: 3, initialSeconds: 30, maxSeconds: 900 };

function build(store = memoryLockoutStore()) {
  const config = staffConfig.parse({
    sessionMinutes: 15,
    lockout: policy,
    members: [
      { id: '1001', role: 'staff', pin: staffPin, cardNumbers: [STAFF_CARD] },
      { id: '2001', role: 'technician', pin: techPin },
    ],
  });
  return new StaffService({
    config,
    audit,
    lockout: new Lockout(config.lockout, store, () => clock),
    logger: silentLogger,
    now: () => clock,
  });
}

beforeEach(() => {
  clock = Date.UTC(2026, 11, 3, 9, 0, 0);
  db = openStore({ path: ':memory:', migrations: MIGRATIONS, logger: silentLogger });
  audit = new AuditLog(db, () => new Date(clock));
  staff = build();
});

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses another; salts differ', async () => {
    expect(await verifyPin('246810', staffPin)).toBe(true);
    expect(await verifyPin('246811', staffPin)).toBe(false);
    const again = await hashPin('246810', TEST_PARAMS);
    expect(again.salt).not.toBe(staffPin.salt);
    expect(again.hash).not.toBe(staffPin.hash);
  });

  it('refuses to hash something that is not a PIN', async () => {
    await expect(hashPin('12a4', TEST_PARAMS)).rejects.toThrow(/4 to 12 digits/);
  });
});

describe('lockout delays', () => {
  it('grows 30, 60, 120 ... seconds after the free attempts, capped at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => lockoutSeconds(policy, n))).toEqual([
      0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });
});

describe('staff sign-in', () => {
  it('raises the connection to the member role until the session expires by itself', async () => {
    const connection = newConnection('in-process');
    const result = await staff.signInWithPin(connection, '2001', '13579753');
    expect(result).toMatchObject({ ok: true, value: { staffId: '2001', role: 'technician' } });
    expect(connection.role).toBe('technician');
    expect(connection.roleExpiresAt).toBe(clock + 15 * 60_000);
    expect(staff.status(connection)).toMatchObject({ role: 'technician', staffId: '2001' });

    clock += 15 * 60_000 - 1;
    expect(staff.status(connection).role).toBe('technician');
    clock += 1;
    expect(staff.status(connection)).toEqual({ role: 'applicant', lockedForSeconds: 0 });
    expect(connection.role).toBe('applicant');
  });

  it('locks out with growing delays and refuses without checking while locked', async () => {
    const c = newConnection('in-process');
    const deny = async (pin = '000000') => staff.signInWithPin(c, '1001', pin);
    for (let i = 0; i < 3; i++) {
      expect(await deny()).toMatchObject({
        ok: false,
        error: { code: 'E_STAFF_DENIED', lockedForSeconds: 0 },
      });
    }
    expect(await deny()).toMatchObject({ error: { code: 'E_STAFF_DENIED', lockedForSeconds: 30 } });

    // Even the right PIN is refused during the lockout.
    clock += 29_000;
    expect(await deny('246810')).toMatchObject({
      error: { code: 'E_STAFF_LOCKED', retryAfterSeconds: 1 },
    });
    clock += 1_000;
    expect(await deny()).toMatchObject({ error: { code: 'E_STAFF_DENIED', lockedForSeconds: 60 } });
    clock += 60_000;
    expect(await deny()).toMatchObject({ error: { lockedForSeconds: 120 } });
    clock += 120_000;
    expect((await deny('246810')).ok).toBe(true);
    // A success resets the count: three free attempts again.
    expect(await deny()).toMatchObject({ error: { lockedForSeconds: 0 } });
  });

  it('a clock set back does not stretch a lockout past the maximum', () => {
    const lockout = new Lockout(policy, memoryLockoutStore(), () => clock);
    for (let i = 0; i < 4; i++) lockout.recordFailure();
    expect(lockout.remainingMs()).toBe(30_000);
    clock -= 3_600_000;
    expect(lockout.remainingMs()).toBe(policy.maxSeconds * 1000);
  });

  it('counts unknown staff ids like wrong PINs', async () => {
    const c = newConnection('in-process');
    for (let i = 0; i < 4; i++) await staff.signInWithPin(c, '9999', '246810');
    expect(staff.status(c).lockedForSeconds).toBe(30);
  });

  it('keeps the lockout across a restart (state in SQLite)', async () => {
    staff = build(sqliteLockoutStore(db));
    const c = newConnection('in-process');
    for (let i = 0; i < 4; i++) await staff.signInWithPin(c, '1001', '111111');
    const restarted = build(sqliteLockoutStore(db));
    expect(await restarted.signInWithPin(c, '1001', '246810')).toMatchObject({
      error: { code: 'E_STAFF_LOCKED' },
    });
  });

  it('serialises parallel attempts so they cannot all slip past the lockout', async () => {
    const c = newConnection('in-process');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => staff.signInWithPin(c, '1001', '555555')),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual([
      'E_STAFF_DENIED',
      'E_STAFF_DENIED',
      'E_STAFF_DENIED',
      'E_STAFF_DENIED',
      'E_STAFF_LOCKED',
      'E_STAFF_LOCKED',
    ]);
  });

  it('audits every attempt without the PIN', async () => {
    const c = newConnection('in-process');
    await staff.signInWithPin(c, '1001', '999999');
    await staff.signInWithPin(c, '1001', '246810');
    staff.signOut(c);
    const entries = audit.list();
    expect(entries.map((e) => [e.actor, e.action, e.outcome])).toEqual([
      ['1001', 'staff.sign-in', 'failure'],
      ['1001', 'staff.sign-in', 'success'],
      ['1001', 'staff.sign-out', 'success'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/999999|246810/);
    expect(c.role).toBe('applicant');
    expect(audit.verify().ok).toBe(true);
  });
});

describe('staff card sign-in', () => {
  it('signs in with the next card when it is a staff card, masked in the audit log', async () => {
    const c = newConnection('in-process');
    const pending = staff.signInWithCard(c, 10_000);
    expect(staff.cardRead(STAFF_CARD)).toBe(true);
    expect(await pending).toMatchObject({ ok: true, value: { staffId: '1001', via: 'card' } });
    expect(c.role).toBe('staff');
    const entry = audit.list().at(-1)!;
    expect(entry.details['card']).toBe('110***********002X');
    expect(JSON.stringify(audit.list())).not.toContain(STAFF_CARD);
  });

  it('refuses another card and audits it masked', async () => {
    const c = newConnection('in-process');
    const pending = staff.signInWithCard(c, 10_000);
    expect(staff.cardRead(OTHER_CARD)).toBe(false);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'E_STAFF_NOT_STAFF_CARD' } });
    expect(c.role).toBe('applicant');
    expect(audit.list().at(-1)).toMatchObject({ outcome: 'failure', details: { via: 'card' } });
  });

  it('ignores cards while nobody waits (an applicant using the reader)', () => {
    expect(staff.cardRead(STAFF_CARD)).toBe(false);
    expect(audit.list()).toEqual([]);
  });

  it('stops waiting when the screen cancels: a staff card placed afterwards signs nobody in', async () => {
    const c = newConnection('in-process');
    const pending = staff.signInWithCard(c, 10_000);
    expect(staff.cancelCardWait(c)).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'E_STAFF_NO_CARD' } });
    expect(staff.cardRead(STAFF_CARD)).toBe(false);
    expect(c.role).toBe('applicant');
    expect(staff.cancelCardWait(c)).toBe(false);
  });

  it('gives up after the wait', async () => {
    const c = newConnection('in-process');
    expect(await staff.signInWithCard(c, 5)).toMatchObject({ error: { code: 'E_STAFF_NO_CARD' } });
  });

  it('logs sign-ins without card numbers', async () => {
    const logger = capturingLogger();
    const config = staffConfig.parse({
      members: [{ id: '1001', role: 'staff', pin: staffPin, cardNumbers: [STAFF_CARD] }],
    });
    const s = new StaffService({
      config,
      audit,
      lockout: new Lockout(config.lockout, memoryLockoutStore(), () => clock),
      logger,
      now: () => clock,
    });
    const pending = s.signInWithCard(newConnection('in-process'), 10_000);
    s.cardRead(STAFF_CARD);
    await pending;
    expect(JSON.stringify(logger.lines)).not.toContain(STAFF_CARD);
  });
});
