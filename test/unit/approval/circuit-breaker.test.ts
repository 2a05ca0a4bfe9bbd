import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../electron/service/approval/circuit-breaker.js';

function breakerAt(options: { failureThreshold?: number; openMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const breaker = new CircuitBreaker({ ...options, now: () => clock.now });
  return { breaker, clock };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and resets the count on success', () => {
    const { breaker } = breakerAt({ failureThreshold: 3 });
    breaker.recordFailure('timeout');
    breaker.recordFailure('timeout');
    breaker.recordSuccess();
    breaker.recordFailure('timeout');
    breaker.recordFailure('timeout');
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens at the threshold, refuses until openMs passes, then lets exactly one probe out', () => {
    const { breaker, clock } = breakerAt({ failureThreshold: 2, openMs: 1000 });
    breaker.recordFailure('http-503');
    breaker.recordFailure('http-503');
    expect(breaker.snapshot()).toMatchObject({
      state: 'open',
      lastFailure: 'http-503',
      probeAt: new Date(1_001_000).toISOString(),
    });
    expect(breaker.tryAcquire()).toBe(false);
    clock.now += 999;
    expect(breaker.tryAcquire()).toBe(false);
    clock.now += 1;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.snapshot().state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('closes after a good probe and re-opens (with a fresh timer) after a bad one', () => {
    const { breaker, clock } = breakerAt({ failureThreshold: 1, openMs: 100 });
    const states: string[] = [];
    breaker.events.on('change', (s) => states.push(s.state));
    breaker.recordFailure('network:ECONNRESET');
    clock.now += 100;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure('timeout');
    expect(breaker.snapshot()).toMatchObject({
      state: 'open',
      openedAt: new Date(1_000_100).toISOString(),
    });
    clock.now += 100;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('frees the probe slot when the probe was never sent', () => {
    const { breaker, clock } = breakerAt({ failureThreshold: 1, openMs: 10 });
    breaker.recordFailure('timeout');
    clock.now += 10;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('refuses nonsense options by name', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(/failureThreshold/);
    expect(() => new CircuitBreaker({ openMs: 0 })).toThrow(/openMs/);
  });
});
