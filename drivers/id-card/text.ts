/**
 * The 256-byte text block of a card read (UCS-2 little-endian, padded with spaces), for all
 * four card variants. The variant is told apart by the character at byte offset 248: a space
 * or NUL for the resident ID card, `J` for the HK/Macau/Taiwan residence permit, `I` for the
 * 2017 and `Y` for the 2023 foreigner permanent residence card. Layouts are data below:
 * `[byte offset, length in UCS-2 characters]`.
 */
import { isValidCalendarDate } from '../common/identifiers.js';
import { err, ok, type Result } from '../common/result.js';
import { TEXT_BLOCK_BYTES } from './codec.js';
import {
  foreignerDisplayName,
  LONG_TERM,
  type DocumentType,
  type IdentityDocument,
  type Sex,
} from './document.js';
import {
  checkForeigner2017Number,
  checkForeigner2023Number,
  checkGatPermitNumber,
  checkResidentNumber,
} from './id-numbers.js';
import { nationName } from './nations.js';

type Field = readonly [offsetBytes: number, chars: number];

/** Byte offset of the card-variant flag character. */
export const VARIANT_FLAG_OFFSET = 248;
const VARIANT_FLAG: Field = [VARIANT_FLAG_OFFSET, 1];

/** Flag character per variant; the resident card leaves the position blank. */
export const VARIANT_FLAGS: Readonly<Record<DocumentType, string>> = {
  resident: ' ',
  'gat-residence-permit': 'J',
  'foreigner-permanent-2017': 'I',
  'foreigner-permanent-2023': 'Y',
};

/** Resident ID card (GA 467 layout as published by reader vendors). */
const RESIDENT = {
  name: [0, 15],
  sex: [30, 1],
  nation: [32, 2],
  birthDate: [36, 8],
  address: [52, 35],
  idNumber: [122, 18],
  issuingAuthority: [158, 15],
  validFrom: [188, 8],
  validUntil: [204, 8],
} as const satisfies Record<string, Field>;

/** HK/Macau/Taiwan residence permit: the resident layout, nation blank, pass data at 220. */
const { nation: _blankOnPermits, ...RESIDENT_WITHOUT_NATION } = RESIDENT;
const GAT = {
  ...RESIDENT_WITHOUT_NATION,
  passNumber: [220, 9],
  issueCount: [238, 2],
} as const satisfies Record<string, Field>;

/** Foreigner permanent residence card, 2017. */
const FOREIGNER_2017 = {
  englishName: [0, 60],
  sex: [120, 1],
  idNumber: [122, 15],
  nationality: [152, 3],
  chineseName: [158, 15],
  validFrom: [188, 8],
  validUntil: [204, 8],
  birthDate: [220, 8],
  cardVersion: [236, 2],
  issuingAuthorityCode: [240, 4],
} as const satisfies Record<string, Field>;

/** Foreigner permanent residence card, 2023: resident offsets for name, dates and number. */
const FOREIGNER_2023 = {
  chineseName: [0, 15],
  sex: [30, 1],
  renewalCount: [32, 2],
  birthDate: [36, 8],
  englishName1: [52, 35],
  idNumber: [122, 18],
  validFrom: [188, 8],
  validUntil: [204, 8],
  englishName2: [220, 11],
  nationality: [242, 3],
  previousNumberLink: [250, 3],
} as const satisfies Record<string, Field>;

/** The long-term validity text printed instead of an end date. */
const LONG_TERM_TEXT = '长期';

const SEX_BY_CODE: Readonly<Record<string, Sex>> = {
  '1': 'male',
  '2': 'female',
  '0': 'unknown',
  '9': 'unspecified',
};
const CODE_BY_SEX: Readonly<Record<Sex, string>> = {
  male: '1',
  female: '2',
  unknown: '0',
  unspecified: '9',
};

/**
 * Messages name the field and the rule, never the value: they reach technician logs, and
 * every field of the block is personal data (the variant flag is the one exception).
 */
export interface TextBlockError {
  /** The field that failed, e.g. `idNumber`, `validUntil`, `variant`. */
  readonly field: string;
  readonly message: string;
}

// ---- Reading -----------------------------------------------------------------------------

const utf16 = new TextDecoder('utf-16le');

/** Padding is spaces on most cards; some readers and older cards leave NULs instead. */
function rawField(block: Uint8Array, [offset, chars]: Field): string {
  return utf16.decode(block.subarray(offset, offset + chars * 2)).replaceAll('\u0000', ' ');
}

function readField(block: Uint8Array, field: Field): string {
  return rawField(block, field).trim();
}

function readAll<K extends string>(block: Uint8Array, layout: Record<K, Field>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(layout) as K[]) out[key] = readField(block, layout[key]);
  return out;
}

function fail(field: string, message: string): Result<never, TextBlockError> {
  return err({ field, message });
}

type Dates = { birthDate: string; validFrom: string; validUntil: string };

/** Sex, birth date and validity period: the checks every variant shares. */
function checkCommon(f: { sex: string } & Dates): Result<{ sex: Sex } & Dates, TextBlockError> {
  const sex = SEX_BY_CODE[f.sex];
  if (sex === undefined) return fail('sex', 'sex code is not 0, 1, 2 or 9');
  if (!isValidCalendarDate(f.birthDate)) {
    return fail('birthDate', 'birth date is not a YYYYMMDD date');
  }
  if (!isValidCalendarDate(f.validFrom)) {
    return fail('validFrom', 'valid-from is not a YYYYMMDD date');
  }
  let validUntil = f.validUntil;
  if (validUntil === LONG_TERM_TEXT) {
    validUntil = LONG_TERM;
  } else if (!isValidCalendarDate(validUntil)) {
    return fail('validUntil', 'valid-until is neither a date nor 长期');
  } else if (validUntil < f.validFrom) {
    return fail('validUntil', 'valid-until is before valid-from');
  }
  return ok({ sex, birthDate: f.birthDate, validFrom: f.validFrom, validUntil });
}

function count(field: string, value: string): Result<number, TextBlockError> {
  if (!/^\d{1,2}$/.test(value)) return fail(field, `${field} is not a number`);
  return ok(Number(value));
}

/** Decodes and validates a 256-byte text block into a typed identity document. */
export function decodeTextBlock(block: Uint8Array): Result<IdentityDocument, TextBlockError> {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return fail('text', `text block is ${block.length} bytes; expected ${TEXT_BLOCK_BYTES}`);
  }
  const flag = utf16.decode(block.subarray(VARIANT_FLAG_OFFSET, VARIANT_FLAG_OFFSET + 2));
  switch (flag) {
    case ' ':
    case '\u0000':
      return decodeResident(block);
    case VARIANT_FLAGS['gat-residence-permit']:
      return decodeGat(block);
    case VARIANT_FLAGS['foreigner-permanent-2017']:
      return decodeForeigner2017(block);
    case VARIANT_FLAGS['foreigner-permanent-2023']:
      return decodeForeigner2023(block);
    default:
      return fail('variant', `card variant flag "${flag}" at offset 248 is not blank, J, I or Y`);
  }
}

function decodeResident(block: Uint8Array): Result<IdentityDocument, TextBlockError> {
  const f = readAll(block, RESIDENT);
  const common = checkCommon(f);
  if (!common.ok) return common;
  const nation = nationName(f.nation);
  if (nation === undefined) return fail('nation', 'nation code is not in GB 3304');
  const number = checkResidentNumber(f.idNumber, f.birthDate);
  if (!number.ok) return fail('idNumber', number.error.message);
  if (f.name.length === 0) return fail('name', 'name is empty');
  return ok({
    documentType: 'resident',
    name: f.name,
    ...common.value,
    idNumber: number.value,
    nationCode: f.nation,
    nation,
    address: f.address,
    issuingAuthority: f.issuingAuthority,
  });
}

function decodeGat(block: Uint8Array): Result<IdentityDocument, TextBlockError> {
  const f = readAll(block, GAT);
  const common = checkCommon(f);
  if (!common.ok) return common;
  const region = checkGatPermitNumber(f.idNumber, f.birthDate);
  if (!region.ok) return fail('idNumber', region.error.message);
  const issueCount = count('issueCount', f.issueCount);
  if (!issueCount.ok) return issueCount;
  if (f.name.length === 0) return fail('name', 'name is empty');
  return ok({
    documentType: 'gat-residence-permit',
    name: f.name,
    ...common.value,
    idNumber: f.idNumber.toUpperCase(),
    region: region.value,
    address: f.address,
    issuingAuthority: f.issuingAuthority,
    passNumber: f.passNumber,
    issueCount: issueCount.value,
  });
}

function decodeForeigner2017(block: Uint8Array): Result<IdentityDocument, TextBlockError> {
  const f = readAll(block, FOREIGNER_2017);
  const common = checkCommon(f);
  if (!common.ok) return common;
  const number = checkForeigner2017Number(f.idNumber, f.birthDate);
  if (!number.ok) return fail('idNumber', number.error.message);
  if (!/^[A-Z]{3}$/.test(f.nationality)) {
    return fail('nationality', 'nationality is not an alpha-3 code');
  }
  const name = foreignerDisplayName(f.chineseName, f.englishName);
  if (name.length === 0) return fail('name', 'both the English and the Chinese name are empty');
  return ok({
    documentType: 'foreigner-permanent-2017',
    name,
    ...common.value,
    idNumber: number.value,
    englishName: f.englishName,
    chineseName: f.chineseName,
    nationality: f.nationality,
    cardVersion: f.cardVersion,
    issuingAuthorityCode: f.issuingAuthorityCode,
  });
}

function decodeForeigner2023(block: Uint8Array): Result<IdentityDocument, TextBlockError> {
  const f = readAll(block, FOREIGNER_2023);
  const common = checkCommon(f);
  if (!common.ok) return common;
  const number = checkForeigner2023Number(f.idNumber, f.birthDate);
  if (!number.ok) return fail('idNumber', number.error.message);
  if (!/^[A-Z]{3}$/.test(f.nationality)) {
    return fail('nationality', 'nationality is not an alpha-3 code');
  }
  const renewalCount = count('renewalCount', f.renewalCount);
  if (!renewalCount.ok) return renewalCount;
  // The English name is split over two fields; part 1 is filled to its full width first, so
  // the parts join without a separator (read the raw part 1 to keep a trailing space).
  const englishName = (rawField(block, FOREIGNER_2023.englishName1) + f.englishName2).trim();
  const name = foreignerDisplayName(f.chineseName, englishName);
  if (name.length === 0) return fail('name', 'both the English and the Chinese name are empty');
  return ok({
    documentType: 'foreigner-permanent-2023',
    name,
    ...common.value,
    idNumber: number.value,
    englishName,
    chineseName: f.chineseName,
    nationality: f.nationality,
    renewalCount: renewalCount.value,
    previousNumberLink: f.previousNumberLink,
  });
}

// ---- Writing (simulator, tests) ----------------------------------------------------------

function writeField(block: Uint8Array, [offset, chars]: Field, name: string, value: string): void {
  if (value.length > chars) {
    throw new RangeError(`text block field ${name} holds ${chars} characters; got ${value.length}`);
  }
  const bytes = Buffer.from(value.padEnd(chars, ' '), 'utf16le');
  block.set(bytes, offset);
}

function blankBlock(): Uint8Array {
  return new Uint8Array(Buffer.from(' '.repeat(TEXT_BLOCK_BYTES / 2), 'utf16le'));
}

function validUntilText(validUntil: string): string {
  return validUntil === LONG_TERM ? LONG_TERM_TEXT : validUntil;
}

/**
 * Lays a document out as the card's 256-byte text block. Throws RangeError when a field is
 * longer than the card holds (a programming error in a fixture or the simulator's script).
 */
export function encodeTextBlock(doc: IdentityDocument): Uint8Array {
  const block = blankBlock();
  const put = <K extends string>(layout: Record<K, Field>, values: Record<K, string>): void => {
    for (const key of Object.keys(layout) as K[]) {
      writeField(block, layout[key], key, values[key]);
    }
  };
  const dates = {
    sex: CODE_BY_SEX[doc.sex],
    birthDate: doc.birthDate,
    validFrom: doc.validFrom,
    validUntil: validUntilText(doc.validUntil),
    idNumber: doc.idNumber,
  };
  switch (doc.documentType) {
    case 'resident':
      put(RESIDENT, {
        ...dates,
        name: doc.name,
        nation: doc.nationCode,
        address: doc.address,
        issuingAuthority: doc.issuingAuthority,
      });
      break;
    case 'gat-residence-permit':
      put(GAT, {
        ...dates,
        name: doc.name,
        address: doc.address,
        issuingAuthority: doc.issuingAuthority,
        passNumber: doc.passNumber,
        issueCount: String(doc.issueCount).padStart(2, '0'),
      });
      break;
    case 'foreigner-permanent-2017':
      put(FOREIGNER_2017, {
        ...dates,
        englishName: doc.englishName,
        chineseName: doc.chineseName,
        nationality: doc.nationality,
        cardVersion: doc.cardVersion,
        issuingAuthorityCode: doc.issuingAuthorityCode,
      });
      break;
    case 'foreigner-permanent-2023': {
      const part1Chars = FOREIGNER_2023.englishName1[1];
      put(FOREIGNER_2023, {
        ...dates,
        chineseName: doc.chineseName,
        renewalCount: String(doc.renewalCount).padStart(2, '0'),
        englishName1: doc.englishName.slice(0, part1Chars),
        englishName2: doc.englishName.slice(part1Chars),
        nationality: doc.nationality,
        previousNumberLink: doc.previousNumberLink,
      });
      break;
    }
    default: {
      const never: never = doc;
      throw new TypeError(`encodeTextBlock: unknown document ${JSON.stringify(never)}`);
    }
  }
  writeField(block, VARIANT_FLAG, 'variant', VARIANT_FLAGS[doc.documentType]);
  return block;
}
