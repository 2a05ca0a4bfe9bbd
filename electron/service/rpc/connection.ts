/** A renderer connection as the dispatcher sees it, whatever transport carries it. */
import type { Role } from '../../contract/protocol.js';

export interface Connection {
  readonly id: string;
  readonly transport: 'websocket' | 'message-port' | 'in-process';
  /** Starts as `applicant`; sign-in raises it until `roleExpiresAt`. */
  role: Role;
  /** Epoch ms when a raised role falls back to `applicant`. */
  roleExpiresAt?: number;
  /** Epoch ms when the role was raised; a clock set back before it ends the raised role. */
  roleGrantedAt?: number;
}

let counter = 0;

export function newConnection(transport: Connection['transport']): Connection {
  counter++;
  return { id: `c${counter}-${Date.now().toString(36)}`, transport, role: 'applicant' };
}

/**
 * The role in force now: a raised role that has expired falls back to `applicant`. So does one
 * whose grant lies in the future, because the clock was set back: otherwise setting the clock
 * back would lengthen a staff sign-in.
 */
export function effectiveRole(connection: Connection, now = Date.now()): Role {
  if (connection.role === 'applicant') return connection.role;
  const expired = connection.roleExpiresAt !== undefined && now >= connection.roleExpiresAt;
  const clockWentBack = connection.roleGrantedAt !== undefined && now < connection.roleGrantedAt;
  if (expired || clockWentBack) {
    connection.role = 'applicant';
    delete connection.roleExpiresAt;
    delete connection.roleGrantedAt;
  }
  return connection.role;
}
