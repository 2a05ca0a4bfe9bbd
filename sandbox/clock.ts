/**
 * The sandbox's review clock. In normal runs it is the real clock. With `--test-clock` tests
 * move it forward (never back: stored events must stay in order) through the admin endpoint,
 * so department reviews that take hours or working days happen in milliseconds.
 *
 * Request signatures are always checked against the real clock, whatever this one says.
 */
export class SandboxClock {
  private offset = 0;

  constructor(
    readonly movable: boolean,
    private readonly realNow: () => number = Date.now,
  ) {}

  now(): Date {
    return new Date(this.realNow() + this.offset);
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock forward by `ms`; throws unless the clock is movable. */
  advance(ms: number): Date {
    if (!this.movable) throw new Error('the sandbox clock moves only with --test-clock');
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offset += ms;
    return this.now();
  }
}
