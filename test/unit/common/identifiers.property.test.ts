/**
 * Fuzzing of the identifier checks (GB 11643 ID number, GB 32100 credit code, GB/T 36904
 * e-license identifier) and the one masking rule: any text gets an answer, never an exception,
 * and a masked value never shows more than the rule allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkELicenseIdentifier,
  checkIdNumber,
} from '../../../drivers/common/identifiers.js';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();
/** Strings near the shape of an identifier hit the deeper branches; full Unicode the rest. */
const identifierLike = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789XABCDEFGHJKLMNPQRTUWXY.-'), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 200 }),
);

describe('identifier checks: fuzzing', () => {
  it('checkIdNumber, checkCreditCode and checkELicenseIdentifier answer any text without throwing', () => {
    fc.assert(
      fc.property(identifierLike, (text) => {
        for (const verdict of [
          checkIdNumber(text),
          checkCreditCode(text),
          checkELicenseIdentifier(text),
        ]) {
          expect(typeof verdict.ok).toBe('boolean');
          if (!verdict.ok) expect(typeof verdict.problem).toBe('string');
        }
      }),
      { numRuns: runs },
    );
  });

  it('a synthetic ID number passes, and any one changed character is refused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.nat(17),
        fc.constantFrom(...'0123456789X'),
        (seed, position, replacement) => {
          const id = syntheticPerson(seed).idNumber;
          expect(checkIdNumber(id).ok).toBe(true);
          if (id[position] === replacement) return;
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          expect(checkIdNumber(changed).ok).toBe(false);
        },
      ),
      { numRuns: runs },
    );
  });

  it('a synthetic credit code passes its check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        expect(checkCreditCode(syntheticEnterprise(seed).creditCode).ok).toBe(true);
      }),
      { numRuns: Math.min(runs, 20_000) },
    );
  });
});

describe('masking: fuzzing', () => {
  it('maskIdentifier keeps the length and shows at most the first 3 and last 4 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), (text) => {
        const chars = Array.from(text);
        const masked = Array.from(maskIdentifier(text));
        expect(masked).toHaveLength(chars.length);
        const shown = masked.filter((c, i) => c !== '*' && c === chars[i]).length;
        expect(shown).toBeLessThanOrEqual(7);
        // Short values keep only part of the head, so the whole value is never shown.
        if (chars.length > 0 && chars.length <= 7 && !chars.includes('*')) {
          expect(shown).toBeLessThan(chars.length);
        }
      }),
      { numRuns: runs },
    );
  });

  it('maskName shows at most the first character (and spaces)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), (name) => {
        const masked = Array.from(maskName(name));
        const visible = masked.slice(1).filter((c) => c !== '*' && c !== ' ');
        expect(visible).toEqual([]);
      }),
      { numRuns: runs },
    );
  });
});
