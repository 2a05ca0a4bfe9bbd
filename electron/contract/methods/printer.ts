/**
 * Methods and events of the printer family. Empty until the printer issue lands; the device hub
 * reports the family as "not-configured" meanwhile.
 */
import type { EventTable, MethodTable } from '../define.js';

export const printerMethods = {} as const satisfies MethodTable;

export const printerEvents = {} as const satisfies EventTable;
