/** A renderer connection as the dispatcher sees it, whatever transport carries it. */
import type { Role } from '../../contract/protocol.js';

export interface Connection {
  readonly id: string;
  readonly transport: 'websocket' | 'message-port' | 'in-process';
  /** Starts as `applicant`; sign-in raises it until `roleExpiresAt`. */
  role: Role;
  /** Epoch ms when a raised role falls back to `applicant`. */
  roleExpiresAt?: number;
}

let counter = 0;

export function newConnection(transport: Connection['transport']): Connection {
  counter++;
  return { id: `c${counter}-${Date.now().toString(36)}`, transport, role: 'applicant' };
}

/** The role in force now: a raised role that has expired falls back to `applicant`. */
export function effectiveRole(connection: Connection, now = Date.now()): Role {
  if (
    connection.role !== 'applicant' &&
    connection.roleExpiresAt !== undefined &&
    now >= connection.roleExpiresAt
  ) {
    connection.role = 'applicant';
    delete connection.roleExpiresAt;
  }
  return connection.role;
}
