/**
 * Methods and events of the id-card family. Empty until the id-card issue lands; the device hub
 * reports the family as "not-configured" meanwhile.
 */
import type { EventTable, MethodTable } from '../define.js';

export const idCardMethods = {} as const satisfies MethodTable;

export const idCardEvents = {} as const satisfies EventTable;
