/**
 * Synthetic people and enterprises for simulators, the sandbox API, fixtures and benchmarks.
 * Deterministic from a seed, so the ID-card simulator and the sandbox agree on who exists.
 * Every identifier has a valid check character; names are drawn from common characters and
 * are not anyone's data. Sequence numbers start at 900 so generated numbers sit in a range no
 * real issuing office uses for a given day.
 */
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  idNumberCheckChar,
  orgCodeCheckChar,
} from './identifiers.js';

/** mulberry32: a tiny seeded PRNG; good enough for fixtures, not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
const SURNAMES_PINYIN = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
  'Hu',
  'Zhu',
  'Gao',
  'Lin',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
];
const GIVEN_PINYIN = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Qiang',
  'Lei',
  'Yang',
  'Yan',
  'Yong',
  'Jun',
  'Jie',
  'Juan',
  'Tao',
  'Ming',
  'Chao',
  'Xia',
  'Ping',
  'Gang',
  'Guiying',
];

/** County-level region codes (GB/T 2260) with the issuing authority's name. */
export const SYNTHETIC_REGIONS = [
  { code: '430181', name: '湖南省浏阳市', authority: '浏阳市公安局' },
  { code: '360321', name: '江西省萍乡市莲花县', authority: '莲花县公安局' },
  { code: '110105', name: '北京市朝阳区', authority: '北京市公安局朝阳分局' },
  { code: '440304', name: '广东省深圳市福田区', authority: '深圳市公安局福田分局' },
  { code: '330106', name: '浙江省杭州市西湖区', authority: '杭州市公安局西湖区分局' },
] as const;

export interface SyntheticPerson {
  readonly idNumber: string;
  readonly name: string;
  readonly namePinyin: string;
  readonly sex: 'male' | 'female';
  /** YYYYMMDD */
  readonly birthDate: string;
  readonly regionCode: string;
  readonly address: string;
  readonly issuingAuthority: string;
  /** YYYYMMDD */
  readonly validFrom: string;
  /** YYYYMMDD, or `long-term` for holders over 45 at issue (GB/T 2260 practice). */
  readonly validUntil: string;
  /** Two-digit nation code of GB 3304 (01 = Han). */
  readonly nationCode: string;
  readonly phone: string;
}

export interface SyntheticEnterprise {
  readonly creditCode: string;
  readonly name: string;
  readonly nameEn: string;
  readonly legalRepresentative: SyntheticPerson;
  readonly address: string;
  readonly regionCode: string;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function syntheticPerson(seed: number): SyntheticPerson {
  const rand = seededRandom(seed * 7919 + 17);
  const region = pick(rand, SYNTHETIC_REGIONS);
  const surnameIndex = Math.floor(rand() * SURNAMES.length);
  const givenIndex = Math.floor(rand() * GIVEN.length);
  const year = 1960 + Math.floor(rand() * 45);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const birthDate = `${year}${pad(month, 2)}${pad(day, 2)}`;
  const sex: 'male' | 'female' = rand() < 0.5 ? 'male' : 'female';
  // Sequence 900..998 with parity carrying the sex (odd = male).
  let sequence = 900 + Math.floor(rand() * 98);
  if ((sequence % 2 === 1) !== (sex === 'male')) sequence += 1;
  const first17 = `${region.code}${birthDate}${pad(sequence, 3)}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const issueYear = Math.max(year + 18, 2016) + Math.floor(rand() * 8);
  const validFrom = `${issueYear}${pad(month, 2)}${pad(day, 2)}`;
  const ageAtIssue = issueYear - year;
  const validUntil =
    ageAtIssue > 45
      ? 'long-term'
      : `${issueYear + (ageAtIssue < 26 ? 10 : 20)}${pad(month, 2)}${pad(day, 2)}`;
  return {
    idNumber,
    name: SURNAMES[surnameIndex]! + GIVEN[givenIndex]!,
    namePinyin: `${SURNAMES_PINYIN[surnameIndex]!} ${GIVEN_PINYIN[givenIndex]!}`,
    sex,
    birthDate,
    regionCode: region.code,
    address: `${region.name}示例路${1 + Math.floor(rand() * 200)}号`,
    issuingAuthority: region.authority,
    validFrom,
    validUntil,
    nationCode: '01',
    phone: `1990000${pad(Math.floor(rand() * 10000), 4)}`,
  };
}

const ENTERPRISE_KINDS = [
  { zh: '烟花爆竹有限公司', en: 'Fireworks Co., Ltd.' },
  { zh: '危险货物运输有限公司', en: 'Dangerous Goods Transport Co., Ltd.' },
  { zh: '烟花爆竹批发有限公司', en: 'Fireworks Wholesale Co., Ltd.' },
  { zh: '物流有限公司', en: 'Logistics Co., Ltd.' },
] as const;
const TRADE_NAMES = ['红星', '金龙', '华盛', '东方', '瑞丰', '恒通', '顺达', '鸿运'];
const TRADE_NAMES_EN = [
  'Hongxing',
  'Jinlong',
  'Huasheng',
  'Dongfang',
  'Ruifeng',
  'Hengtong',
  'Shunda',
  'Hongyun',
];

export function syntheticEnterprise(seed: number): SyntheticEnterprise {
  const rand = seededRandom(seed * 104729 + 3);
  const region = pick(rand, SYNTHETIC_REGIONS);
  const kind = pick(rand, ENTERPRISE_KINDS);
  const trade = Math.floor(rand() * TRADE_NAMES.length);
  // Organisation code: 8 chars from the USCC charset (digits keep the GB 11714 check simple),
  // then its own check char; a check of 'X' is also in the USCC charset.
  let orgBody = '';
  for (let i = 0; i < 8; i++) orgBody += String(Math.floor(rand() * 10));
  const orgCode = orgBody + orgCodeCheckChar(orgBody);
  const first17 = `91${region.code}${orgCode}`;
  if (first17.length !== 17 || [...first17].some((c) => !CREDIT_CODE_CHARSET.includes(c))) {
    throw new Error(`syntheticEnterprise: bad credit code body ${first17}`);
  }
  const creditCode = first17 + creditCodeCheckChar(first17);
  const city = region.name.replace(/^.*?省|^.*?市/, '').replace(/[市县区]$/, '');
  return {
    creditCode,
    name: `${city}${TRADE_NAMES[trade]!}${kind.zh}`,
    nameEn: `${TRADE_NAMES_EN[trade]!} ${kind.en}`,
    legalRepresentative: syntheticPerson(seed + 10_000),
    address: `${region.name}工业园${1 + Math.floor(rand() * 80)}号`,
    regionCode: region.code,
  };
}

/** The demo cast: the same people the sandbox API knows and the ID-card simulator carries. */
export const DEMO_PEOPLE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const DEMO_ENTERPRISE_SEEDS = [1, 2, 3, 4] as const;
