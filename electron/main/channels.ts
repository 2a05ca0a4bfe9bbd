/**
 * Names and message shapes shared by Electron main, the preload and the service's utility
 * process. This file imports nothing (no zod, no Electron): the sandboxed preload bundles it,
 * and every import here would grow the preload bundle (a top-level zod schema is a side
 * effect the bundler cannot drop).
 */

/** ipc channel main -> preload carrying one MessagePort to the service (in `event.ports`). */
export const KIOSK_PORT_CHANNEL = 'kiosk:port';

/** ipc channel preload -> main: the renderer asks for a fresh port (after a service restart). */
export const REQUEST_PORT_CHANNEL = 'kiosk:request-port';

/**
 * `window.postMessage` data the preload uses to hand the port to the page's main world; the
 * renderer listens for a `message` event whose `data` is this string and takes `event.ports[0]`.
 */
export const KIOSK_PORT_WINDOW_MESSAGE = 'kiosk:port';

/** ipc channel main -> preload: staff pressed the staff chord (no payload). */
export const STAFF_CHORD_CHANNEL = 'kiosk:staff-chord';

/**
 * `window.postMessage` data the preload posts when staff pressed the staff chord; the renderer
 * opens its staff sign-in screen. It grants nothing: signing in is checked by the service.
 */
export const STAFF_CHORD_WINDOW_MESSAGE = 'kiosk:staff-chord';

/** Name of the frozen object the preload exposes on `window`. */
export const KIOSK_BRIDGE_KEY = 'kiosk';

/** main -> service: a new renderer connection; the port arrives in the message's transfer list. */
export interface ConnectRendererMessage {
  readonly type: 'connect-renderer';
  /** Random id for logs on both sides; it carries no authority. */
  readonly connectionId: string;
}

/**
 * main -> service: the outbox key that main unwrapped with safeStorage (base64 of 32 bytes).
 * Sent as the first message after every spawn, and only to a service started with
 * `OUTBOX_KEY_FROM_MAIN_FLAG`; such a service waits for it before it opens the outbox.
 */
export interface OutboxKeyMessage {
  readonly type: 'outbox-key';
  readonly key: string;
}

/** Service argv flag: the outbox key arrives from main (`outbox-key` message), not a file. */
export const OUTBOX_KEY_FROM_MAIN_FLAG = '--outbox-key-from-main';

/** Messages main sends to the service utility process over `child.postMessage`. */
export type MainToServiceMessage = ConnectRendererMessage | OutboxKeyMessage;

/**
 * service -> main: staff signed in and asked to quit the kiosk application. Only the service
 * checks staff credentials; main trusts this message because it comes from its own child's
 * parentPort, which the renderer cannot reach.
 */
export interface StaffQuitAuthorisedMessage {
  readonly type: 'staff-quit-authorised';
}

/** service -> main: the service finished starting and accepts renderer connections. */
export interface ServiceReadyMessage {
  readonly type: 'service-ready';
}

/** Messages main accepts from the service utility process (`process.parentPort.postMessage`). */
export type ServiceToMainMessage = StaffQuitAuthorisedMessage | ServiceReadyMessage;

const SERVICE_TO_MAIN_TYPES: ReadonlySet<string> = new Set<ServiceToMainMessage['type']>([
  'staff-quit-authorised',
  'service-ready',
]);

/** Narrows an untyped utility-process message; anything else is ignored (and logged) by main. */
export function isServiceToMainMessage(value: unknown): value is ServiceToMainMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type: unknown = (value as { type?: unknown }).type;
  return typeof type === 'string' && SERVICE_TO_MAIN_TYPES.has(type);
}

/**
 * Exit code of a service that was asked to restart (a technician's "restart service"):
 * EX_TEMPFAIL from sysexits.h. The supervisor restarts it at once and logs it as requested,
 * not as a crash.
 */
export const SERVICE_RESTART_EXIT_CODE = 75;
