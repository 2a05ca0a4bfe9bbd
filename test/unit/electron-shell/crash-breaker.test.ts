import { describe, expect, it } from 'vitest';
import { CrashBreaker } from '../../../electron/main/crash-breaker.js';

describe('renderer crash breaker', () => {
  it('escalates reload, recreate, out of service for three crashes within 60 s', () => {
    const breaker = new CrashBreaker();
    expect(breaker.record('crashed', 0)).toBe('reload');
    expect(breaker.record('crashed', 10_000)).toBe('recreate');
    expect(breaker.record('killed', 59_000)).toBe('out-of-service');
    expect(breaker.tripped).toBe(true);
  });

  it('stays out of service once tripped', () => {
    const breaker = new CrashBreaker();
    breaker.record('crashed', 0);
    breaker.record('crashed', 1);
    breaker.record('crashed', 2);
    expect(breaker.record('crashed', 500_000)).toBe('none');
  });

  it('forgets crashes older than the window', () => {
    const breaker = new CrashBreaker();
    expect(breaker.record('crashed', 0)).toBe('reload');
    expect(breaker.record('crashed', 30_000)).toBe('recreate');
    // The first crash is 60 s old now: only two remain in the window.
    expect(breaker.record('crashed', 60_000)).toBe('recreate');
    expect(breaker.recentFailures).toBe(2);
    expect(breaker.record('crashed', 200_000)).toBe('reload');
  });

  it('recreates at once when the renderer ran out of memory or failed to launch', () => {
    expect(new CrashBreaker().record('oom', 0)).toBe('recreate');
    expect(new CrashBreaker().record('launch-failed', 0)).toBe('recreate');
    expect(new CrashBreaker().record('integrity-failure', 0)).toBe('recreate');
  });

  it('counts main-frame load failures like crashes', () => {
    const breaker = new CrashBreaker();
    expect(breaker.record('load-failed', 0)).toBe('reload');
    expect(breaker.record('load-failed', 1)).toBe('recreate');
    expect(breaker.record('load-failed', 2)).toBe('out-of-service');
  });

  it('does not count a clean exit', () => {
    const breaker = new CrashBreaker();
    expect(breaker.record('clean-exit', 0)).toBe('none');
    expect(breaker.recentFailures).toBe(0);
  });

  it('starts over after reset', () => {
    const breaker = new CrashBreaker();
    breaker.record('crashed', 0);
    breaker.record('crashed', 1);
    breaker.record('crashed', 2);
    breaker.reset();
    expect(breaker.tripped).toBe(false);
    expect(breaker.record('crashed', 3)).toBe('reload');
  });

  it('honours a custom window and limit, and rejects nonsense', () => {
    const breaker = new CrashBreaker({ windowMs: 1_000, maxFailures: 2 });
    expect(breaker.record('crashed', 0)).toBe('reload');
    expect(breaker.record('crashed', 999)).toBe('out-of-service');
    expect(() => new CrashBreaker({ windowMs: 0 })).toThrow(TypeError);
    expect(() => new CrashBreaker({ maxFailures: 1 })).toThrow(TypeError);
  });
});
