/**
 * License types the sandbox's license library holds. `code` is the name items use in
 * `MaterialSource.licenseTypes`; `typeCode` is the GB/T 36904 type code (defining ministry's
 * credit code + three digits) that goes into each e-license identifier.
 */
import { MINISTRIES } from './authorities.js';
import type { AgencyKind } from './authorities.js';
import type { HolderType, LocalizedText } from '../types.js';

export interface LicenseType {
  readonly code: string;
  readonly typeCode: string;
  readonly name: LocalizedText;
  readonly holderType: HolderType;
  /** Which county agency issues it. */
  readonly issuedBy: AgencyKind;
  /** Term of a freshly issued license, years; undefined = no end date. */
  readonly termYears?: number;
  /** The item that renews it, for "about to expire" recommendations. */
  readonly renewalItem?: string;
}

function typeCode(ministry: keyof typeof MINISTRIES, serial: number): string {
  return `${MINISTRIES[ministry].creditCode}${String(serial).padStart(3, '0')}`;
}

export const LICENSE_TYPES: readonly LicenseType[] = [
  {
    code: 'BUSINESS_LICENSE',
    typeCode: typeCode('marketRegulation', 1),
    name: { 'zh-CN': '营业执照', en: 'Business license' },
    holderType: 'ENTERPRISE',
    issuedBy: 'market',
  },
  {
    code: 'FIREWORKS_PRODUCTION_LICENSE',
    typeCode: typeCode('emergency', 11),
    name: { 'zh-CN': '烟花爆竹安全生产许可证', en: 'Fireworks safe production license' },
    holderType: 'ENTERPRISE',
    issuedBy: 'emergency',
    termYears: 3,
  },
  {
    code: 'FIREWORKS_WHOLESALE_LICENSE',
    typeCode: typeCode('emergency', 12),
    name: { 'zh-CN': '烟花爆竹经营（批发）许可证', en: 'Fireworks trading license (wholesale)' },
    holderType: 'ENTERPRISE',
    issuedBy: 'emergency',
    termYears: 3,
    renewalItem: 'FW-WHOLESALE-LICENSE',
  },
  {
    code: 'FIREWORKS_RETAIL_LICENSE',
    typeCode: typeCode('emergency', 13),
    name: { 'zh-CN': '烟花爆竹经营（零售）许可证', en: 'Fireworks trading license (retail)' },
    holderType: 'PERSON',
    issuedBy: 'emergency',
    termYears: 1,
    renewalItem: 'FW-RETAIL-LICENSE',
  },
  {
    code: 'DG_TRANSPORT_OPERATION_LICENSE',
    typeCode: typeCode('transport', 21),
    name: {
      'zh-CN': '道路运输经营许可证（危险货物）',
      en: 'Road transport operation license (dangerous goods)',
    },
    holderType: 'ENTERPRISE',
    issuedBy: 'transport',
    termYears: 4,
    renewalItem: 'DG-ROAD-TRANSPORT-OPERATION',
  },
  {
    code: 'VEHICLE_ROAD_TRANSPORT_CERT',
    typeCode: typeCode('transport', 22),
    name: { 'zh-CN': '道路运输证', en: 'Vehicle road transport certificate' },
    holderType: 'ENTERPRISE',
    issuedBy: 'transport',
    termYears: 2,
    renewalItem: 'VEHICLE-ROAD-TRANSPORT-CERT',
  },
  {
    code: 'DG_PRACTITIONER_QUALIFICATION',
    typeCode: typeCode('transport', 23),
    name: {
      'zh-CN': '道路危险货物运输从业资格证',
      en: 'Dangerous goods road transport qualification certificate',
    },
    holderType: 'PERSON',
    issuedBy: 'transport',
    termYears: 6,
    renewalItem: 'DG-PRACTITIONER-QUALIFICATION',
  },
  {
    code: 'FOOD_BUSINESS_LICENSE',
    typeCode: typeCode('marketRegulation', 2),
    name: { 'zh-CN': '食品经营许可证', en: 'Food business license' },
    holderType: 'ENTERPRISE',
    issuedBy: 'market',
    termYears: 5,
    renewalItem: 'FOOD-BUSINESS-LICENSE',
  },
  {
    // An enterprise's electronic authorisation of a person to act for it (电子授权委托书);
    // `data.agentIdNumber` names the agent.
    code: 'AGENT_AUTHORISATION',
    typeCode: typeCode('marketRegulation', 3),
    name: { 'zh-CN': '授权委托书', en: 'Authorisation of an agent' },
    holderType: 'ENTERPRISE',
    issuedBy: 'market',
    termYears: 1,
  },
  {
    code: 'FIREWORKS_ROAD_TRANSPORT_PERMIT',
    typeCode: typeCode('publicSecurity', 31),
    name: { 'zh-CN': '烟花爆竹道路运输许可证', en: 'Fireworks road transport permit' },
    holderType: 'ENTERPRISE',
    issuedBy: 'psb',
  },
];

export function licenseType(code: string): LicenseType {
  const found = LICENSE_TYPES.find((t) => t.code === code);
  if (!found) throw new Error(`unknown license type ${code}`);
  return found;
}
