/**
 * Forwarding resumes as soon as the kiosk sees the central API back, rather than when the
 * forwarder's outage backoff (up to `outageBackoffMaxMs`, minutes) happens to run out. Two
 * signs of recovery already exist in the service, and both wake the forwarder:
 *
 * - the approval client's circuit breaker closes (its half-open probe, from any domain,
 *   succeeded);
 * - a heartbeat succeeds while applications are waiting in the outbox (the heartbeat shares the
 *   client, so a closed breaker and a beat that went through mean the API answers).
 *
 * A kick is cheap: the forwarder drains only what is due and stops at the first outage.
 */
import type { Logger } from '../../../drivers/common/logger.js';
import type { ApprovalClient } from '../approval/client.js';
import type { EventBus } from '../events.js';
import type { Forwarder } from '../outbox/forwarder.js';

export interface RecoveryDeps {
  readonly client: Pick<ApprovalClient, 'onCircuitChange'> | null | undefined;
  readonly bus: Pick<EventBus, 'listen'>;
  readonly forwarder: Pick<Forwarder, 'kick'> | undefined;
  /** Applications waiting in the outbox now. */
  readonly pending: () => number;
  readonly logger: Logger;
}

/** Wires the recovery signs to the forwarder; returns the function that unwires them. */
export function forwardOnRecovery(deps: RecoveryDeps): () => void {
  const { forwarder, logger } = deps;
  if (!forwarder) return () => undefined;

  const kick = (via: 'circuit' | 'heartbeat', log: boolean): void => {
    const pending = deps.pending();
    if (pending === 0) return;
    if (log) logger.info({ event: 'outbox.api-recovered', via, pending });
    forwarder.kick();
  };

  const offCircuit =
    deps.client?.onCircuitChange((snapshot) => {
      if (snapshot.state === 'closed') kick('circuit', true);
    }) ?? (() => undefined);

  let lastBeatOk: boolean | undefined;
  const offBeat = deps.bus.listen((event, payload) => {
    if (event !== 'tech.heartbeat') return;
    const ok = (payload as { ok: boolean }).ok;
    // Every good beat with work waiting wakes the forwarder (the outage may have been too short
    // to open the breaker); only the change from failing to answering is logged.
    if (ok) kick('heartbeat', lastBeatOk !== true);
    lastBeatOk = ok;
  });

  return () => {
    offCircuit();
    offBeat();
  };
}
