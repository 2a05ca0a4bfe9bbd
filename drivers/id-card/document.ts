/**
 * The identity documents an ID-card reader returns, as typed values. These are what the
 * driver emits and what the service puts into the applicant session.
 */
import type { GatRegion } from './id-numbers.js';

export const DOCUMENT_TYPES = [
  'resident',
  'gat-residence-permit',
  'foreigner-permanent-2017',
  'foreigner-permanent-2023',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** GB/T 2261.1 sex codes: 1 male, 2 female, 0 not known, 9 not specified. */
export type Sex = 'male' | 'female' | 'unknown' | 'unspecified';

/** YYYYMMDD, or `long-term` (长期) for cards without an end date. */
export type ValidUntil = string;
export const LONG_TERM = 'long-term';

interface DocumentCommon {
  readonly documentType: DocumentType;
  /**
   * The name to greet the holder by: the Chinese name, or for foreigners without one the
   * English name.
   */
  readonly name: string;
  readonly sex: Sex;
  /** YYYYMMDD */
  readonly birthDate: string;
  /** ID number, residence permit number or permanent residence number. */
  readonly idNumber: string;
  /** YYYYMMDD */
  readonly validFrom: string;
  readonly validUntil: ValidUntil;
}

export interface ResidentIdCard extends DocumentCommon {
  readonly documentType: 'resident';
  /** Two-digit GB 3304 code. */
  readonly nationCode: string;
  /** Chinese name of the nation (民族). */
  readonly nation: string;
  readonly address: string;
  readonly issuingAuthority: string;
}

/** 港澳台居民居住证 */
export interface GatResidencePermit extends DocumentCommon {
  readonly documentType: 'gat-residence-permit';
  readonly region: GatRegion;
  readonly address: string;
  readonly issuingAuthority: string;
  /** Number of the Mainland Travel Permit (通行证) the holder uses. */
  readonly passNumber: string;
  /** How many times this permit has been issued. */
  readonly issueCount: number;
}

/** 外国人永久居留身份证, 2017 version. */
export interface ForeignerPermanent2017 extends DocumentCommon {
  readonly documentType: 'foreigner-permanent-2017';
  readonly englishName: string;
  /** Empty when the holder has no Chinese name. */
  readonly chineseName: string;
  /** ISO 3166 alpha-3 code. */
  readonly nationality: string;
  readonly cardVersion: string;
  /** Code of the issuing immigration office. */
  readonly issuingAuthorityCode: string;
}

/** 外国人永久居留身份证, 2023 version (issued since 2023-12-01). */
export interface ForeignerPermanent2023 extends DocumentCommon {
  readonly documentType: 'foreigner-permanent-2023';
  readonly englishName: string;
  readonly chineseName: string;
  /** ISO 3166 alpha-3 code. */
  readonly nationality: string;
  readonly renewalCount: number;
  /** Reference to the holder's earlier 15-character number; empty when none. */
  readonly previousNumberLink: string;
}

export type IdentityDocument =
  ResidentIdCard | GatResidencePermit | ForeignerPermanent2017 | ForeignerPermanent2023;

/** The greeting name of a foreigner's card: Chinese name when present, else English. */
export function foreignerDisplayName(chineseName: string, englishName: string): string {
  return chineseName.length > 0 ? chineseName : englishName;
}
