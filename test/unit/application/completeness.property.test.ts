/**
 * Whatever the applicant types and supplies, the completeness check answers: it never throws,
 * every deficiency carries both languages, the result is COMPLETE exactly when the list is
 * empty, and the list does not depend on the order materials were supplied in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCompleteness,
  type CompletenessInput,
} from '../../../electron/service/application/completeness.js';
import { fuzzRuns } from '../../support/fuzz.js';
import { completeInput } from './fireworks-fixture.js';

const base = completeInput();
const fieldKeys = base.item.formFields.map((f) => f.key);

/** Any JSON a renderer could send for a field. */
const jsonValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 24 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.array(
    fc.record({
      category: fc.constantFrom('C级组合烟花', 'C级爆竹', 'x'),
      specification: fc.constantFrom('36发', '5000响', ''),
      quantity: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double()),
      unit: fc.constant('箱'),
    }),
    { maxLength: 3 },
  ),
);

const input = fc
  .record({
    overrides: fc.dictionary(fc.constantFrom(...fieldKeys), jsonValue, { maxKeys: 6 }),
    keep: fc.array(fc.boolean(), {
      minLength: base.supplied.length,
      maxLength: base.supplied.length,
    }),
    shuffle: fc.array(fc.nat(), {
      minLength: base.supplied.length,
      maxLength: base.supplied.length,
    }),
    today: fc.constantFrom('2026-03-02', '2028-01-01', '2020-01-01'),
  })
  .map(({ overrides, keep, shuffle, today }): CompletenessInput => {
    const formData: Record<string, unknown> = { ...base.formData };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete formData[k];
      else formData[k] = v;
    }
    const supplied = base.supplied
      .filter((_, i) => keep[i])
      .map((s, i) => ({ s, key: shuffle[i] ?? 0 }))
      .sort((a, b) => a.key - b.key)
      .map(({ s }) => s);
    return { ...base, formData, supplied, today };
  });

const sortKey = (d: { code: string; materialCode?: string; field?: string; holderCode?: string }) =>
  `${d.code}|${d.materialCode ?? ''}|${d.field ?? ''}|${d.holderCode ?? ''}`;

describe('completeness check (property)', () => {
  it('always answers with a complete, bilingual list', () => {
    fc.assert(
      fc.property(input, (i) => {
        const result = checkCompleteness(i);
        expect(result.result === 'COMPLETE').toBe(result.deficiencies.length === 0);
        for (const d of result.deficiencies) {
          expect(d.message['zh-CN'].length).toBeGreaterThan(0);
          expect(d.message.en.length).toBeGreaterThan(0);
        }
        const reversed = checkCompleteness({ ...i, supplied: [...i.supplied].reverse() });
        expect(reversed.deficiencies.map(sortKey).sort()).toEqual(
          result.deficiencies.map(sortKey).sort(),
        );
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
