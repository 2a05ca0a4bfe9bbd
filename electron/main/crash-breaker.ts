/**
 * Escalating recovery for a renderer that keeps failing: the first failure in a window of time
 * reloads the page, the second destroys and recreates the window, the third stops trying and
 * shows the static out-of-service page. A process that was killed for memory (`oom`) or never
 * started skips the reload, because reloading in the same process state would fail the same way.
 * Pure: the caller supplies the time.
 */

/** Why the renderer failed: Electron's `render-process-gone` reasons plus two of our own. */
export type RendererFailure =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction'
  /** The main frame failed to load (`did-fail-load`). */
  | 'load-failed';

export type RecoveryAction = 'none' | 'reload' | 'recreate' | 'out-of-service';

export interface CrashBreakerOptions {
  /** Failures counted within this window, milliseconds; default 60 000. */
  readonly windowMs?: number;
  /** This many failures within the window trip the breaker; default 3. */
  readonly maxFailures?: number;
}

/** Failures where reloading the same renderer would meet the same fate. */
const RECREATE_FIRST: ReadonlySet<RendererFailure> = new Set([
  'oom',
  'launch-failed',
  'integrity-failure',
]);

export const CRASH_WINDOW_MS = 60_000;
export const MAX_CRASHES_IN_WINDOW = 3;

export class CrashBreaker {
  private readonly windowMs: number;
  private readonly maxFailures: number;
  private failures: number[] = [];
  private trippedAt: number | undefined;

  constructor(options: CrashBreakerOptions = {}) {
    this.windowMs = options.windowMs ?? CRASH_WINDOW_MS;
    this.maxFailures = options.maxFailures ?? MAX_CRASHES_IN_WINDOW;
    if (this.windowMs <= 0 || this.maxFailures < 2) {
      throw new TypeError('CrashBreaker: need windowMs > 0 and maxFailures >= 2');
    }
  }

  /** Records one failure at `nowMs` and says what to do about it. */
  record(failure: RendererFailure, nowMs: number): RecoveryAction {
    // A clean exit is the renderer shutting down with its window, not a failure.
    if (failure === 'clean-exit' || this.tripped) return 'none';

    this.failures = this.failures.filter((at) => nowMs - at < this.windowMs);
    this.failures.push(nowMs);

    if (this.failures.length >= this.maxFailures) {
      this.trippedAt = nowMs;
      return 'out-of-service';
    }
    if (this.failures.length === 1 && !RECREATE_FIRST.has(failure)) return 'reload';
    return 'recreate';
  }

  /** Failures currently inside the window (as of the last `record`). */
  get recentFailures(): number {
    return this.failures.length;
  }

  get tripped(): boolean {
    return this.trippedAt !== undefined;
  }

  /** Starts over (after a technician's restart or a timed retry). */
  reset(): void {
    this.failures = [];
    this.trippedAt = undefined;
  }
}
