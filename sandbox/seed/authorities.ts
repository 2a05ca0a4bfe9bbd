/**
 * Synthetic public bodies: the ministries that define license types and the county agencies
 * that issue licenses and decide items. Their unified social credit codes are generated with
 * valid check characters (GB 32100 with the GB 11714 organisation code inside) from fixed
 * organisation-code bodies, so they are stable across runs and belong to no real body.
 */
import { creditCodeCheckChar, orgCodeCheckChar } from '../../drivers/common/identifiers.js';
import { SYNTHETIC_REGIONS } from '../../drivers/common/synthetic.js';
import type { LocalizedText } from '../types.js';

/**
 * GB 32100 position 1-2 for government bodies: registration authority "1" (机构编制) and
 * type "1" (机关).
 */
const GOVERNMENT_BODY_PREFIX = '11';

/** A credit code for a public body in `regionCode` with the 8-digit organisation body given. */
export function publicBodyCreditCode(regionCode: string, orgBody8: string): string {
  const first17 = `${GOVERNMENT_BODY_PREFIX}${regionCode}${orgBody8}${orgCodeCheckChar(orgBody8)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** National level: region code 100000 (中华人民共和国). */
const NATIONAL_REGION = '100000';

export const MINISTRIES = {
  publicSecurity: {
    name: { 'zh-CN': '公安部', en: 'Ministry of Public Security' },
    creditCode: publicBodyCreditCode(NATIONAL_REGION, '90000101'),
  },
  transport: {
    name: { 'zh-CN': '交通运输部', en: 'Ministry of Transport' },
    creditCode: publicBodyCreditCode(NATIONAL_REGION, '90000102'),
  },
  emergency: {
    name: { 'zh-CN': '应急管理部', en: 'Ministry of Emergency Management' },
    creditCode: publicBodyCreditCode(NATIONAL_REGION, '90000103'),
  },
  marketRegulation: {
    name: { 'zh-CN': '国家市场监督管理总局', en: 'State Administration for Market Regulation' },
    creditCode: publicBodyCreditCode(NATIONAL_REGION, '90000104'),
  },
} as const;

export type AgencyKind = 'psb' | 'transport' | 'emergency' | 'market';

const AGENCY_NAMES: Record<AgencyKind, { zh: string; en: string; org: string }> = {
  psb: { zh: '公安局', en: 'Public Security Bureau', org: '8100' },
  transport: { zh: '交通运输局', en: 'Transport Bureau', org: '8200' },
  emergency: { zh: '应急管理局', en: 'Emergency Management Bureau', org: '8300' },
  market: { zh: '市场监督管理局', en: 'Market Regulation Bureau', org: '8400' },
};

export interface Agency {
  readonly kind: AgencyKind;
  readonly regionCode: string;
  readonly name: LocalizedText;
  readonly creditCode: string;
}

const ENGLISH_REGION_NAMES: Record<string, string> = {
  '430181': 'Liuyang',
  '360321': 'Lianhua County, Pingxiang',
  '110105': 'Chaoyang District, Beijing',
  '440304': 'Futian District, Shenzhen',
  '330106': 'Xihu District, Hangzhou',
};

/** Regions the sandbox knows by name: the synthetic cast's regions plus Shangli county. */
export const REGIONS: readonly { code: string; zh: string; en: string }[] = [
  { code: '360322', zh: '萍乡市上栗县', en: 'Shangli County, Pingxiang' },
  ...SYNTHETIC_REGIONS.map((r) => ({
    code: r.code,
    zh: r.name.replace(/^.*?省/, ''),
    en: ENGLISH_REGION_NAMES[r.code] ?? `Region ${r.code}`,
  })),
];

export function regionName(code: string): { zh: string; en: string } {
  const found = REGIONS.find((r) => r.code === code);
  return found ?? { zh: `行政区划${code}`, en: `Region ${code}` };
}

/** The county agency of a kind in a region (PSB, transport, emergency management, market). */
export function agency(kind: AgencyKind, regionCode: string): Agency {
  const names = AGENCY_NAMES[kind];
  const region = regionName(regionCode);
  return {
    kind,
    regionCode,
    name: { 'zh-CN': `${region.zh}${names.zh}`, en: `${region.en} ${names.en}` },
    creditCode: publicBodyCreditCode(regionCode, `${names.org}${regionCode.slice(2)}`.slice(0, 8)),
  };
}
