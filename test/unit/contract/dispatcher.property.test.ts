import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../../electron/contract/index.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { startTestService, type TestService } from '../../support/service.js';
import { fuzzRuns } from '../../support/fuzz.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.close());

const methodNames = Object.keys(methods);

describe('dispatcher under arbitrary input', () => {
  it('answers every frame with a result frame and never throws', async () => {
    const arbitraryFrame = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          type: fc.constantFrom('call', 'result', 'x'),
          id: fc.oneof(fc.integer(), fc.double(), fc.string()),
          method: fc.oneof(
            fc.constantFrom(...methodNames, '__proto__', 'constructor'),
            fc.string(),
          ),
          params: fc.jsonValue(),
        })
        .map((f) => JSON.stringify(f)),
    );
    await fc.assert(
      fc.asyncProperty(
        arbitraryFrame,
        fc.constantFrom('applicant', 'staff', 'technician' as const),
        async (raw, role) => {
          const connection = newConnection('in-process');
          connection.role = role;
          const answer = await t.service.dispatcher.dispatchFrame(connection, raw);
          expect(answer.type).toBe('result');
          if (!answer.result.ok) expect(answer.result.error.code).toMatch(/^E_[A-Z_]+$/);
          // The frame must survive JSON, as it crosses the transport.
          expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });
});
