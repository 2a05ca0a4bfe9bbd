import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PROGRESS_REST_CHARS,
  parseProgress,
  type ProgressEvent,
} from '../../../drivers/scanner/sane-codec.js';
import { fuzzRuns } from '../../support/fuzz.js';

/** Feeds text to the progress parser in the given chunks, as a pipe delivers it. */
function feed(chunks: readonly string[]): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  let rest = '';
  for (const chunk of chunks) {
    const parsed = parseProgress(rest + chunk);
    events.push(...parsed.events);
    rest = parsed.rest;
  }
  return events;
}

const line = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((n) => `Progress: ${(n / 10).toFixed(1)}%\r`),
  fc.integer({ min: 1, max: 50 }).map((n) => `Scanning page ${n}\n`),
  fc
    .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 11 }))
    .map(([n, s]) => `Scanned page ${n}. (scanner status = ${s})\n`),
  fc.constantFrom(
    'scanimage: sane_read: Document feeder jammed\n',
    'Batch terminated, 3 pages scanned\n',
  ),
);

describe('scanimage progress properties', () => {
  it('gives the same events however the pipe splits the text', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (lines, cuts) => {
          const text = lines.join('');
          const points = [
            ...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length))),
          ].sort((a, b) => a - b);
          const chunks: string[] = [];
          let from = 0;
          for (const p of points) {
            chunks.push(text.slice(from, p));
            from = p;
          }
          chunks.push(text.slice(from));
          expect(feed(chunks)).toEqual(feed([text]));
          expect(feed([text])).toHaveLength(lines.length);
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('holds at most MAX_PROGRESS_REST_CHARS of an unfinished line, and reads on after it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { maxLength: 12 }),
        fc.array(line, { maxLength: 5 }),
        (junk, lines) => {
          let rest = '';
          for (const chunk of junk) {
            // No line ends: one runaway line, however long.
            rest = parseProgress(rest + chunk.replace(/[\r\n]/g, '.')).rest;
            expect(rest.length).toBeLessThanOrEqual(MAX_PROGRESS_REST_CHARS);
          }
          // The runaway line ends; the well-formed lines after it are read as without it.
          const after = parseProgress(`${rest}\n${lines.join('')}`);
          expect(after.events.slice(rest.trim() === '' ? 0 : 1)).toEqual(feed([lines.join('')]));
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('never reports a percentage above 100', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        for (const event of feed([`${text}\n`])) {
          if (event.kind === 'percent') expect(event.percent).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
