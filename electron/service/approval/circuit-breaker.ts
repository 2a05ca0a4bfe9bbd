/**
 * A circuit breaker in front of the central approval API. After `failureThreshold`
 * consecutive failures (network errors, timeouts, 5xx, 429) it opens: calls fail at once for
 * `openMs`, so the kiosk stops waiting on a dead API and the outbox holds submissions. Then one
 * probe is let through (half-open); its success closes the breaker, its failure opens it again.
 * The technician screen shows `snapshot()`.
 */
import { TypedEmitter } from '../../../drivers/common/emitter.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitSnapshot {
  readonly state: CircuitState;
  readonly consecutiveFailures: number;
  /** ISO time the breaker last opened. */
  readonly openedAt?: string;
  /** ISO time the next probe may go (while open). */
  readonly probeAt?: string;
  /** Short reason of the last failure, e.g. `timeout`, `http-503`, `network:ECONNRESET`. */
  readonly lastFailure?: string;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker; default 5. */
  readonly failureThreshold?: number;
  /** How long the breaker stays open before a probe, milliseconds; default 30,000. */
  readonly openMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

export class CircuitBreaker {
  readonly events = new TypedEmitter<{ change: CircuitSnapshot }>();
  private state: CircuitState = 'closed';
  private failures = 0;
  private openedAtMs?: number;
  private probeInFlight = false;
  private lastFailure?: string;
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 30_000;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.threshold) || this.threshold < 1) {
      throw new TypeError('CircuitBreaker: failureThreshold must be a whole number >= 1');
    }
    if (!(this.openMs > 0)) throw new TypeError('CircuitBreaker: openMs must be > 0');
  }

  /**
   * Asks to send one request. False while open (or while the half-open probe is out); true
   * otherwise. A true in half-open makes this request the probe.
   */
  tryAcquire(): boolean {
    if (this.state === 'open') {
      if (this.now() - (this.openedAtMs ?? 0) < this.openMs) return false;
      this.transition('half-open');
    }
    if (this.state === 'half-open') {
      if (this.probeInFlight) return false;
      this.probeInFlight = true;
    }
    return true;
  }

  recordSuccess(): void {
    this.probeInFlight = false;
    this.failures = 0;
    if (this.state !== 'closed') this.transition('closed');
  }

  recordFailure(reason: string): void {
    this.probeInFlight = false;
    this.failures++;
    this.lastFailure = reason;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.openedAtMs = this.now();
      this.transition('open');
    }
  }

  /** Releases a half-open probe slot without a verdict (the request was never sent). */
  release(): void {
    this.probeInFlight = false;
  }

  snapshot(): CircuitSnapshot {
    return {
      state: this.state,
      consecutiveFailures: this.failures,
      ...(this.openedAtMs !== undefined
        ? { openedAt: new Date(this.openedAtMs).toISOString() }
        : {}),
      ...(this.state === 'open'
        ? { probeAt: new Date((this.openedAtMs ?? 0) + this.openMs).toISOString() }
        : {}),
      ...(this.lastFailure !== undefined ? { lastFailure: this.lastFailure } : {}),
    };
  }

  private transition(to: CircuitState): void {
    if (this.state === to) {
      // Re-opening from open refreshes the timer; still tell listeners the new probe time.
      if (to === 'open') this.events.emit('change', this.snapshot());
      return;
    }
    this.state = to;
    this.events.emit('change', this.snapshot());
  }
}
