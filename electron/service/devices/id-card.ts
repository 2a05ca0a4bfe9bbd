/**
 * Service module of the id-card family: builds the driver from `devices.idCard` in the config.
 * No id-card driver is in this build yet, so the family is reported as "not-configured".
 */
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';

export type IdCardFamily = FamilyModule;

export function createIdCardFamily(_ctx: FamilyContext): IdCardFamily {
  return unconfiguredFamily('idCard');
}
