import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeSignature,
  parseAuthorization,
  formatAuthorization,
  signaturesEqual,
} from '../../../drivers/common/request-signature.js';
import { fuzzRuns } from '../../support/fuzz.js';

const input = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT'),
  pathWithQuery: fc
    .string({ minLength: 1, maxLength: 60 })
    .map((s) => `/v1/${encodeURIComponent(s)}`),
  timestampMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  nonce: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
  contentSha256: fc.stringMatching(/^[0-9a-f]{64}$/),
});

describe('request signature properties', () => {
  it('any change to a signed part, or another key, changes the signature', () => {
    fc.assert(
      fc.property(input, input, fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, b, key) => {
        const other = { ...a, ...b };
        const same = JSON.stringify(other) === JSON.stringify(a);
        expect(signaturesEqual(computeSignature(key, a), computeSignature(key, other))).toBe(same);
        const otherKey = Uint8Array.from(key, (v, i) => (i === 0 ? v ^ 1 : v));
        expect(signaturesEqual(computeSignature(key, a), computeSignature(otherKey, a))).toBe(
          false,
        );
      }),
      { numRuns: Math.min(fuzzRuns(), 2000) },
    );
  });

  it('the Authorization header round-trips for every valid key id', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), input, (keyId, a) => {
        const signature = computeSignature(new Uint8Array(32), a);
        expect(parseAuthorization(formatAuthorization(keyId, signature))).toEqual({
          keyId,
          signature,
        });
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
