/**
 * Service module of the barcode family: builds the driver from `devices.barcode` in the config.
 * No barcode driver is in this build yet, so the family is reported as "not-configured".
 */
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';

export type BarcodeFamily = FamilyModule;

export function createBarcodeFamily(_ctx: FamilyContext): BarcodeFamily {
  return unconfiguredFamily('barcode');
}
