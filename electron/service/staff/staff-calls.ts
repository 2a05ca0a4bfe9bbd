/**
 * "Call staff" from the applicant's screen, and the staff's answer (docs/staff.md, "Calls for
 * help"). The kiosk has one applicant at a time, so there is one current call at a time:
 * - a tap opens a call, audits it and tells staff and technician connections (`staff.called`);
 * - further taps while that call is open, or shortly after staff acknowledged it, return the same
 *   call and publish nothing, so a worried applicant tapping again does not page the hall again;
 * - a staff member acknowledges it (`staff.callAcknowledged`, to every role, so the applicant's
 *   screen says someone is on the way);
 * - a call made during an applicant session closes when that session ends (the person has left),
 *   and any call closes after OPEN_CALL_LIFETIME_MS (`staff.callClosed`).
 * Nothing here carries personal data: the screen id, whether an applicant was identified, and
 * times. The session id stays inside the service (it only ties a call to the visit).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../drivers/common/logger.js';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import type { Role } from '../../contract/protocol.js';
import type { AuditLog } from '../audit/audit-log.js';

/** After this long an unanswered call is closed: whoever called has surely gone by then, ms. */
export const OPEN_CALL_LIFETIME_MS = 15 * 60_000;
/**
 * After an acknowledgement, taps within this time return the acknowledged call ("a staff member
 * is on the way") instead of paging again, ms.
 */
export const ACKNOWLEDGED_HOLD_MS = 3 * 60_000;

export type CallState = 'open' | 'acknowledged' | 'closed';
export type CloseReason = 'session-ended' | 'expired';

/** A call as staff screens see it (and the `staff.called` payload). */
export interface StaffCallView {
  readonly callId: string;
  /** ISO time of the tap. */
  readonly at: string;
  /** The applicant's screen when they tapped (a screen id such as `materials`), if given. */
  readonly screen?: string;
  /** Whether an applicant was identified in the session at the time (never who). */
  readonly applicantIdentified: boolean;
}

/** What the applicant's tap gets back. */
export interface CallOutcome {
  readonly callId: string;
  readonly at: string;
  readonly state: 'open' | 'acknowledged';
  /** True when this tap found a call already current and paged nobody. */
  readonly repeated: boolean;
  /** Seconds after `at` the kiosk shows the counter directions if nobody acknowledged. */
  readonly directionsAfterSeconds: number;
}

export interface AcknowledgeOutcome {
  readonly callId: string;
  readonly acknowledgedAt: string;
  /** True when another staff member had acknowledged it first. */
  readonly alreadyAcknowledged: boolean;
}

export type CallEvent =
  | { readonly event: 'staff.called'; readonly payload: StaffCallView }
  | {
      readonly event: 'staff.callAcknowledged';
      readonly payload: { readonly callId: string; readonly acknowledgedAt: string };
    }
  | {
      readonly event: 'staff.callClosed';
      readonly payload: { readonly callId: string; readonly reason: CloseReason };
    };

export interface StaffCallsOptions {
  readonly audit: AuditLog;
  /** Publishes one call event on the bus. */
  readonly publish: (event: CallEvent) => void;
  readonly logger: Logger;
  /** Config `staff.callAcknowledgeSeconds`. */
  readonly acknowledgeSeconds: number;
  /** Epoch ms; injectable so the hold and lifetime are tested without waiting. */
  readonly now?: () => number;
  readonly newId?: () => string;
}

interface Call extends StaffCallView {
  readonly atMs: number;
  readonly sessionId: string | undefined;
  state: CallState;
  acknowledgedAtMs?: number;
  acknowledgedBy?: string;
  timer: ReturnType<typeof setTimeout>;
}

export interface Caller {
  /** Audit actor and role of the tapping connection. */
  readonly actor: string;
  readonly role: Role;
  /** The applicant session at the time, if any (kept inside the service). */
  readonly sessionId: string | undefined;
  readonly applicantIdentified: boolean;
  readonly screen: string | undefined;
}

export class StaffCalls {
  private readonly now: () => number;
  private readonly newId: () => string;
  private current: Call | undefined;

  constructor(private readonly options: StaffCallsOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  /** The applicant's tap: opens a call, or returns the one still current. */
  call(caller: Caller): CallOutcome {
    const now = this.now();
    const live = this.live(now);
    if (live) {
      this.options.logger.info({ event: 'staff.call-repeated', callId: live.callId });
      return this.outcome(live, true);
    }
    const atMs = now;
    const call: Call = {
      callId: this.newId(),
      at: new Date(atMs).toISOString(),
      ...(caller.screen ? { screen: caller.screen } : {}),
      applicantIdentified: caller.applicantIdentified,
      atMs,
      sessionId: caller.sessionId,
      state: 'open',
      timer: setTimeout(() => this.closeCall(call, 'expired'), OPEN_CALL_LIFETIME_MS),
    };
    call.timer.unref?.();
    if (this.current && this.current.state !== 'closed') clearTimeout(this.current.timer);
    this.current = call;
    this.options.audit.append({
      actor: caller.actor,
      role: caller.role,
      action: 'staff.call',
      outcome: 'success',
      details: {
        callId: call.callId,
        ...(call.screen ? { screen: call.screen } : {}),
        applicantIdentified: call.applicantIdentified,
      },
    });
    this.options.logger.info({ event: 'staff.called', callId: call.callId, screen: call.screen });
    this.options.publish({ event: 'staff.called', payload: viewOf(call) });
    return this.outcome(call, false);
  }

  /** A staff member answers a call. */
  acknowledge(
    callId: string,
    by: { actor: string; role: Role },
  ): Result<AcknowledgeOutcome, { code: 'E_CALL_NOT_FOUND'; message: string }> {
    const call = this.current;
    if (!call || call.callId !== callId || call.state === 'closed') {
      this.options.audit.append({
        ...by,
        action: 'staff.call-acknowledge',
        outcome: 'failure',
        details: { callId, reason: 'not-open' },
      });
      return err({
        code: 'E_CALL_NOT_FOUND',
        message: `call ${callId} is not open (answered long ago, or the visit ended)`,
      });
    }
    if (call.state === 'acknowledged') {
      return ok({
        callId,
        acknowledgedAt: new Date(call.acknowledgedAtMs ?? this.now()).toISOString(),
        alreadyAcknowledged: true,
      });
    }
    const now = this.now();
    call.state = 'acknowledged';
    call.acknowledgedAtMs = now;
    call.acknowledgedBy = by.actor;
    const acknowledgedAt = new Date(now).toISOString();
    const waitedSeconds = Math.round((now - call.atMs) / 1000);
    this.options.audit.append({
      ...by,
      action: 'staff.call-acknowledge',
      outcome: 'success',
      details: { callId, waitedSeconds },
    });
    this.options.logger.info({
      event: 'staff.call-acknowledged',
      callId,
      staffId: by.actor,
      waitedSeconds,
    });
    this.options.publish({ event: 'staff.callAcknowledged', payload: { callId, acknowledgedAt } });
    return ok({ callId, acknowledgedAt, alreadyAcknowledged: false });
  }

  /** Calls staff have not answered yet (0 or 1), for a staff panel that opens later. */
  open(): StaffCallView[] {
    const call = this.current;
    return call && call.state === 'open' ? [viewOf(call)] : [];
  }

  /** The applicant session `sessionId` ended: its call is moot. */
  sessionEnded(sessionId: string): void {
    const call = this.current;
    if (call && call.state !== 'closed' && call.sessionId === sessionId) {
      this.closeCall(call, 'session-ended');
    }
  }

  /** Stops the lifetime timer (service shutdown). */
  close(): void {
    if (this.current) clearTimeout(this.current.timer);
  }

  private live(now: number): Call | undefined {
    const call = this.current;
    if (!call || call.state === 'closed') return undefined;
    if (call.state === 'open') return call;
    return now - (call.acknowledgedAtMs ?? 0) < ACKNOWLEDGED_HOLD_MS ? call : undefined;
  }

  private outcome(call: Call, repeated: boolean): CallOutcome {
    return {
      callId: call.callId,
      at: call.at,
      state: call.state === 'acknowledged' ? 'acknowledged' : 'open',
      repeated,
      directionsAfterSeconds: this.options.acknowledgeSeconds,
    };
  }

  private closeCall(call: Call, reason: CloseReason): void {
    if (call.state === 'closed') return;
    clearTimeout(call.timer);
    const wasOpen = call.state === 'open';
    call.state = 'closed';
    this.options.logger.info({ event: 'staff.call-closed', callId: call.callId, reason });
    // Acknowledged calls are already off the staff panels; only open ones need taking down.
    if (wasOpen) {
      this.options.publish({
        event: 'staff.callClosed',
        payload: { callId: call.callId, reason },
      });
    }
  }
}

function viewOf(call: Call): StaffCallView {
  return {
    callId: call.callId,
    at: call.at,
    ...(call.screen ? { screen: call.screen } : {}),
    applicantIdentified: call.applicantIdentified,
  };
}
