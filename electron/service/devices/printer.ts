/**
 * Service module of the printer family: builds the driver from `devices.printer` in the config.
 * No printer driver is in this build yet, so the family is reported as "not-configured".
 */
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';

export type PrinterFamily = FamilyModule;

export function createPrinterFamily(_ctx: FamilyContext): PrinterFamily {
  return unconfiguredFamily('printer');
}
