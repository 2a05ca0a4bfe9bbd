/**
 * Service module of the scanner family: builds the driver from `devices.scanner` in the config.
 * No scanner driver is in this build yet, so the family is reported as "not-configured".
 */
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';

export type ScannerFamily = FamilyModule;

export function createScannerFamily(_ctx: FamilyContext): ScannerFamily {
  return unconfiguredFamily('scanner');
}
