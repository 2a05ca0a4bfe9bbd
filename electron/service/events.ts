/**
 * The service's push events. Domains publish typed events; each renderer connection gets the
 * ones its role may see, numbered in order. Payloads are checked against the contract so a
 * domain bug cannot push personal data the schema does not allow.
 */
import type { Logger } from '../../drivers/common/logger.js';
import { events, type EventName, type PayloadOf } from '../contract/index.js';
import type { EventFrame } from '../contract/protocol.js';
import { type Connection, effectiveRole } from './rpc/connection.js';

interface Subscriber {
  readonly connection: Connection;
  readonly send: (frame: EventFrame) => void;
  seq: number;
}

type LocalListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private readonly local = new Set<LocalListener>();

  constructor(private readonly logger: Logger) {}

  publish<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    const spec = events[event];
    const checked = spec.payload.safeParse(payload);
    if (!checked.success) {
      this.logger.error({
        event: 'events.payload-invalid',
        eventName: event,
        issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      return;
    }
    for (const listener of this.local) listener(event, checked.data);
    for (const subscriber of this.subscribers) {
      if (!spec.roles.includes(effectiveRole(subscriber.connection))) continue;
      subscriber.seq++;
      try {
        subscriber.send({ type: 'event', seq: subscriber.seq, event, payload: checked.data });
      } catch (error) {
        this.logger.warn({
          event: 'events.send-failed',
          connectionId: subscriber.connection.id,
          error: String(error),
        });
      }
    }
  }

  /** Subscribes a renderer connection; returns the unsubscribe function. */
  subscribe(connection: Connection, send: (frame: EventFrame) => void): () => void {
    const subscriber: Subscriber = { connection, send, seq: 0 };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** In-process listener (CLI, tests, other domains). */
  listen(listener: LocalListener): () => void {
    this.local.add(listener);
    return () => this.local.delete(listener);
  }

  get connectionCount(): number {
    return this.subscribers.size;
  }
}
