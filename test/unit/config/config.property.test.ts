import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../electron/service/config/load.js';
import { demoConfig } from '../../support/service.js';
import { fuzzRuns } from '../../support/fuzz.js';

describe('config loader under arbitrary input', () => {
  it('either accepts or throws ConfigError with named problems, never anything else', () => {
    const base = demoConfig() as Record<string, unknown>;
    const mutated = fc.oneof(
      fc.jsonValue(),
      fc
        .record({ key: fc.constantFrom(...Object.keys(base), 'extra'), value: fc.jsonValue() })
        .map(({ key, value }) => ({
          ...base,
          [key]: value,
        })),
    );
    fc.assert(
      fc.property(mutated, (json) => {
        try {
          parseConfig(json);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          const problems = (error as ConfigError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(p).toMatch(/^.+: expected .+, found .+$/s);
        }
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
