/** Exponential backoff with full jitter, for reconnects and retries. */
export interface BackoffOptions {
  /** First delay, milliseconds. */
  readonly initialMs: number;
  /** Upper bound of any delay, milliseconds. */
  readonly maxMs: number;
  /** Growth factor per attempt; default 2. */
  readonly factor?: number;
  /** Random source in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {
    if (options.initialMs <= 0 || options.maxMs < options.initialMs) {
      throw new TypeError('Backoff: need 0 < initialMs <= maxMs');
    }
  }

  /** Delay before the next attempt; grows until reset(). */
  next(): number {
    const factor = this.options.factor ?? 2;
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * factor ** this.attempt);
    this.attempt++;
    const random = this.options.random ?? Math.random;
    // Half fixed, half jitter: never zero, never above the ceiling.
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
