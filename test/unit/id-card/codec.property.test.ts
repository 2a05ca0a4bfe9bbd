import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAnswer,
  decodeCardData,
  decodeCommand,
  encodeAnswer,
  encodeCardData,
  encodeCommand,
  FRAME_HEADER_BYTES,
  FrameParser,
  MAX_LENGTH_FIELD,
  PREAMBLE,
  type ParserEvent,
} from '../../../drivers/id-card/codec.js';
import { DOCUMENT_TYPES } from '../../../drivers/id-card/document.js';
import { syntheticDocument } from '../../../drivers/id-card/synthetic-cards.js';
import { decodeTextBlock, encodeTextBlock } from '../../../drivers/id-card/text.js';
import { fuzzRuns } from '../../support/fuzz.js';

const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });

function containsPreamble(b: Uint8Array): boolean {
  return Buffer.from(b).includes(Buffer.from(PREAMBLE));
}

/** Splits `stream` at the given cut points (any order, any count). */
function split(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(stream.subarray(last, p));
    last = p;
  }
  out.push(stream.subarray(last));
  return out;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === undefined || b === undefined ? a === b : Buffer.from(a).equals(Buffer.from(b));
}

function bodies(events: ParserEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [Buffer.from(e.body).toString('hex')] : []));
}

describe('SAM codec properties', () => {
  it('command frames round-trip through the parser', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        bytes(64),
        (cmd, para, data) => {
          const events = new FrameParser().push(encodeCommand(cmd, para, data));
          expect(events).toHaveLength(1);
          const event = events[0]!;
          if (event.kind !== 'frame') throw new Error(`expected a frame, got ${event.kind}`);
          expect(decodeCommand(event.body)).toEqual({ ok: true, value: { cmd, para, data } });
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('answer frames round-trip, however the port splits them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        bytes(300),
        fc.array(fc.nat(), { maxLength: 12 }),
        (sw3, data, cuts) => {
          const frame = encodeAnswer(sw3, data);
          const parser = new FrameParser();
          const events = split(frame, cuts).flatMap((chunk) => parser.push(chunk));
          expect(events.filter((e) => e.kind !== 'frame')).toEqual([]);
          expect(bodies(events)).toHaveLength(1);
          const event = events[0]!;
          if (event.kind !== 'frame') throw new Error('expected a frame');
          const answer = decodeAnswer(event.body);
          if (!answer.ok) throw new Error(answer.error);
          expect([answer.value.sw1, answer.value.sw2, answer.value.sw3]).toEqual([0, 0, sw3]);
          expect(sameBytes(answer.value.data, data)).toBe(true);
          expect(parser.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('arbitrary byte streams never throw and never grow the buffer past one frame', () => {
    const biased = fc.array(
      fc.oneof(
        bytes(64),
        fc.constant(PREAMBLE),
        fc
          .tuple(fc.integer({ min: 0, max: 0xffff }))
          .map(([len]) => Uint8Array.of(...PREAMBLE, len >> 8, len & 0xff)),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(biased, (chunks) => {
        const parser = new FrameParser();
        for (const chunk of chunks) {
          parser.push(chunk);
          expect(parser.bufferedBytes).toBeLessThan(FRAME_HEADER_BYTES + MAX_LENGTH_FIELD);
        }
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it('resynchronises: junk before, between and after frames loses no frame', () => {
    const junk = bytes(40).filter((b) => !containsPreamble(b));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(junk, fc.integer({ min: 0, max: 255 }), bytes(40)), {
          minLength: 1,
          maxLength: 5,
        }),
        junk,
        fc.array(fc.nat(), { maxLength: 8 }),
        (parts, tail, cuts) => {
          const stream = Buffer.concat([
            ...parts.flatMap(([j, sw3, data]) => [j, encodeAnswer(sw3, data)]),
            tail,
          ]);
          // Junk ending in the first preamble bytes joined to a frame is still junk + frame.
          const parser = new FrameParser();
          const events = split(stream, cuts).flatMap((chunk) => parser.push(chunk));
          const expected = parts.map(([, sw3, data]) =>
            Buffer.from(encodeAnswer(sw3, data).subarray(FRAME_HEADER_BYTES, -1)).toString('hex'),
          );
          expect(bodies(events)).toEqual(expected);
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('card data splits by its length fields for any block sizes', () => {
    fc.assert(
      fc.property(bytes(300), bytes(300), fc.boolean(), (photo, fingerprint, withFp) => {
        const text = new Uint8Array(256).fill(0x20);
        const card =
          withFp && fingerprint.length > 0 ? { text, photo, fingerprint } : { text, photo };
        const decoded = decodeCardData(encodeCardData(card, withFp), withFp);
        if (!decoded.ok) throw new Error(decoded.error);
        // Byte comparison: deep equality on typed arrays is too slow for 100,000 runs.
        expect(sameBytes(decoded.value.text, text)).toBe(true);
        expect(sameBytes(decoded.value.photo, photo)).toBe(true);
        const fp = 'fingerprint' in card ? card.fingerprint : undefined;
        expect(sameBytes(decoded.value.fingerprint, fp)).toBe(true);
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it('text blocks of every card variant round-trip', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOCUMENT_TYPES),
        fc.integer({ min: 1, max: 1_000_000 }),
        (kind, seed) => {
          const document = syntheticDocument(kind, seed);
          expect(decodeTextBlock(encodeTextBlock(document))).toEqual({ ok: true, value: document });
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('arbitrary 256-byte text blocks never throw', () => {
    const flags = fc.constantFrom(0x20, 0x00, 0x4a, 0x49, 0x59, 0x41);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), flags, (block, flag) => {
        const b = block.slice();
        b[248] = flag;
        b[249] = 0;
        const result = decodeTextBlock(b);
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
