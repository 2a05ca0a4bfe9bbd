/**
 * Result unions for everything a person can cause (card pulled, paper out, bad input).
 * Programmer errors still throw; these never cross a transport as exceptions.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

/** An error a driver reports: a stable code plus a message for logs and technicians. */
export interface DeviceError {
  readonly code: string;
  readonly message: string;
}

export function deviceError(code: string, message: string): Err<DeviceError> {
  return err({ code, message });
}
