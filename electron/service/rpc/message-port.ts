/**
 * The MessagePort transport (Electron: a MessagePortMain handed to the service's utility
 * process; tests: Node's MessageChannel). Frames are JSON text, as on the WebSocket, so both
 * transports share the size cap and validation.
 */
import type { ServeDeps } from './serve.js';
import { serveConnection, type ServedConnection } from './serve.js';

/** The part of Node's MessagePort and Electron's MessagePortMain the transport uses. */
export interface PortLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start?(): void;
  close(): void;
}

/** Electron's MessagePortMain wraps the value as `{ data }`; Node's MessagePort does not. */
function unwrap(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'data' in value && 'ports' in value) {
    return (value as { data: unknown }).data;
  }
  return value;
}

export function serveMessagePort(deps: ServeDeps, port: PortLike): ServedConnection {
  const served = serveConnection(deps, 'message-port', (text) => port.postMessage(text));
  port.on('message', (value) => {
    const data = unwrap(value);
    // Frames are JSON text; anything else (a cloned object) is answered as a bad frame.
    served.receive(typeof data === 'string' ? data : '');
  });
  port.on('close', () => served.closed());
  port.start?.();
  return served;
}
