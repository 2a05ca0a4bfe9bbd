/**
 * Methods and events of the barcode family. Empty until the barcode issue lands; the device hub
 * reports the family as "not-configured" meanwhile.
 */
import type { EventTable, MethodTable } from '../define.js';

export const barcodeMethods = {} as const satisfies MethodTable;

export const barcodeEvents = {} as const satisfies EventTable;
