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
          if (typeof matched === 'string')
            expect(['no-path', 'no-method', 'bad-escape']).toContain(matched);
          else expect(operationIds).toContain(matched.operation.operationId);
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
