import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildELicenseIdentifier,
  checkCreditCode,
  checkELicenseIdentifier,
  checkIdNumber,
  creditCodeCheckChar,
  idNumberCheckChar,
  mod3736CheckChar,
} from '../../../drivers/common/identifiers.js';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { fuzzRuns } from '../../support/fuzz.js';

describe('citizen ID number (GB 11643)', () => {
  it('accepts the standard test vector and reads its facts', () => {
    const result = checkIdNumber('11010519491231002X');
    expect(result).toEqual({
      ok: true,
      facts: { regionCode: '110105', birthDate: '19491231', sex: 'female' },
    });
  });

  it('names the problem of a bad number', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'check-char' });
    expect(checkIdNumber('11010519491331002X')).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdNumber('99010519491231002X')).toEqual({ ok: false, problem: 'region' });
    expect(checkIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'format' });
  });

  it('rejects every single-digit change of a valid number', () => {
    const valid = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      const digit = Number(valid[i]);
      const changed = valid.slice(0, i) + String((digit + 1) % 10) + valid.slice(i + 1);
      expect(checkIdNumber(changed).ok, changed).toBe(false);
    }
  });

  it('computes the check character as the standard defines', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts the published test vectors', () => {
    expect(checkCreditCode('9144030071526726XG')).toEqual({ ok: true });
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('names the problem', () => {
    expect(checkCreditCode('9144030071526726XH')).toEqual({ ok: false, problem: 'check-char' });
    expect(checkCreditCode('9144030071526726IG')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('e-license identifier (GB/T 36904)', () => {
  it('reproduces the published Jilin example check character', () => {
    expect(mod3736CheckChar('11100000000013338W03211220000013544541J2430599001')).toBe('F');
  });

  it('round-trips a built identifier', () => {
    const id = buildELicenseIdentifier({
      typeCode: '11100000000013338W032',
      issuerCreditCode: '11220000013544541J',
      serial: '2430599',
      version: '001',
    });
    expect(id).toBe('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F');
    expect(checkELicenseIdentifier(id).ok).toBe(true);
    expect(checkELicenseIdentifier(id.replace(/F$/, 'G'))).toEqual({
      ok: false,
      problem: 'check-char',
    });
  });
});

describe('synthetic people and enterprises', () => {
  it('always have valid identifiers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const person = syntheticPerson(seed);
        const check = checkIdNumber(person.idNumber);
        expect(check.ok).toBe(true);
        if (check.ok) {
          expect(check.facts.birthDate).toBe(person.birthDate);
          expect(check.facts.sex).toBe(person.sex);
        }
        expect(checkCreditCode(syntheticEnterprise(seed).creditCode)).toEqual({ ok: true });
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('are deterministic per seed', () => {
    expect(syntheticPerson(3)).toEqual(syntheticPerson(3));
    expect(syntheticPerson(3).idNumber).not.toBe(syntheticPerson(4).idNumber);
  });
});

describe('masking', () => {
  it('keeps the first 3 and last 4 characters of identifiers', () => {
    expect(maskIdentifier('11010519491231002X')).toBe('110***********002X');
    expect(maskIdentifier('9144030071526726XG')).toBe('914***********26XG');
  });

  it('keeps the first character of names', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('Wang Xiaoming')).toBe('W*** ********');
  });

  it('never reveals more than 7 characters of any identifier', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (value) => {
        const masked = maskIdentifier(value);
        expect(Array.from(masked).length).toBe(Array.from(value).length);
        expect(Array.from(masked).filter((c) => c !== '*').length).toBeLessThanOrEqual(7);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });
});
