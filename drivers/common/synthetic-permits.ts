/**
 * Synthetic holders of the other cards an ID-card reader reads: HK/Macau/Taiwan residence
 * permits and foreigner permanent residence cards (2017 and 2023 versions). Deterministic
 * from a seed like `syntheticPerson`, with valid number formats and check characters, and
 * names built from short generic lists, so they are nobody's data. Sequence digits sit at
 * the top of their range, as in synthetic.ts.
 */
import { icaoCheckDigit } from './icao-check-digit.js';
import { idNumberCheckChar } from './identifiers.js';
import { seededRandom, syntheticPerson } from './synthetic.js';

export type SyntheticGatRegion = 'hong-kong' | 'macau' | 'taiwan';

export interface SyntheticGatHolder {
  readonly region: SyntheticGatRegion;
  /** 18 characters, prefix 810000 / 820000 / 830000, GB 11643 check character. */
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** YYYYMMDD */
  readonly birthDate: string;
  readonly address: string;
  readonly issuingAuthority: string;
  /** Number of the Mainland Travel Permit the holder uses (9 characters). */
  readonly passNumber: string;
  readonly issueCount: number;
  readonly validFrom: string;
  readonly validUntil: string;
}

export interface SyntheticForeigner {
  readonly version: 2017 | 2023;
  /** 2017: 3 letters + 12 digits; 2023: 18 characters starting with 9. */
  readonly idNumber: string;
  readonly englishName: string;
  readonly chineseName: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  /** ISO 3166 alpha-3 */
  readonly nationality: string;
  readonly validFrom: string;
  readonly validUntil: string;
  /** 2017 only: code of the issuing immigration office. */
  readonly issuingAuthorityCode: string;
  /** 2023 only. */
  readonly renewalCount: number;
}

const GAT_PREFIX: Readonly<Record<SyntheticGatRegion, string>> = {
  'hong-kong': '810000',
  macau: '820000',
  taiwan: '830000',
};
/** Mainland Travel Permit numbers: H/M + 8 digits for HK/Macau, 8 digits for Taiwan. */
const PASS_LETTER: Readonly<Record<SyntheticGatRegion, string>> = {
  'hong-kong': 'H',
  macau: 'M',
  taiwan: '',
};

/** ISO 3166 alpha-3 with numeric code. */
const NATIONALITIES = [
  ['CAN', '124'],
  ['DEU', '276'],
  ['FRA', '250'],
  ['GBR', '826'],
  ['NZL', '554'],
  ['SGP', '702'],
  ['USA', '840'],
  ['AUS', '036'],
] as const;

/** Issuing province (2 digits) and province+city office code (4 digits, GB/T 2260). */
const ISSUING_OFFICES = [
  ['11', '1100'],
  ['31', '3100'],
  ['44', '4403'],
  ['43', '4301'],
] as const;

const FOREIGN_SURNAMES = [
  ['ANDERSEN', '安德森'],
  ['BAKER', '贝克'],
  ['CARTER', '卡特'],
  ['DUBOIS', '杜波依斯'],
  ['EVANS', '埃文斯'],
  ['FISCHER', '费舍尔'],
  ['GARCIA', '加西亚'],
  ['HOLM', '霍尔姆'],
] as const;
const FOREIGN_GIVEN = [
  ['ANNA', '安娜', 'female'],
  ['BEN', '本', 'male'],
  ['CLARA', '克拉拉', 'female'],
  ['DAVID', '大卫', 'male'],
  ['EMMA', '艾玛', 'female'],
  ['FELIX', '菲利克斯', 'male'],
  ['GRACE', '格蕾丝', 'female'],
  ['HUGO', '雨果', 'male'],
] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function pickIndex(rand: () => number, length: number): number {
  return Math.floor(rand() * length);
}

/** Ten years from the issue date (adult permits and foreigner cards). */
function tenYearsFrom(yyyymmdd: string): string {
  return `${Number(yyyymmdd.slice(0, 4)) + 10}${yyyymmdd.slice(4)}`;
}

/** A HK/Macau/Taiwan residence permit holder; name, birth date and address from the seed. */
export function syntheticGatHolder(seed: number, region?: SyntheticGatRegion): SyntheticGatHolder {
  const base = syntheticPerson(seed + 20_000);
  const rand = seededRandom(seed * 6151 + 29);
  const regions: SyntheticGatRegion[] = ['hong-kong', 'macau', 'taiwan'];
  const r = region ?? regions[pickIndex(rand, regions.length)]!;
  let sequence = 900 + pickIndex(rand, 98);
  if ((sequence % 2 === 1) !== (base.sex === 'male')) sequence += 1;
  const first17 = `${GAT_PREFIX[r]}${base.birthDate}${pad(sequence, 3)}`;
  const passDigits = pad(pickIndex(rand, 100_000_000), 8);
  const issueYear = 2022 + pickIndex(rand, 4);
  const validFrom = `${issueYear}${base.birthDate.slice(4)}`;
  return {
    region: r,
    idNumber: first17 + idNumberCheckChar(first17),
    name: base.name,
    sex: base.sex,
    birthDate: base.birthDate,
    address: base.address,
    issuingAuthority: base.issuingAuthority,
    passNumber: `${PASS_LETTER[r]}${passDigits}`.slice(0, 9),
    issueCount: 1 + pickIndex(rand, 2),
    validFrom,
    // Adult permits run five years (State Council rules for the permit, 2018).
    validUntil: `${issueYear + 5}${base.birthDate.slice(4)}`,
  };
}

/** A foreigner permanent residence card holder, 2017 or 2023 version. */
export function syntheticForeigner(seed: number, version: 2017 | 2023): SyntheticForeigner {
  const rand = seededRandom(seed * 4273 + version);
  const [surname, surnameZh] = FOREIGN_SURNAMES[pickIndex(rand, FOREIGN_SURNAMES.length)]!;
  const [given, givenZh, sex] = FOREIGN_GIVEN[pickIndex(rand, FOREIGN_GIVEN.length)]!;
  const [alpha3, numeric] = NATIONALITIES[pickIndex(rand, NATIONALITIES.length)]!;
  const [province, office] = ISSUING_OFFICES[pickIndex(rand, ISSUING_OFFICES.length)]!;
  const birthDate = `${1960 + pickIndex(rand, 40)}${pad(1 + pickIndex(rand, 12), 2)}${pad(1 + pickIndex(rand, 28), 2)}`;
  const issueYear = version === 2017 ? 2017 + pickIndex(rand, 6) : 2024 + pickIndex(rand, 2);
  const validFrom = `${issueYear}${pad(1 + pickIndex(rand, 12), 2)}${pad(1 + pickIndex(rand, 28), 2)}`;
  // Last sequence digit: odd for men, even for women, as in the citizen ID number.
  let sexDigit = 8;
  if (sex === 'male') sexDigit = 9;

  let idNumber: string;
  if (version === 2017) {
    const body = `${alpha3}${office}${birthDate.slice(2)}${sexDigit}`;
    idNumber = body + icaoCheckDigit(body);
  } else {
    const first17 = `9${province}${numeric}${birthDate}9${pickIndex(rand, 10)}${sexDigit}`;
    idNumber = first17 + idNumberCheckChar(first17);
  }
  return {
    version,
    idNumber,
    englishName: `${surname}, ${given}`,
    chineseName: seed % 3 === 2 ? '' : `${givenZh}·${surnameZh}`,
    sex,
    birthDate,
    nationality: alpha3,
    validFrom,
    validUntil: tenYearsFrom(validFrom),
    issuingAuthorityCode: office,
    renewalCount: pickIndex(rand, 3),
  };
}
