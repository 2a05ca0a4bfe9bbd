/**
 * Fuzzing of the parsers of `scanimage -L` and `scanimage --help` output: backends print what
 * they like, so any text must give a device list and an options record without throwing, and
 * the resolution chosen from what was parsed is always one the device offered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDeviceList,
  parseOptions,
  saneGreyMode,
  saneResolution,
} from '../../../drivers/scanner/sane-codec.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();

/** Lines shaped like `scanimage --help` option lines, mixed with free text. */
const optionLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('--mode', '--resolution', '--source', '-x', '-y', '-l', '-t', '--depth'),
      fc.oneof(
        fc.constantFrom('Gray|Color|Lineart', '75|150|300|600dpi', '50..1200dpi (in steps of 1)'),
        fc.constantFrom('0..215.9mm', '0..297mm', 'Flatbed|ADF', '-5..2147483647dpi'),
        fc.string({ maxLength: 40 }),
      ),
      fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    )
    .map(
      ([name, values, current]) =>
        `    ${name} ${values}${current === undefined ? '' : ` [${current}]`}`,
    ),
  fc.string({ maxLength: 80 }),
);

describe('SANE output parsers: fuzzing', () => {
  it('parseDeviceList answers any text with named devices', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const device of parseDeviceList(text)) {
          expect(typeof device.name).toBe('string');
          expect(device.name.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: runs },
    );
  });

  it('parseOptions never throws and the chosen resolution is finite and offered', () => {
    fc.assert(
      fc.property(
        fc.array(optionLine, { maxLength: 12 }),
        fc.integer({ min: 50, max: 1200 }),
        (lines, wishDpi) => {
          const options = parseOptions(lines.join('\n'));
          saneGreyMode(options);
          const chosen = saneResolution(options.resolutions, wishDpi);
          expect(Number.isFinite(chosen)).toBe(true);
          const res = options.resolutions;
          if (res?.kind === 'list' && res.values.length > 0) expect(res.values).toContain(chosen);
        },
      ),
      { numRuns: runs },
    );
  });
});
