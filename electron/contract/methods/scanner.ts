/**
 * Methods and events of the scanner family. Empty until the scanner issue lands; the device hub
 * reports the family as "not-configured" meanwhile.
 */
import type { EventTable, MethodTable } from '../define.js';

export const scannerMethods = {} as const satisfies MethodTable;

export const scannerEvents = {} as const satisfies EventTable;
