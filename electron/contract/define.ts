/** Helpers to declare methods and events with their schemas and the roles that may use them. */
import type { z } from 'zod';
import type { Role } from './protocol.js';

export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** Roles allowed to call this method. */
  readonly roles: readonly Role[];
  /** Strict schema of the params object. */
  readonly params: P;
  /** Schema of the success value; the dispatcher validates every answer against it. */
  readonly result: R;
  /** One line for docs/rpc.md. */
  readonly summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  /** Roles whose connections receive this event. */
  readonly roles: readonly Role[];
  readonly payload: P;
  readonly summary: string;
}

export type MethodTable = Record<string, MethodSpec>;
export type EventTable = Record<string, EventSpec>;

export const ALL_ROLES: readonly Role[] = ['applicant', 'staff', 'technician'];
export const STAFF_ROLES: readonly Role[] = ['staff', 'technician'];
export const TECHNICIAN_ONLY: readonly Role[] = ['technician'];

export function method<P extends z.ZodType, R extends z.ZodType>(
  spec: MethodSpec<P, R>,
): MethodSpec<P, R> {
  return spec;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}
