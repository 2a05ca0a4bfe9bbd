/**
 * Fuzzing of the sandbox's request gate: route matching, parameter and body validation
 * against the OpenAPI spec, and the signature header parser. Arbitrary requests get a match or
 * a list of problems, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../../drivers/common/request-signature.js';
import { apiSpec } from '../../../sandbox/spec.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();
const spec = apiSpec();
const operationIds = spec.operationList.map((o) => o.operationId);
/** Path segments without `%`: malformed escapes are covered separately below. */
const segment = fc.oneof(
  fc.constantFrom('v1', 'items', 'applications', 'files', 'permits', 'batches', 'status', 'x'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,20}$/),
);

describe('sandbox request gate: fuzzing', () => {
  it('route matching answers any method and path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'get', 'HEAD'),
        fc.array(segment, { maxLength: 6 }),
        (method, segments) => {
          const matched = spec.match(method, `/${segments.join('/')}`);
          if (typeof matched === 'string') expect(['no-path', 'no-method']).toContain(matched);
          else expect(operationIds).toContain(matched.operation.operationId);
          // Without a `%` nothing can be a malformed escape.
          if (typeof matched !== 'string') expect(matched).not.toHaveProperty('badEscape');
        },
      ),
      { numRuns: runs },
    );
  });

  it('route matching names the parameter of any malformed %-escape instead of throwing', () => {
    const templated = spec.operationList
      .map((op) => ({ op, names: [...op.pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!) }))
      .filter(({ names }) => names.length > 0);
    // Valid escapes of any UTF-8, and broken ones: bad hex, cut-off or lone UTF-8 sequences.
    const escaped = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
      fc.stringMatching(/^[A-Za-z0-9]{0,4}%[0-9A-Fa-fzZ%]{0,6}[A-Za-z0-9]{0,4}$/),
      fc
        .uint8Array({ minLength: 1, maxLength: 6 })
        .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...templated),
        fc.array(escaped, { minLength: 4, maxLength: 4 }),
        ({ op, names }, values) => {
          const raw = names.map((_, i) => values[i] || 'x');
          let at = 0;
          const path = op.pathTemplate.replace(/\{[^}]+\}/g, () => raw[at++]!);
          const matched = spec.match(op.method, path);
          if (typeof matched === 'string') throw new Error(`${path}: ${matched}`);
          expect(matched.operation.operationId).toBe(op.operationId);
          const firstBad = names.findIndex((_, i) => !decodes(raw[i]!));
          if ('badEscape' in matched) {
            expect(matched.badEscape).toBe(names[firstBad]);
          } else {
            expect(firstBad).toBe(-1);
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('body and query validation answer arbitrary JSON with problems, never throwing', () => {
    const bodyOperations = operationIds.filter((id) => {
      try {
        spec.validateRequestBody(id, 'application/json', {});
        return true;
      } catch {
        return false; // operations without a JSON body
      }
    });
    expect(bodyOperations.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.constantFrom(...bodyOperations),
        fc.jsonValue({ maxDepth: 4 }),
        fc.constantFrom(...operationIds),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 5 }),
        (bodyOperation, body, queryOperation, query) => {
          for (const problem of spec.validateRequestBody(bodyOperation, 'application/json', body)) {
            expect(typeof problem.message).toBe('string');
          }
          const { problems } = spec.validateParameters(queryOperation, 'query', query);
          expect(Array.isArray(problems)).toBe(true);
        },
      ),
      { numRuns: Math.min(runs, 20_000) },
    );
  });

  it('the Authorization parser accepts only the exact scheme and never throws', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), (value) => {
        const parsed = parseAuthorization(value);
        if (parsed) {
          expect(parsed.keyId).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
          expect(parsed.signature).toMatch(/^[A-Za-z0-9+/=]{4,128}$/);
        }
      }),
      { numRuns: runs },
    );
  });
});

function decodes(raw: string): boolean {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
}
