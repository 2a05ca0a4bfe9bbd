/**
 * Serves one renderer connection over any transport: greets it, subscribes it to the events
 * its role may see, and answers each frame through the dispatcher.
 */
import type { Logger } from '../../../drivers/common/logger.js';
import type { EventFrame, WelcomeFrame } from '../../contract/protocol.js';
import type { EventBus } from '../events.js';
import { type Connection, newConnection } from './connection.js';
import type { Dispatcher } from './dispatcher.js';

export interface ServedConnection {
  readonly connection: Connection;
  /** Hands one received text frame to the dispatcher; the answer goes out through `send`. */
  receive(text: string): void;
  /** Call when the transport closed; stops event delivery. */
  closed(): void;
}

export interface ServeDeps {
  readonly dispatcher: Dispatcher;
  readonly bus: EventBus;
  readonly logger: Logger;
}

export function serveConnection(
  deps: ServeDeps,
  transport: Connection['transport'],
  send: (text: string) => void,
): ServedConnection {
  const connection = newConnection(transport);
  const welcome: WelcomeFrame = {
    type: 'welcome',
    connectionId: connection.id,
    role: connection.role,
  };
  send(JSON.stringify(welcome));
  const unsubscribe = deps.bus.subscribe(connection, (frame: EventFrame) =>
    send(JSON.stringify(frame)),
  );
  deps.logger.info({ event: 'rpc.connected', connectionId: connection.id, transport });
  let open = true;

  return {
    connection,
    receive(text) {
      void deps.dispatcher.dispatch(connection, text).then((answer) => {
        if (open) send(answer);
      });
    },
    closed() {
      if (!open) return;
      open = false;
      unsubscribe();
      deps.logger.info({ event: 'rpc.disconnected', connectionId: connection.id });
    },
  };
}
