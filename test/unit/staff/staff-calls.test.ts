/**
 * Calls for help and the staff's time extension (docs/staff.md, "Calls for help"): the one-call
 * rate limit with an injected clock, and the whole path through a real service and dispatcher:
 * roles, audit entries, and event payloads that carry no personal data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import { ERROR_CODES } from '../../../electron/contract/index.js';
import type { EventName } from '../../../electron/contract/index.js';
import { AuditLog } from '../../../electron/service/audit/audit-log.js';
import { newConnection, type Connection } from '../../../electron/service/rpc/connection.js';
import { callInProcess } from '../../../electron/service/rpc/dispatcher.js';
import {
  ACKNOWLEDGED_HOLD_MS,
  type CallEvent,
  OPEN_CALL_LIFETIME_MS,
  StaffCalls,
} from '../../../electron/service/staff/staff-calls.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { demoConfig, startTestService, type TestService } from '../../support/service.js';
import { STAFF_PIN, testStaffMembers } from '../../support/staff.js';

describe('StaffCalls: one call at a time', () => {
  let clock: number;
  let db: Db;
  let audit: AuditLog;
  let published: CallEvent[];
  let calls: StaffCalls;
  let ids: number;
  const tap = (sessionId: string | undefined = 's1') =>
    calls.call({
      actor: 'unknown',
      role: 'applicant',
      sessionId,
      applicantIdentified: sessionId !== undefined,
      screen: 'materials',
    });

  beforeEach(() => {
    clock = Date.UTC(2026, 11, 3, 10, 0, 0);
    db = openStore({ path: ':memory:', migrations: MIGRATIONS, logger: silentLogger });
    audit = new AuditLog(db);
    published = [];
    ids = 0;
    calls = new StaffCalls({
      audit,
      publish: (e) => published.push(e),
      logger: silentLogger,
      acknowledgeSeconds: 45,
      now: () => clock,
      newId: () => `call-${++ids}`,
    });
  });

  it('pages once however often the applicant taps while the call is open', () => {
    const first = tap();
    expect(first).toMatchObject({ callId: 'call-1', state: 'open', repeated: false });
    expect(first.directionsAfterSeconds).toBe(45);
    for (let i = 0; i < 20; i++) {
      clock += 5_000;
      expect(tap()).toMatchObject({ callId: 'call-1', state: 'open', repeated: true });
    }
    expect(published).toEqual([
      {
        event: 'staff.called',
        payload: {
          callId: 'call-1',
          at: '2026-12-03T10:00:00.000Z',
          screen: 'materials',
          applicantIdentified: true,
        },
      },
    ]);
    expect(audit.list(0, 100).filter((e) => e.action === 'staff.call')).toHaveLength(1);
    expect(calls.open().map((c) => c.callId)).toEqual(['call-1']);
  });

  it('acknowledges once, holds the acknowledged call for taps, then allows a new call', () => {
    tap();
    clock += 12_000;
    const ack = calls.acknowledge('call-1', { actor: '1001', role: 'staff' });
    expect(ack).toEqual({
      ok: true,
      value: {
        callId: 'call-1',
        acknowledgedAt: '2026-12-03T10:00:12.000Z',
        alreadyAcknowledged: false,
      },
    });
    expect(published.at(-1)).toEqual({
      event: 'staff.callAcknowledged',
      payload: { callId: 'call-1', acknowledgedAt: '2026-12-03T10:00:12.000Z' },
    });
    expect(calls.open()).toEqual([]);
    // A second staff member answering too is told so, and pages nobody.
    const second = calls.acknowledge('call-1', { actor: '1002', role: 'staff' });
    expect(second.ok && second.value.alreadyAcknowledged).toBe(true);
    expect(published).toHaveLength(2);

    clock += ACKNOWLEDGED_HOLD_MS - 1_000;
    expect(tap()).toMatchObject({ callId: 'call-1', state: 'acknowledged', repeated: true });
    clock += 2_000;
    expect(tap()).toMatchObject({ callId: 'call-2', state: 'open', repeated: false });
    expect(published.map((e) => e.event)).toEqual([
      'staff.called',
      'staff.callAcknowledged',
      'staff.called',
    ]);
    const entry = audit.list(0, 100).find((e) => e.action === 'staff.call-acknowledge');
    expect(entry).toMatchObject({ actor: '1001', role: 'staff', outcome: 'success' });
    expect(entry?.details).toEqual({ callId: 'call-1', waitedSeconds: 12 });
  });

  it('refuses to acknowledge a call that is not open, and audits the attempt', () => {
    const result = calls.acknowledge('nope', { actor: '1001', role: 'staff' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('E_CALL_NOT_FOUND');
    expect(audit.recent(1)[0]).toMatchObject({
      action: 'staff.call-acknowledge',
      outcome: 'failure',
    });
  });

  it("closes the call of a visit that ended, but not another visit's", () => {
    tap('s1');
    calls.sessionEnded('s0');
    expect(calls.open()).toHaveLength(1);
    calls.sessionEnded('s1');
    expect(calls.open()).toEqual([]);
    expect(published.at(-1)).toEqual({
      event: 'staff.callClosed',
      payload: { callId: 'call-1', reason: 'session-ended' },
    });
    expect(calls.acknowledge('call-1', { actor: '1001', role: 'staff' }).ok).toBe(false);
    // The next tap is a new call.
    expect(tap('s2')).toMatchObject({ callId: 'call-2', repeated: false });
    calls.close();
  });

  it('closes a call nobody answered after its lifetime', () => {
    vi.useFakeTimers();
    try {
      tap(undefined);
      vi.advanceTimersByTime(OPEN_CALL_LIFETIME_MS - 1);
      expect(calls.open()).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(calls.open()).toEqual([]);
      expect(published.at(-1)).toEqual({
        event: 'staff.callClosed',
        payload: { callId: 'call-1', reason: 'expired' },
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('calls and time extension through the service', () => {
  let test: TestService;
  const events: { event: EventName; payload: unknown }[] = [];
  const NAME = '测试申请人';
  const ID_NUMBER = '11010519491231002X';

  beforeAll(async () => {
    test = await startTestService(
      demoConfig({ staff: { members: await testStaffMembers(), callAcknowledgeSeconds: 30 } }),
    );
    test.service.bus.listen((event, payload) => void events.push({ event, payload }));
  });
  afterAll(() => test.close());

  const call = <M extends Parameters<typeof callInProcess>[2]>(
    connection: Connection,
    method: M,
    params: Parameters<typeof callInProcess<M>>[3],
  ) => callInProcess(test.service.dispatcher, connection, method, params);

  it('applicant calls, staff acknowledge and extend; roles, audit and payloads hold', async () => {
    const applicant = newConnection('in-process');
    const staff = newConnection('in-process');
    test.service.ctx.session.identify({
      kind: 'person',
      source: 'id-card',
      documentType: 'resident',
      idNumber: ID_NUMBER,
      name: NAME,
    });

    // Roles: staff methods refuse an applicant connection; the applicant's call refuses staff.
    const refused = await call(applicant, 'staff.acknowledgeCall', { callId: 'x' });
    expect(!refused.ok && refused.error.code).toBe(ERROR_CODES.ROLE);
    const refusedExtend = await call(applicant, 'staff.extendApplicantTime', {});
    expect(!refusedExtend.ok && refusedExtend.error.code).toBe(ERROR_CODES.ROLE);
    expect((await call(staff, 'staff.signIn', { staffId: '1001', pin: STAFF_PIN })).ok).toBe(true);
    const staffCalling = await call(staff, 'session.callStaff', {});
    expect(!staffCalling.ok && staffCalling.error.code).toBe(ERROR_CODES.ROLE);
    // A screen id, never free text.
    const badScreen = await call(applicant, 'session.callStaff', { screen: 'Wang Li 110105' });
    expect(badScreen.ok).toBe(false);

    const first = await call(applicant, 'session.callStaff', { screen: 'form' });
    const again = await call(applicant, 'session.callStaff', { screen: 'form' });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.value).toMatchObject({
      state: 'open',
      repeated: false,
      directionsAfterSeconds: 30,
    });
    expect(again.value).toMatchObject({ callId: first.value.callId, repeated: true });

    const open = await call(staff, 'staff.openCalls', {});
    expect(open.ok && open.value).toEqual([
      { callId: first.value.callId, at: first.value.at, screen: 'form', applicantIdentified: true },
    ]);
    const ack = await call(staff, 'staff.acknowledgeCall', { callId: first.value.callId });
    expect(ack.ok && ack.value.alreadyAcknowledged).toBe(false);
    const extended = await call(staff, 'staff.extendApplicantTime', {});
    expect(extended.ok && extended.value.extended).toBe(true);

    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'staff.called')).toHaveLength(1);
    expect(names).toContain('staff.callAcknowledged');
    expect(names).toContain('session.timeExtended');

    // Who may receive them: the call only staff and technicians; the answers everyone.
    const { events: table } = await import('../../../electron/contract/index.js');
    expect(table['staff.called'].roles).not.toContain('applicant');
    expect(table['staff.callAcknowledged'].roles).toContain('applicant');
    expect(table['session.timeExtended'].roles).toContain('applicant');

    // No personal data in the payloads or in the audit entries.
    const mine = events.filter((e) =>
      ['staff.called', 'staff.callAcknowledged', 'session.timeExtended'].includes(e.event),
    );
    const audit = test.service.ctx.staffDomain.audit
      .list(0, 500)
      .filter((e) =>
        ['staff.call', 'staff.call-acknowledge', 'session.extend-time'].includes(e.action),
      );
    expect(audit.map((e) => [e.action, e.actor, e.outcome])).toEqual([
      ['staff.call', 'unknown', 'success'],
      ['staff.call-acknowledge', '1001', 'success'],
      ['session.extend-time', '1001', 'success'],
    ]);
    for (const text of [JSON.stringify(mine), JSON.stringify(audit)]) {
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(ID_NUMBER);
      expect(text).not.toContain(ID_NUMBER.slice(-4));
    }

    // Ending the visit closes nothing open (it was answered); a new visit's tap is a new call,
    // and ending that visit takes the call off the staff panels.
    test.service.ctx.session.end('cancel');
    test.service.ctx.session.ensure();
    const later = await call(applicant, 'session.callStaff', { screen: 'chooseItem' });
    expect(later.ok && later.value.callId).not.toBe(first.value.callId);
    test.service.ctx.session.end('timeout');
    expect(events.at(-2)).toMatchObject({ event: 'staff.callClosed' });
    const none = await call(staff, 'staff.openCalls', {});
    expect(none.ok && none.value).toEqual([]);
  });
});
