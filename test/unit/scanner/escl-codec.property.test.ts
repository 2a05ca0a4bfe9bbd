import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCapabilities,
  decodeScanSettings,
  decodeStatus,
  encodeCapabilities,
  encodeScanSettings,
  encodeStatus,
  type EsclAdfState,
  type EsclInputCaps,
} from '../../../drivers/scanner/escl-codec.js';
import { fuzzRuns } from '../../support/fuzz.js';

const units = fc.integer({ min: 0, max: 20_000 });
/** Printable text including the XML specials; trimmed because the decoder trims values. */
const freeText = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((s) =>
    Array.from(s)
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
      .join('')
      .trim(),
  )
  .filter((s) => s.length > 0);

const inputCaps: fc.Arbitrary<EsclInputCaps> = fc.record({
  minWidth: units,
  maxWidth: units,
  minHeight: units,
  maxHeight: units,
  colorModes: fc.subarray(['BlackAndWhite1', 'Grayscale8', 'RGB24'] as const, { minLength: 1 }),
  documentFormats: fc.uniqueArray(fc.constantFrom('image/jpeg', 'image/png', 'application/pdf'), {
    minLength: 1,
  }),
  resolutions: fc
    .uniqueArray(fc.integer({ min: 50, max: 1200 }), { minLength: 1, maxLength: 6 })
    .map((r) => [...r].sort((a, b) => a - b)),
});

describe('eSCL codec properties', () => {
  it('scan settings round-trip', () => {
    fc.assert(
      fc.property(
        fc.record({
          version: fc.constantFrom('2.0', '2.5', '2.63'),
          source: fc.constantFrom('platen' as const, 'feeder' as const),
          colorMode: fc.constantFrom(
            'BlackAndWhite1' as const,
            'Grayscale8' as const,
            'RGB24' as const,
          ),
          resolution: fc.integer({ min: 1, max: 2400 }),
          xOffset: units,
          yOffset: units,
          width: units,
          height: units,
          documentFormat: fc.constantFrom('image/jpeg', 'image/png', 'application/pdf'),
        }),
        (settings) => {
          expect(decodeScanSettings(encodeScanSettings(settings))).toEqual({
            ok: true,
            value: settings,
          });
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('capabilities round-trip, free text escaped', () => {
    fc.assert(
      fc.property(
        freeText,
        fc.option(inputCaps, { nil: undefined }),
        fc.option(inputCaps, { nil: undefined }),
        (makeAndModel, platen, feeder) => {
          const caps = {
            version: '2.63',
            makeAndModel,
            ...(platen ? { platen } : {}),
            ...(feeder ? { feeder } : {}),
          };
          expect(decodeCapabilities(encodeCapabilities(caps))).toEqual({ ok: true, value: caps });
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('status round-trips', () => {
    const adf = fc.constantFrom<EsclAdfState>(
      'ScannerAdfEmpty',
      'ScannerAdfLoaded',
      'ScannerAdfJam',
      'ScannerAdfHatchOpen',
      'ScannerAdfProcessing',
    );
    fc.assert(
      fc.property(
        fc.constantFrom('Idle' as const, 'Processing' as const, 'Down' as const),
        fc.option(adf, { nil: undefined }),
        fc.array(
          fc.record({
            jobUri: fc.uuid().map((u) => `/eSCL/ScanJobs/${u}`),
            jobUuid: fc.uuid(),
            imagesCompleted: fc.integer({ min: 0, max: 500 }),
            jobState: fc.constantFrom(
              'Processing' as const,
              'Completed' as const,
              'Canceled' as const,
              'Aborted' as const,
            ),
            jobStateReasons: fc.array(
              fc.constantFrom('JobCompletedSuccessfully', 'JobCanceledByUser', 'AdfJam'),
            ),
          }),
          { maxLength: 4 },
        ),
        (state, adfState, jobs) => {
          const status = { version: '2.6', state, ...(adfState ? { adfState } : {}), jobs };
          expect(decodeStatus(encodeStatus(status))).toEqual({ ok: true, value: status });
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('decoders answer every input with a Result and never throw', () => {
    const xmlish = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .tuple(
          fc.constantFrom('ScannerStatus', 'ScannerCapabilities', 'ScanSettings'),
          fc.string({ maxLength: 80 }),
        )
        .map(([root, body]) => `<?xml version="1.0"?><${root}>${body}</${root}>`),
    );
    fc.assert(
      fc.property(xmlish, (text) => {
        for (const decode of [decodeStatus, decodeCapabilities, decodeScanSettings]) {
          const result = decode(text);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
