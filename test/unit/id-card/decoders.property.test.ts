/**
 * Fuzzing of the SAM frame-body decoders the driver applies to whatever the reader sends:
 * commands, answers, card data split by its length fields, and the SAM ID. Arbitrary bytes
 * get a Result, never an exception; whatever is accepted is consistent with its length fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAnswer,
  decodeCardData,
  decodeCommand,
  formatSamId,
  SAM_ID_BYTES,
} from '../../../drivers/id-card/codec.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();
const bytes = (maxLength: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength });

describe('id-card decoders: fuzzing', () => {
  it('decodeCommand and decodeAnswer answer any body with a Result', () => {
    fc.assert(
      fc.property(bytes(64), (body) => {
        const command = decodeCommand(body);
        const answer = decodeAnswer(body);
        expect(typeof command.ok).toBe('boolean');
        expect(typeof answer.ok).toBe('boolean');
        if (!command.ok) expect(command.error).toMatch(/\S/);
        if (!answer.ok) expect(answer.error).toMatch(/\S/);
      }),
      { numRuns: runs },
    );
  });

  it('decodeCardData accepts only data whose length fields add up, and never throws', () => {
    fc.assert(
      fc.property(bytes(3000), fc.boolean(), (data, withFingerprint) => {
        const card = decodeCardData(data, withFingerprint);
        if (!card.ok) {
          expect(card.error).toMatch(/\S/);
          return;
        }
        const header = withFingerprint ? 6 : 4;
        const total =
          header +
          card.value.text.length +
          card.value.photo.length +
          (card.value.fingerprint?.length ?? 0);
        expect(total).toBe(data.length);
      }),
      { numRuns: runs },
    );
  });

  it('formatSamId formats exactly 16 bytes and refuses every other length', () => {
    fc.assert(
      fc.property(bytes(40), (data) => {
        const id = formatSamId(data);
        expect(id.ok).toBe(data.length === SAM_ID_BYTES);
        if (id.ok) expect(id.value).toMatch(/^[0-9A-F]{2}\.[0-9A-F]{2}-\d+-\d{10}-\d{10}$/);
      }),
      { numRuns: runs },
    );
  });
});
