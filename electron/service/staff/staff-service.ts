/**
 * Staff and technician sign-in. A sign-in raises the role of the one renderer connection it
 * came from (`connection.role`, `connection.roleExpiresAt`); the dispatcher's `effectiveRole`
 * drops it back to `applicant` when the time is up, with nothing to clean up. Two ways in:
 * - staff number + PIN on the keypad, checked against the scrypt hash in the config, with the
 *   kiosk-wide lockout of `lockout.ts`;
 * - a staff card: while a connection waits in `signInWithCard`, the next card the id-card
 *   reader reads is looked up in `staff.members[].cardNumbers`.
 * Every attempt, success or not, goes to the audit log (staff id or masked card, never a PIN).
 */
import { maskIdentifier } from '../../../drivers/common/mask.js';
import type { Logger } from '../../../drivers/common/logger.js';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import type { StaffConfig, StaffMemberConfig } from '../../../kiosk-config/staff.js';
import type { Role } from '../../contract/protocol.js';
import type { AuditLog } from '../audit/audit-log.js';
import { type Connection, effectiveRole } from '../rpc/connection.js';
import type { Lockout } from './lockout.js';
import { decoyHash, PIN_PATTERN, verifyPin } from './pin.js';

export type StaffRole = Exclude<Role, 'applicant'>;

export interface SignedIn {
  readonly staffId: string;
  readonly role: StaffRole;
  /** ISO time the raised role ends. */
  readonly expiresAt: string;
  readonly via: 'pin' | 'card';
}

export type SignInError =
  | {
      readonly code: 'E_STAFF_LOCKED';
      readonly message: string;
      readonly retryAfterSeconds: number;
    }
  | { readonly code: 'E_STAFF_DENIED'; readonly message: string; readonly lockedForSeconds: number }
  | { readonly code: 'E_STAFF_NO_CARD'; readonly message: string }
  | { readonly code: 'E_STAFF_NOT_STAFF_CARD'; readonly message: string }
  | { readonly code: 'E_STAFF_BUSY'; readonly message: string };

export interface StaffStatus {
  readonly role: Role;
  readonly staffId?: string;
  readonly expiresAt?: string;
  /** Seconds before the keypad may be tried again (0 when not locked). */
  readonly lockedForSeconds: number;
}

/** The part of the id-card reader the card sign-in listens to. */
export interface CardSource {
  on(event: 'card', listener: (read: { document: { idNumber: string } }) => void): unknown;
}

export interface StaffServiceOptions {
  readonly config: StaffConfig;
  readonly audit: AuditLog;
  readonly lockout: Lockout;
  readonly logger: Logger;
  /** Epoch ms; injectable so lockout and expiry are tested without waiting. */
  readonly now?: () => number;
}

interface CardWaiter {
  readonly connection: Connection;
  readonly resolve: (result: Result<SignedIn, SignInError>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class StaffService {
  private readonly now: () => number;
  private readonly signedIn = new WeakMap<Connection, SignedIn>();
  private readonly cardWaiters: CardWaiter[] = [];
  private readonly decoy: ReturnType<typeof decoyHash>;
  private readonly cardOwners = new Map<string, StaffMemberConfig>();
  private pinQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: StaffServiceOptions) {
    this.now = options.now ?? Date.now;
    const first = options.config.members[0]?.pin;
    this.decoy = decoyHash(
      first ? { N: first.N, r: first.r, p: first.p } : { N: 2 ** 15, r: 8, p: 1 },
    );
    for (const member of options.config.members) {
      for (const card of member.cardNumbers) this.cardOwners.set(card, member);
    }
  }

  /**
   * Signs a connection in with staff number and PIN. Attempts run one at a time, so parallel
   * calls cannot all pass the lockout check before the first wrong PIN is counted.
   */
  signInWithPin(
    connection: Connection,
    staffId: string,
    pin: string,
  ): Promise<Result<SignedIn, SignInError>> {
    const attempt = this.pinQueue.then(() => this.checkPin(connection, staffId, pin));
    this.pinQueue = attempt.catch(() => undefined);
    return attempt;
  }

  private async checkPin(
    connection: Connection,
    staffId: string,
    pin: string,
  ): Promise<Result<SignedIn, SignInError>> {
    const { audit, lockout, logger } = this.options;
    const remaining = lockout.remainingMs();
    if (remaining > 0) {
      const retryAfterSeconds = Math.ceil(remaining / 1000);
      audit.append({
        actor: staffId,
        role: effectiveRole(connection, this.now()),
        action: 'staff.sign-in',
        outcome: 'refused',
        details: { via: 'pin', reason: 'locked', retryAfterSeconds },
      });
      logger.warn({ event: 'staff.sign-in-locked', retryAfterSeconds });
      return err({
        code: 'E_STAFF_LOCKED',
        message: `too many wrong PINs; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      });
    }

    const member = this.options.config.members.find((m) => m.id === staffId);
    // Unknown ids and malformed PINs cost a full scrypt too: the answer time tells nothing.
    const matches = PIN_PATTERN.test(pin) && (await verifyPin(pin, member?.pin ?? this.decoy));
    if (!matches || !member) {
      const lockedForSeconds = lockout.recordFailure();
      audit.append({
        actor: staffId,
        role: effectiveRole(connection, this.now()),
        action: 'staff.sign-in',
        outcome: 'failure',
        details: {
          via: 'pin',
          reason: member ? 'wrong-pin' : 'unknown-staff-id',
          failuresInRow: lockout.failures,
          lockedForSeconds,
        },
      });
      logger.warn({
        event: 'staff.sign-in-failed',
        failuresInRow: lockout.failures,
        lockedForSeconds,
      });
      return err({
        code: 'E_STAFF_DENIED',
        message:
          lockedForSeconds > 0
            ? `staff number or PIN is wrong; sign-in is locked for ${lockedForSeconds} s`
            : 'staff number or PIN is wrong',
        lockedForSeconds,
      });
    }
    lockout.recordSuccess();
    return ok(this.raise(connection, member, 'pin'));
  }

  /**
   * Waits up to `waitMs` for a staff card on the id-card reader and signs the connection in
   * with it. One waiter per connection; the newest waiter gets the next card.
   */
  signInWithCard(connection: Connection, waitMs: number): Promise<Result<SignedIn, SignInError>> {
    if (this.cardWaiters.some((w) => w.connection === connection)) {
      return Promise.resolve(
        err({ code: 'E_STAFF_BUSY', message: 'this screen is already waiting for a staff card' }),
      );
    }
    return new Promise((resolve) => {
      const waiter: CardWaiter = {
        connection,
        resolve,
        timer: setTimeout(() => {
          this.dropWaiter(waiter);
          resolve(
            err({ code: 'E_STAFF_NO_CARD', message: `no card was read within ${waitMs} ms` }),
          );
        }, waitMs),
      };
      this.cardWaiters.push(waiter);
    });
  }

  /** Ends this connection's wait for a staff card; the waiting call answers E_STAFF_NO_CARD. */
  cancelCardWait(connection: Connection): boolean {
    const waiter = this.cardWaiters.find((w) => w.connection === connection);
    if (!waiter) return false;
    this.dropWaiter(waiter);
    clearTimeout(waiter.timer);
    waiter.resolve(err({ code: 'E_STAFF_NO_CARD', message: 'the card wait was cancelled' }));
    return true;
  }

  /**
   * Called with every card the id-card reader reads. Returns true when the card was a staff
   * card taken for a sign-in (the caller then ends any applicant session the read started).
   */
  cardRead(cardNumber: string): boolean {
    const waiter = this.cardWaiters.at(-1);
    if (!waiter) return false;
    this.dropWaiter(waiter);
    clearTimeout(waiter.timer);
    const member = this.cardOwners.get(cardNumber);
    const cardMasked = maskIdentifier(cardNumber);
    if (!member) {
      this.options.audit.append({
        actor: 'unknown',
        role: effectiveRole(waiter.connection, this.now()),
        action: 'staff.sign-in',
        outcome: 'failure',
        details: { via: 'card', reason: 'not-a-staff-card', card: cardMasked },
      });
      this.options.logger.warn({ event: 'staff.card-refused', card: cardMasked });
      waiter.resolve(
        err({ code: 'E_STAFF_NOT_STAFF_CARD', message: `card ${cardMasked} is not a staff card` }),
      );
      return false;
    }
    waiter.resolve(ok(this.raise(waiter.connection, member, 'card', cardMasked)));
    return true;
  }

  /** Connects card sign-in to the id-card reader; `afterStaffCard` runs when one was used. */
  attachCardSource(source: CardSource, afterStaffCard: (cardNumber: string) => void): void {
    source.on('card', (read) => {
      if (this.cardRead(read.document.idNumber)) afterStaffCard(read.document.idNumber);
    });
  }

  signOut(connection: Connection, reason: 'requested' | 'expired' = 'requested'): boolean {
    const current = this.current(connection);
    connection.role = 'applicant';
    delete connection.roleExpiresAt;
    delete connection.roleGrantedAt;
    this.signedIn.delete(connection);
    if (!current) return false;
    this.options.audit.append({
      actor: current.staffId,
      role: current.role,
      action: 'staff.sign-out',
      outcome: 'success',
      details: { reason },
    });
    this.options.logger.info({ event: 'staff.signed-out', staffId: current.staffId, reason });
    return true;
  }

  /** The staff member signed in on this connection, while the raised role lasts. */
  current(connection: Connection): SignedIn | undefined {
    const entry = this.signedIn.get(connection);
    if (!entry) return undefined;
    if (effectiveRole(connection, this.now()) === 'applicant') {
      this.signedIn.delete(connection);
      return undefined;
    }
    return entry;
  }

  status(connection: Connection): StaffStatus {
    const current = this.current(connection);
    const locked = this.options.lockout.remainingMs();
    return {
      role: effectiveRole(connection, this.now()),
      ...(current ? { staffId: current.staffId, expiresAt: current.expiresAt } : {}),
      lockedForSeconds: Math.ceil(locked / 1000),
    };
  }

  /** Who to name in the audit log for an action on this connection. */
  actor(connection: Connection): { actor: string; role: Role } {
    const current = this.current(connection);
    return { actor: current?.staffId ?? 'unknown', role: effectiveRole(connection, this.now()) };
  }

  /** Ends every pending card wait (service shutdown). */
  close(): void {
    for (const waiter of this.cardWaiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(err({ code: 'E_STAFF_NO_CARD', message: 'the service is stopping' }));
    }
  }

  private raise(
    connection: Connection,
    member: StaffMemberConfig,
    via: 'pin' | 'card',
    cardMasked?: string,
  ): SignedIn {
    const grantedAtMs = this.now();
    const expiresAtMs = grantedAtMs + this.options.config.sessionMinutes * 60_000;
    connection.role = member.role;
    connection.roleGrantedAt = grantedAtMs;
    connection.roleExpiresAt = expiresAtMs;
    const signedIn: SignedIn = {
      staffId: member.id,
      role: member.role,
      expiresAt: new Date(expiresAtMs).toISOString(),
      via,
    };
    this.signedIn.set(connection, signedIn);
    this.options.audit.append({
      actor: member.id,
      role: member.role,
      action: 'staff.sign-in',
      outcome: 'success',
      details: { via, expiresAt: signedIn.expiresAt, ...(cardMasked ? { card: cardMasked } : {}) },
    });
    this.options.logger.info({
      event: 'staff.signed-in',
      staffId: member.id,
      role: member.role,
      via,
      expiresAt: signedIn.expiresAt,
    });
    return signedIn;
  }

  private dropWaiter(waiter: CardWaiter): void {
    const at = this.cardWaiters.indexOf(waiter);
    if (at >= 0) this.cardWaiters.splice(at, 1);
  }
}
