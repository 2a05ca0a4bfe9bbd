/**
 * The forwarder is woken when the kiosk sees the central API back: the circuit breaker closing,
 * or a heartbeat that went through, while applications wait in the outbox.
 */
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { CircuitBreaker } from '../../../electron/service/approval/circuit-breaker.js';
import { forwardOnRecovery } from '../../../electron/service/application/recovery.js';
import { EventBus } from '../../../electron/service/events.js';

function setup(pending: { n: number }) {
  let now = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000, now: () => now });
  const logger = capturingLogger();
  const bus = new EventBus(logger);
  let kicks = 0;
  const stop = forwardOnRecovery({
    client: { onCircuitChange: (fn) => breaker.events.on('change', fn) },
    bus,
    forwarder: { kick: () => void kicks++ },
    pending: () => pending.n,
    logger,
  });
  const beat = (ok: boolean) =>
    bus.publish('tech.heartbeat', {
      sentAt: new Date(0).toISOString(),
      ok,
      status: 'IN_SERVICE',
      ...(ok ? {} : { error: 'network: ECONNREFUSED' }),
    });
  return {
    breaker,
    logger,
    beat,
    stop,
    kicks: () => kicks,
    advance: (ms: number) => (now += ms),
  };
}

describe('forwardOnRecovery', () => {
  it('kicks the forwarder when the circuit closes after an outage, with work waiting', () => {
    const t = setup({ n: 1 });
    t.breaker.recordFailure('network:ECONNREFUSED');
    t.breaker.recordFailure('network:ECONNREFUSED');
    expect(t.breaker.snapshot().state).toBe('open');
    expect(t.kicks()).toBe(0);
    t.advance(1000);
    expect(t.breaker.tryAcquire()).toBe(true);
    t.breaker.recordSuccess();
    expect(t.kicks()).toBe(1);
    const logged = t.logger.lines.filter((l) => l.fields['event'] === 'outbox.api-recovered');
    expect(logged.map((l) => l.fields['via'])).toEqual(['circuit']);
  });

  it('kicks on each good heartbeat while work waits, logging only the recovery', () => {
    const t = setup({ n: 2 });
    t.beat(false);
    expect(t.kicks()).toBe(0);
    t.beat(true);
    t.beat(true);
    expect(t.kicks()).toBe(2);
    const logged = t.logger.lines.filter((l) => l.fields['event'] === 'outbox.api-recovered');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields).toMatchObject({ via: 'heartbeat', pending: 2 });
  });

  it('does nothing with an empty outbox, and nothing after it is unwired', () => {
    const pending = { n: 0 };
    const t = setup(pending);
    t.beat(true);
    expect(t.kicks()).toBe(0);
    pending.n = 1;
    t.stop();
    t.beat(false);
    t.beat(true);
    expect(t.kicks()).toBe(0);
  });
});
