/**
 * Lockout after wrong PINs, for the whole kiosk (not per connection: reconnecting must not
 * give fresh attempts, nor must restarting the service, so the state lives in SQLite).
 * The first `freeAttempts` wrong PINs in a row cost nothing; each one after that locks
 * sign-in for `initialSeconds * 2^k` (k = 0, 1, 2, ...) up to `maxSeconds`. A correct PIN
 * resets the count. Attempts during a lockout are refused without checking the PIN.
 */
import type { Db } from '../store/db.js';

export interface LockoutPolicy {
  readonly freeAttempts: number;
  readonly initialSeconds: number;
  readonly maxSeconds: number;
}

export interface LockoutState {
  /** Wrong PINs in a row. */
  readonly failures: number;
  /** Epoch ms until which sign-in is refused; 0 when not locked. */
  readonly lockedUntil: number;
}

/** Where the lockout state is kept; SQLite in the service, memory in unit tests. */
export interface LockoutStore {
  load(): LockoutState;
  save(state: LockoutState): void;
}

export function sqliteLockoutStore(db: Db): LockoutStore {
  const read = db.prepare('SELECT failures, locked_until FROM staff_lockout WHERE id = 1');
  const write = db.prepare('UPDATE staff_lockout SET failures = ?, locked_until = ? WHERE id = 1');
  return {
    load() {
      const row = read.get() as { failures: number; locked_until: number } | undefined;
      return { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ?? 0 };
    },
    save(state) {
      write.run(state.failures, state.lockedUntil);
    },
  };
}

export function memoryLockoutStore(initial: LockoutState = { failures: 0, lockedUntil: 0 }) {
  let state = initial;
  return {
    load: () => state,
    save: (next: LockoutState) => {
      state = next;
    },
  } satisfies LockoutStore;
}

/** Seconds of lockout after the n-th wrong PIN in a row (0 while within the free attempts). */
export function lockoutSeconds(policy: LockoutPolicy, failures: number): number {
  const over = failures - policy.freeAttempts;
  if (over <= 0) return 0;
  // 2^(over-1) grows past any ceiling quickly; cap the exponent so it stays a safe integer.
  const factor = 2 ** Math.min(over - 1, 30);
  return Math.min(policy.maxSeconds, policy.initialSeconds * factor);
}

export class Lockout {
  constructor(
    private readonly policy: LockoutPolicy,
    private readonly store: LockoutStore,
    private readonly now: () => number,
  ) {}

  /**
   * Milliseconds left of a running lockout, 0 when sign-in may be tried. Never more than the
   * policy's maximum: the deadline is wall-clock time, and a clock set back must not lock the
   * keypad for hours.
   */
  remainingMs(): number {
    const left = Math.max(0, this.store.load().lockedUntil - this.now());
    return Math.min(left, this.policy.maxSeconds * 1000);
  }

  get failures(): number {
    return this.store.load().failures;
  }

  /** Records a wrong PIN; returns the lockout it starts, in seconds (0 for none). */
  recordFailure(): number {
    const failures = this.store.load().failures + 1;
    const seconds = lockoutSeconds(this.policy, failures);
    this.store.save({ failures, lockedUntil: seconds > 0 ? this.now() + seconds * 1000 : 0 });
    return seconds;
  }

  recordSuccess(): void {
    this.store.save({ failures: 0, lockedUntil: 0 });
  }
}
