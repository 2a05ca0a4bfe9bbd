import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../drivers/common/identifiers.js';
import { icaoCheckDigit } from '../../../drivers/common/icao-check-digit.js';
import {
  checkForeigner2017Number,
  checkForeigner2023Number,
  checkGatPermitNumber,
  checkResidentNumber,
} from '../../../drivers/id-card/id-numbers.js';
import { DEMO_PEOPLE_SEEDS, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { syntheticDocument } from '../../../drivers/id-card/synthetic-cards.js';
import { decodeTextBlock, encodeTextBlock } from '../../../drivers/id-card/text.js';

/** Writes UCS-2LE text at a byte offset, independently of the encoder under test. */
function put(block: Uint8Array, offset: number, text: string): void {
  block.set(Buffer.from(text, 'utf16le'), offset);
}

function blank(fill = ' '): Uint8Array {
  return new Uint8Array(Buffer.from(fill.repeat(128), 'utf16le'));
}

const RESIDENT_NUMBER = '11010519491231002X';

function residentBlock(): Uint8Array {
  const b = blank();
  put(b, 0, '张三');
  put(b, 30, '1');
  put(b, 32, '01');
  put(b, 36, '19491231');
  put(b, 52, '北京市朝阳区示例路1号');
  put(b, 122, RESIDENT_NUMBER);
  put(b, 158, '北京市公安局朝阳分局');
  put(b, 188, '20100101');
  put(b, 204, '长期');
  return b;
}

describe('text block: resident ID card (offsets written by hand)', () => {
  it('decodes every field, trims padding and maps long-term validity', () => {
    expect(decodeTextBlock(residentBlock())).toEqual({
      ok: true,
      value: {
        documentType: 'resident',
        name: '张三',
        sex: 'male',
        birthDate: '19491231',
        idNumber: RESIDENT_NUMBER,
        validFrom: '20100101',
        validUntil: 'long-term',
        nationCode: '01',
        nation: '汉',
        address: '北京市朝阳区示例路1号',
        issuingAuthority: '北京市公安局朝阳分局',
      },
    });
  });

  it('accepts NUL padding and a NUL variant flag', () => {
    const b = new Uint8Array(256);
    const filled = residentBlock();
    // Copy only the field characters, leave padding as NULs.
    for (let i = 0; i < 256; i += 2) {
      if (!(filled[i] === 0x20 && filled[i + 1] === 0)) b.set(filled.subarray(i, i + 2), i);
    }
    const decoded = decodeTextBlock(b);
    expect(decoded.ok && decoded.value.name).toBe('张三');
  });

  it.each([
    ['sex', 30, '7', 'sex code is not 0, 1, 2 or 9'],
    ['nation', 32, '77', 'nation code is not in GB 3304'],
    ['birthDate', 36, '19490230', 'birth date is not a YYYYMMDD date'],
    ['validUntil', 204, '2009XXXX', 'valid-until is neither a date nor 长期'],
    ['idNumber', 122, '110105194912310021', 'ID number check character is wrong'],
    ['variant', 248, 'Q', 'card variant flag "Q" at offset 248 is not blank, J, I or Y'],
  ])('rejects a bad %s with a message naming it', (field, offset, text, message) => {
    const b = residentBlock();
    put(b, offset, text);
    expect(decodeTextBlock(b)).toEqual({ ok: false, error: { field, message } });
  });

  it('rejects a number whose birth date differs from the card', () => {
    const b = residentBlock();
    put(b, 36, '19491230');
    expect(decodeTextBlock(b)).toEqual({
      ok: false,
      error: { field: 'idNumber', message: "ID number birth date differs from the card's" },
    });
  });
});

describe('text block: other variants', () => {
  it('HK/Macau/Taiwan permit (J): pass number and issue count at 220/238, nation blank', () => {
    const first17 = '81000019900101901';
    const number = first17 + idNumberCheckChar(first17);
    const b = blank();
    put(b, 0, '陈大文');
    put(b, 30, '1');
    put(b, 36, '19900101');
    put(b, 52, '广东省深圳市福田区示例路2号');
    put(b, 122, number);
    put(b, 158, '深圳市公安局');
    put(b, 188, '20230101');
    put(b, 204, '20280101');
    put(b, 220, 'H12345678');
    put(b, 238, '02');
    put(b, 248, 'J');
    expect(decodeTextBlock(b)).toMatchObject({
      ok: true,
      value: {
        documentType: 'gat-residence-permit',
        region: 'hong-kong',
        idNumber: number,
        passNumber: 'H12345678',
        issueCount: 2,
      },
    });
  });

  it('foreigner 2017 (I): English name at 0, number at 122, birth date at 220', () => {
    const body = 'CAN11008001015';
    const number = body + icaoCheckDigit(body);
    const b = blank();
    put(b, 0, 'BAKER, BEN');
    put(b, 120, '1');
    put(b, 122, number);
    put(b, 152, 'CAN');
    put(b, 158, '本·贝克');
    put(b, 188, '20200301');
    put(b, 204, '20300301');
    put(b, 220, '19800101');
    put(b, 236, '20');
    put(b, 240, '1100');
    put(b, 248, 'I');
    expect(decodeTextBlock(b)).toEqual({
      ok: true,
      value: {
        documentType: 'foreigner-permanent-2017',
        name: '本·贝克',
        sex: 'male',
        birthDate: '19800101',
        idNumber: number,
        validFrom: '20200301',
        validUntil: '20300301',
        englishName: 'BAKER, BEN',
        chineseName: '本·贝克',
        nationality: 'CAN',
        cardVersion: '20',
        issuingAuthorityCode: '1100',
      },
    });
  });

  it('foreigner 2023 (Y): English name split over two fields, no Chinese name', () => {
    const first17 = '91184019750615991';
    const number = first17 + idNumberCheckChar(first17);
    const englishName = 'ANDERSEN-WILLIAMSON, CHRISTOPHER ALEXANDER'; // 42 chars: needs both parts
    const b = blank();
    put(b, 30, '1');
    put(b, 32, '01');
    put(b, 36, '19750615');
    put(b, 52, englishName.slice(0, 35));
    put(b, 122, number);
    put(b, 188, '20240101');
    put(b, 204, '20340101');
    put(b, 220, englishName.slice(35));
    put(b, 242, 'USA');
    put(b, 248, 'Y');
    expect(decodeTextBlock(b)).toMatchObject({
      ok: true,
      value: {
        documentType: 'foreigner-permanent-2023',
        name: englishName,
        englishName,
        chineseName: '',
        renewalCount: 1,
        nationality: 'USA',
        idNumber: number,
      },
    });
  });

  it('the encoder refuses a field longer than the card holds', () => {
    const doc = syntheticDocument('resident', 1);
    expect(() => encodeTextBlock({ ...doc, name: '很'.repeat(16) })).toThrow(
      'text block field name holds 15 characters; got 16',
    );
  });
});

describe('number checks', () => {
  it('resident: GB 11643 vectors and region rules', () => {
    expect(checkResidentNumber('11010519491231002X', '19491231').ok).toBe(true);
    expect(checkResidentNumber('440524188001010014', '18800101').ok).toBe(true);
    expect(checkResidentNumber('440524188001010015', '18800101')).toMatchObject({
      ok: false,
      error: { problem: 'check-char' },
    });
    const gat = '81000019900101901';
    expect(checkResidentNumber(gat + idNumberCheckChar(gat), '19900101')).toMatchObject({
      ok: false,
      error: { problem: 'region' },
    });
    expect(checkResidentNumber('99010519491231002X', '19491231')).toMatchObject({
      ok: false,
      error: { problem: 'region' },
    });
  });

  it('residence permit: only 810000/820000/830000', () => {
    const taiwan = '83000019900101902';
    expect(checkGatPermitNumber(taiwan + idNumberCheckChar(taiwan), '19900101')).toEqual({
      ok: true,
      value: 'taiwan',
    });
    expect(checkGatPermitNumber('11010519491231002X', '19491231')).toMatchObject({
      ok: false,
      error: { problem: 'region' },
    });
  });

  it('foreigner 2023: leading 9, province, MOD 11-2', () => {
    const first17 = '93182619800101991';
    const number = first17 + idNumberCheckChar(first17);
    expect(checkForeigner2023Number(number, '19800101').ok).toBe(true);
    expect(checkForeigner2023Number(number, '19800102')).toMatchObject({
      ok: false,
      error: { problem: 'birth-date-mismatch' },
    });
    expect(checkForeigner2023Number('8' + number.slice(1), '19800101')).toMatchObject({
      ok: false,
      error: { problem: 'format' },
    });
    const badProvince = '90082619800101991';
    expect(
      checkForeigner2023Number(badProvince + idNumberCheckChar(badProvince), '19800101'),
    ).toMatchObject({ ok: false, error: { problem: 'region' } });
  });

  it('foreigner 2017: three letters, twelve digits, ICAO check digit', () => {
    // ICAO specimen: document number L898902C3 has check digit 6.
    expect(icaoCheckDigit('L898902C3')).toBe('6');
    const body = 'USA44038506209';
    const number = body + icaoCheckDigit(body);
    expect(checkForeigner2017Number(number, '19850620')).toEqual({ ok: true, value: number });
    const wrong = body + String((Number(icaoCheckDigit(body)) + 1) % 10);
    expect(checkForeigner2017Number(wrong, '19850620')).toMatchObject({
      ok: false,
      error: { problem: 'check-char' },
    });
    expect(checkForeigner2017Number('US1440385062091', '19850620')).toMatchObject({
      ok: false,
      error: { problem: 'format' },
    });
  });

  it('every synthetic card passes its own checks, and demo residents are the sandbox people', () => {
    for (const seed of DEMO_PEOPLE_SEEDS) {
      const doc = syntheticDocument('resident', seed);
      expect(doc.idNumber).toBe(syntheticPerson(seed).idNumber);
      expect(decodeTextBlock(encodeTextBlock(doc)).ok).toBe(true);
    }
  });
});
