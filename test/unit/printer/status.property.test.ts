import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IDLE_STATUS_FLAGS,
  conditionFromReplies,
  decodeStatusReplies,
  encodeStatusReplies,
  isStatusReplyByte,
  type PrinterStatusFlags,
} from '../../../drivers/printer/status.js';
import { fuzzRuns } from '../../support/fuzz.js';

const flagsArb: fc.Arbitrary<PrinterStatusFlags> = fc.record(
  Object.fromEntries(Object.keys(IDLE_STATUS_FLAGS).map((k) => [k, fc.boolean()])) as Record<
    keyof PrinterStatusFlags,
    fc.Arbitrary<boolean>
  >,
);

describe('status codec properties', () => {
  it('decode(encode(flags)) is flags, and every encoded byte has the fixed bits', () => {
    fc.assert(
      fc.property(flagsArb, (flags) => {
        const replies = encodeStatusReplies(flags);
        expect(replies.every(isStatusReplyByte)).toBe(true);
        const decoded = decodeStatusReplies(replies);
        expect(decoded).toEqual({ ok: true, value: flags });
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it('any four bytes decode without throwing; ok exactly when all carry the fixed bits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: 6 }),
        (bytes) => {
          const decoded = decodeStatusReplies(bytes);
          expect(decoded.ok).toBe(bytes.length === 4 && bytes.every(isStatusReplyByte));
          const condition = conditionFromReplies(bytes);
          expect(condition.known).toBe(decoded.ok);
          if (decoded.ok) {
            // Re-encoding keeps every meaningful bit (the paper sensor pairs become both-set).
            const again = decodeStatusReplies(encodeStatusReplies(decoded.value));
            expect(again).toEqual(decoded);
          }
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('a known condition reports paper end as a fault whenever a paper-end bit is set', () => {
    fc.assert(
      fc.property(flagsArb, (flags) => {
        const c = conditionFromReplies(encodeStatusReplies(flags));
        if (!c.known) throw new Error('encoded replies must decode');
        expect(c.faults.includes('paper-end')).toBe(flags.paperEnd || flags.stoppedByPaperEnd);
        expect(c.faults.includes('cover-open')).toBe(flags.coverOpen);
        expect(c.faults.includes('offline')).toBe(flags.offline);
        expect(c.warnings.includes('paper-near-end')).toBe(flags.paperNearEnd);
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
