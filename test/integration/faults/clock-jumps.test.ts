/**
 * The kiosk's wall clock jumps (a dead RTC battery, an NTP correction after days offline, a
 * technician setting the time by hand). What must hold:
 *
 * - Signatures and the outbox: with the kiosk clock 10 minutes ahead, the central API refuses
 *   every signed request as `timestamp-skew` (401); the forwarder keeps the application queued
 *   and retries later; nothing is refused for good. With the clock set right again, the
 *   application goes through exactly once. The sandbox runs in its own process with the real
 *   clock; only this process's Date is moved.
 * - Staff lockout: jumping forward ends a running lockout (it is a wall-clock deadline) but keeps
 *   the count of wrong PINs, so the next wrong PIN locks longer, not shorter; jumping back never
 *   stretches it past the policy's maximum.
 * - Staff roles: a forward jump ends a raised role early (the safe side); a jump back to before
 *   the sign-in ends it too, rather than lengthening it.
 * - The applicant's idle timeout runs on the renderer's timers, which follow the monotonic clock,
 *   not the wall clock (test/e2e/journey.e2e.test.ts drives it with Playwright's clock).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { capturingLogger, silentLogger } from '../../../drivers/common/logger.js';
import { parseTerminalKeyHex } from '../../../drivers/common/request-signature.js';
import { ApprovalClient } from '../../../electron/service/approval/client.js';
import { staticKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { Forwarder } from '../../../electron/service/outbox/forwarder.js';
import { OutboxStore } from '../../../electron/service/outbox/store.js';
import { effectiveRole, newConnection } from '../../../electron/service/rpc/connection.js';
import { Lockout, memoryLockoutStore } from '../../../electron/service/staff/lockout.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { sandboxDeliveries, testApplication } from '../application/fixture.js';
import { DEMO_TERMINAL } from '../approval/support.js';

const SANDBOX_CLI = new URL('../../../sandbox/cli.ts', import.meta.url).pathname;
/** Twice the five minutes of skew the central API accepts (sandbox/auth.ts). */
const JUMP_MS = 10 * 60_000;
const RETRY_BACKOFF = { initialMs: 1_000, maxMs: 60_000 };

describe('fault: clock jumps, signatures and the outbox', () => {
  let sandbox: ChildProcess;
  let sandboxUrl = '';
  let dir = '';
  let db: Db;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-clock-'));
    sandbox = spawn(
      process.execPath,
      ['--import', 'tsx', SANDBOX_CLI, '--port', '0', '--data-dir', join(dir, 'sandbox')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    sandboxUrl = await new Promise<string>((resolve, reject) => {
      createInterface({ input: sandbox.stdout! }).on('line', (line) => {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed['event'] === 'sandbox.ready') resolve(String(parsed['url']));
      });
      sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    });
    db = openStore({ path: join(dir, 'kiosk.db'), migrations: MIGRATIONS, logger: silentLogger });
  }, 60_000);

  afterAll(() => {
    vi.useRealTimers();
    db?.close();
    if (sandbox?.exitCode === null) sandbox.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => vi.useRealTimers());

  it('keeps the application queued while the clock is off, and forwards it once when right', async () => {
    const logger = capturingLogger();
    const client = new ApprovalClient({
      baseUrl: sandboxUrl,
      terminalId: DEMO_TERMINAL.id,
      keyId: DEMO_TERMINAL.keyId,
      key: parseTerminalKeyHex(DEMO_TERMINAL.key),
      timeoutMs: 5_000,
      maxAttempts: 1,
      logger,
    });
    const store = new OutboxStore(db, staticKeyProvider(Buffer.alloc(32, 7), 'clock test key'));
    const forwarder = new Forwarder({
      store,
      client,
      logger,
      retentionMs: 3_600_000,
      idlePollMs: 1_000,
      outageBackoff: RETRY_BACKOFF,
      retryBackoff: RETRY_BACKOFF,
    });

    // The kiosk's clock jumps 10 minutes ahead (Date only: timers keep real time).
    const realNow = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(realNow + JUMP_MS);

    const skewed = await client.listItems({ q: '烟花', pageSize: 5 });
    expect(skewed.ok).toBe(false);
    if (!skewed.ok) {
      expect(skewed.error).toMatchObject({ kind: 'http', status: 401, code: 'timestamp-skew' });
    }

    const { localReference } = store.enqueue(testApplication(0, DEMO_TERMINAL.id));
    const outcome = await forwarder.forward(localReference);
    expect(outcome.kind).toBe('retry-later');
    const row = store.row(localReference)!;
    expect(row.state).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(
      logger.lines.some(
        (l) =>
          l.fields['event'] === 'outbox.retry-later' &&
          String(l.fields['error']).includes('timestamp-skew'),
      ),
    ).toBe(true);

    // The clock is set right again (a 10-minute backward jump). The retry was scheduled on the
    // skewed clock, so it falls due at most the jump plus one backoff later; staff "retry now"
    // (forwarding it directly) delivers it at once, exactly once.
    vi.setSystemTime(realNow);
    expect(row.nextAttemptAt - Date.now()).toBeLessThanOrEqual(JUMP_MS + RETRY_BACKOFF.maxMs);
    const retried = await forwarder.forward(localReference);
    expect(retried.kind).toBe('forwarded');
    expect(store.row(localReference)?.state).toBe('forwarded');
    const delivered = sandboxDeliveries(join(dir, 'sandbox'), DEMO_TERMINAL.id);
    expect([...delivered.copies.values()]).toEqual([1]);
    await forwarder.stop();
  });
});

describe('fault: clock jumps, staff lockout and roles', () => {
  const policy = { freeAttempts: 3, initialSeconds: 30, maxSeconds: 900 };

  it('a forward jump ends a running lockout but keeps the count of wrong PINs', () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const lockout = new Lockout(policy, memoryLockoutStore(), () => now);
    for (let i = 0; i < policy.freeAttempts; i++) expect(lockout.recordFailure()).toBe(0);
    expect(lockout.recordFailure()).toBe(30);
    expect(lockout.remainingMs()).toBe(30_000);

    now += 24 * 3_600_000; // NTP corrects a day-old clock
    expect(lockout.remainingMs()).toBe(0);
    expect(lockout.failures).toBe(policy.freeAttempts + 1);
    // The escalation goes on from where it was: the next wrong PIN locks for twice as long.
    expect(lockout.recordFailure()).toBe(60);
  });

  it('a forward jump ends a raised staff role at once', () => {
    const connection = newConnection('websocket');
    const now = Date.parse('2026-03-02T09:00:00Z');
    connection.role = 'technician';
    connection.roleExpiresAt = now + 15 * 60_000;
    expect(effectiveRole(connection, now)).toBe('technician');
    expect(effectiveRole(connection, now + JUMP_MS * 6)).toBe('applicant');
    // Once dropped, setting the clock back does not raise it again.
    expect(effectiveRole(connection, now)).toBe('applicant');
  });

  it('a backward jump does not stretch a lockout past its maximum', () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const lockout = new Lockout(policy, memoryLockoutStore(), () => now);
    for (let i = 0; i <= policy.freeAttempts; i++) lockout.recordFailure();
    expect(lockout.remainingMs()).toBe(30_000);

    now -= 24 * 3_600_000; // the clock is set back a day
    expect(lockout.remainingMs()).toBeLessThanOrEqual(policy.maxSeconds * 1000);
  });

  it('a backward jump before the sign-in ends a raised staff role', () => {
    const connection = newConnection('websocket');
    const now = Date.parse('2026-03-02T09:00:00Z');
    connection.role = 'staff';
    connection.roleGrantedAt = now;
    connection.roleExpiresAt = now + 15 * 60_000;
    expect(effectiveRole(connection, now + 60_000)).toBe('staff');
    expect(effectiveRole(connection, now - JUMP_MS)).toBe('applicant');
  });
});
