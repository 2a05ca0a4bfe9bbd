/** Property tests and fuzzing of both reader wire formats (serial frames, HID POS reports). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HidReassembler,
  MAX_REASSEMBLED_BYTES,
  encodeHidReports,
  parseHidReport,
  type HidReportLayout,
} from '../../../drivers/barcode/hid-reports.js';
import { interpretScan } from '../../../drivers/barcode/scan.js';
import {
  ScanFramer,
  suffixBytes,
  type SerialSuffix,
} from '../../../drivers/barcode/serial-framing.js';
import { serialScanBytes } from '../../../drivers/barcode/serial-simulator.js';
import { decodePayload, encodePayload } from '../../../drivers/barcode/text-encoding.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();

/** Characters of real kiosk texts: company names, addresses, permit wording, digits. */
const HANZI = [
  ...'浏阳市红星烟花爆竹有限公司危险货物运输批发物流萍乡莲花县北京朝阳区深圳福田杭州西湖工业园示例路号',
  ...'道路许可证申请受理编号回执查询进度王李张刘陈杨赵黄周吴徐孙胡朱高林伟芳娜敏静强磊洋艳勇军杰',
];
const KIOSK_CHARS = [...HANZI, ...'0123456789ABCDEFXYZ-：，。（）·'];
/**
 * Kiosk texts start with a hanzi: a code made only of ASCII and a middle dot is ambiguous by
 * nature (`C2 B7` is both UTF-8 "·" and GBK "路") and does not occur.
 */
const kioskText = fc
  .tuple(fc.constantFrom(...HANZI), fc.array(fc.constantFrom(...KIOSK_CHARS), { maxLength: 60 }))
  .map(([first, rest]) => first + rest.join(''));

/** Split points for a byte array: USB packetisation and tty reads cut anywhere. */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(at, p));
    at = p;
  }
  return chunks;
}

describe('payload text encoding', () => {
  it.each(['utf-8', 'gb18030'] as const)('kiosk text survives %s', (encoding) => {
    fc.assert(
      fc.property(kioskText, (text) => {
        expect(decodePayload(encodePayload(text, encoding))).toMatchObject({ text, lossy: false });
      }),
      { numRuns: runs },
    );
  });
});

describe('serial frames', () => {
  it.each(['CR', 'CRLF'] as const)(
    'codes come out whole whatever the chunking (%s)',
    (suffix: SerialSuffix) => {
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(
              kioskText,
              fc.constantFrom('utf-8', 'gb18030' as const),
              fc.option(fc.constantFrom(']Q1', ']C0', ']d1')),
            ),
            { minLength: 1, maxLength: 5 },
          ),
          fc.array(fc.nat(), { maxLength: 8 }),
          (codes, cuts) => {
            const wire = codes.flatMap(([text, encoding, aim]) => [
              ...serialScanBytes(
                { text, encoding, ...(aim ? { symbologyIdentifier: aim } : {}) },
                suffix,
              ),
            ]);
            const framer = new ScanFramer(suffix);
            const frames = chunk(Uint8Array.from(wire), cuts).flatMap((c) => framer.push(c));
            expect(framer.pendingBytes).toBe(0);
            const scans = frames.map((f) => {
              if (f.type !== 'frame') throw new Error('overflow');
              return interpretScan(f.bytes, { readerId: 'r' });
            });
            expect(scans.map((s) => s.text)).toEqual(codes.map(([text]) => text));
            expect(scans.map((s) => s.symbologyIdentifier)).toEqual(
              codes.map(([, , aim]) => aim ?? undefined),
            );
          },
        ),
        { numRuns: runs },
      );
    },
  );

  it('never throws on arbitrary bytes and keeps no more than the frame limit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SerialSuffix>('CR', 'CRLF', 'none'),
        fc.uint8Array({ maxLength: 300 }),
        (suffix, bytes) => {
          const framer = new ScanFramer(suffix);
          const events = [...framer.push(bytes), framer.flush()];
          for (const e of events) {
            if (e?.type === 'frame') {
              expect(e.bytes).not.toContain(suffix === 'CR' ? 0x0d : -1);
              expect(typeof interpretScan(e.bytes, { readerId: 'r' }).code.kind).toBe('string');
            }
          }
        },
      ),
      { numRuns: runs },
    );
    expect([...suffixBytes('CRLF')]).toEqual([0x0d, 0x0a]);
  });
});

function parseOk(layout: HidReportLayout, report: Uint8Array) {
  const parsed = parseHidReport(layout, report);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Feeds one code's reports (and the pause a Newland code may need); returns its data. */
function reassembleOne(
  reassembler: HidReassembler,
  layout: HidReportLayout,
  data: Uint8Array,
): Uint8Array | undefined {
  let complete;
  for (const report of encodeHidReports(layout, { data })) {
    complete = reassembler.push(parseOk(layout, report)) ?? complete;
  }
  if (complete) return complete.data;
  const flushed = reassembler.flush();
  return flushed && 'complete' in flushed ? flushed.complete.data : undefined;
}

describe('HID POS reports', () => {
  it.each(['honeywell', 'newland'] as const)(
    '%s: any payload round-trips through reports and reassembly',
    (layout: HidReportLayout) => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 700 }),
          fc.option(fc.constantFrom(']Q1', ']d2', ']L2')),
          (data, aim) => {
            const reports = encodeHidReports(layout, {
              data,
              ...(aim ? { symbologyIdentifier: aim } : {}),
            });
            expect(reports.every((r) => r.length === 64)).toBe(true);
            const reassembler = new HidReassembler();
            const complete = reports.map((r) => {
              const parsed = parseHidReport(layout, r);
              if (!parsed.ok) throw new Error(parsed.error);
              return reassembler.push(parsed.value);
            });
            // Only the last report may complete the code; a full last Newland report needs the pause.
            expect(complete.slice(0, -1).every((c) => c === undefined)).toBe(true);
            const last = complete.at(-1);
            const result =
              last ??
              (() => {
                const f = reassembler.flush();
                if (!f || !('complete' in f))
                  throw new Error('expected a complete code after the pause');
                return f.complete;
              })();
            expect(result.data).toEqual(data);
            if (layout === 'honeywell') expect(result.symbologyIdentifier).toBe(aim ?? undefined);
          },
        ),
        { numRuns: runs },
      );
    },
  );

  it('a reader that never ends a code cannot grow memory past the reassembly cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HidReportLayout>('honeywell', 'newland'),
        fc.integer({ min: 1, max: 40 }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        (layout, codes, next) => {
          // Many codes' reports with the final "no more" flag lost: one endless code.
          const reassembler = new HidReassembler();
          const payload = new Uint8Array(MAX_REASSEMBLED_BYTES / 4).fill(0x41);
          let dropped = 0;
          for (let i = 0; i < codes; i++) {
            const reports = encodeHidReports(layout, { data: payload });
            for (const report of reports.slice(0, -1)) {
              expect(reassembler.push(parseOk(layout, report))).toBeUndefined();
              expect(reassembler.heldBytes).toBeLessThanOrEqual(MAX_REASSEMBLED_BYTES);
              if (reassembler.takeDropped()) dropped++;
            }
          }
          // Dropped once, not once per report, and only when the stream passed the cap.
          const streamed = codes * (payload.length - (payload.length % 56 || 56));
          expect(dropped).toBe(streamed > MAX_REASSEMBLED_BYTES ? 1 : 0);
          // The pause ends the endless code; the next code comes out whole.
          const flushed = reassembler.flush();
          if (dropped) expect(flushed).toBeUndefined();
          expect(reassembleOne(reassembler, layout, next)).toEqual(next);
        },
      ),
      { numRuns: Math.min(runs, 300) },
    );
  });

  it('an over-long code is dropped whole and the next code is reassembled intact', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HidReportLayout>('honeywell', 'newland'),
        fc.integer({ min: MAX_REASSEMBLED_BYTES + 1, max: 3 * MAX_REASSEMBLED_BYTES }),
        fc.uint8Array({ minLength: 1, maxLength: MAX_REASSEMBLED_BYTES }),
        (layout, longLength, next) => {
          const reassembler = new HidReassembler();
          const long = new Uint8Array(longLength).fill(0x5a);
          const drops = [];
          for (const report of encodeHidReports(layout, { data: long })) {
            // No part of the over-long code, its tail included, comes out as a code.
            expect(reassembler.push(parseOk(layout, report))).toBeUndefined();
            expect(reassembler.heldBytes).toBeLessThanOrEqual(MAX_REASSEMBLED_BYTES);
            const d = reassembler.takeDropped();
            if (d) drops.push(d);
          }
          expect(drops).toHaveLength(1);
          expect(drops[0]!.bytes).toBeGreaterThan(MAX_REASSEMBLED_BYTES);
          // Newland has no end flag: a full last report needs the reader's pause, as always.
          if (layout === 'newland') reassembler.flush();
          expect(reassembleOne(reassembler, layout, next)).toEqual(next);
        },
      ),
      { numRuns: Math.min(runs, 500) },
    );
  });

  it('reassembly holds at most the cap for any stream of scanned-data reports', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HidReportLayout>('honeywell', 'newland'),
        fc.array(
          fc.record({
            length: fc.integer({ min: 0, max: 56 }),
            more: fc.boolean(),
            pause: fc.boolean(),
          }),
          { maxLength: 400 },
        ),
        (layout, steps) => {
          const reassembler = new HidReassembler();
          for (const step of steps) {
            const report = new Uint8Array(64);
            report[0] = 0x02;
            report[1] = step.length;
            report[63] = step.more ? 1 : 0;
            const complete = reassembler.push(parseOk(layout, report));
            expect(reassembler.heldBytes).toBeLessThanOrEqual(MAX_REASSEMBLED_BYTES);
            if (complete) expect(complete.data.length).toBeLessThanOrEqual(MAX_REASSEMBLED_BYTES);
            if (step.pause) reassembler.flush();
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('parsing never throws on arbitrary reports', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HidReportLayout>('honeywell', 'newland'),
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          fc.uint8Array({ minLength: 64, maxLength: 64 }).map((r) => ((r[0] = 2), r)),
        ),
        (layout, report) => {
          const parsed = parseHidReport(layout, report);
          if (parsed.ok) {
            expect(parsed.value.data.length).toBeLessThanOrEqual(56);
            interpretScan(parsed.value.data, {
              readerId: 'r',
              ...(parsed.value.symbologyIdentifier
                ? { symbologyIdentifier: parsed.value.symbologyIdentifier }
                : {}),
            });
          } else {
            expect(parsed.error.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
