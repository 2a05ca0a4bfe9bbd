/**
 * Wire protocol shared by both transports (MessagePort under Electron, WebSocket in the browser
 * host). Zod-free so the renderer bundle stays small; the schemas live in `schema.ts`.
 *
 * Every frame is one JSON text:
 *   renderer -> service  {"type":"call","id":7,"method":"devices.list","params":{}}
 *   service -> renderer  {"type":"result","id":7,"result":{"ok":true,"value":[...]}}
 *   service -> renderer  {"type":"event","seq":12,"event":"devices.status","payload":{...}}
 *   service -> renderer  {"type":"welcome","connectionId":"c1","role":"applicant"}
 */

export const ROLES = ['applicant', 'staff', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/** Stable error codes of the transport and dispatcher; domains add their own `E_*` codes. */
export const ERROR_CODES = {
  /** The frame is not JSON or not a call frame. */
  BAD_FRAME: 'E_BAD_FRAME',
  /** The frame is larger than the payload cap. */
  TOO_LARGE: 'E_TOO_LARGE',
  /** No such method (own properties of the contract only). */
  METHOD: 'E_METHOD',
  /** The params did not match the method's schema. */
  PARAMS: 'E_PARAMS',
  /** The connection's role may not call this method. */
  ROLE: 'E_ROLE',
  /** The handler failed unexpectedly; the details are in the service log. */
  INTERNAL: 'E_INTERNAL',
  /** The handler produced a value that breaks the contract; logged, never sent. */
  OUTPUT: 'E_OUTPUT',
  /** The service is not reachable right now (client side only). */
  UNAVAILABLE: 'E_UNAVAILABLE',
  /** No answer within the client's call timeout (client side only). */
  TIMEOUT: 'E_TIMEOUT',
} as const;

export interface WireError {
  /** `E_*` code; stable across versions, so the renderer can choose a screen by it. */
  readonly code: string;
  /** English, for logs and technicians. Applicant-facing text comes from the renderer's i18n. */
  readonly message: string;
  /** JSON-safe details, e.g. the failing field paths of `E_PARAMS`. */
  readonly details?: unknown;
}

export type WireResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

export interface CallFrame {
  readonly type: 'call';
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
}

export interface ResultFrame {
  readonly type: 'result';
  /** null when the call frame was too broken to carry an id. */
  readonly id: number | null;
  readonly result: WireResult<unknown>;
}

export interface EventFrame {
  readonly type: 'event';
  /** Per-connection sequence number starting at 1; the client delivers events in this order. */
  readonly seq: number;
  readonly event: string;
  readonly payload: unknown;
}

export interface WelcomeFrame {
  readonly type: 'welcome';
  readonly connectionId: string;
  readonly role: Role;
}

export type ServerFrame = ResultFrame | EventFrame | WelcomeFrame;

/** Largest frame either side accepts, bytes of UTF-8. Scanned pages never travel as frames. */
export const MAX_FRAME_BYTES = 256 * 1024;

export function wireOk<T>(value: T): WireResult<T> {
  return { ok: true, value };
}

export function wireErr(
  code: string,
  message: string,
  details?: unknown,
): { ok: false; error: WireError } {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  };
}
