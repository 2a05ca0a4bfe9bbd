import { describe, expect, it } from 'vitest';
import { describeAimIdentifier, splitAimPrefix } from '../../../drivers/barcode/aim.js';
import { parseHidReport } from '../../../drivers/barcode/hid-reports.js';
import { interpretScan } from '../../../drivers/barcode/scan.js';
import { ScanFramer } from '../../../drivers/barcode/serial-framing.js';
import { decodePayload } from '../../../drivers/barcode/text-encoding.js';
import {
  encodeGs1Raw,
  gs1CheckDigit,
  gs1DateToIso,
  parseGs1Hri,
  parseGs1Raw,
} from '../../../drivers/common/gs1.js';

const GS = '\u001d';
const bytes = (s: string) => new TextEncoder().encode(s);

describe('GS1 element strings', () => {
  it('computes GTIN and SSCC check digits (GS1 General Specifications examples)', () => {
    expect(gs1CheckDigit('0950600013435')).toBe('2');
    expect(gs1CheckDigit('10614141123456789')).toBe('7');
  });

  it('reads raw strings: fixed-length AIs need no GS, variable ones end at GS', () => {
    expect(parseGs1Raw(`${GS}0109506000134352` + `3103000123` + `10AB-1${GS}21XYZ`)).toEqual({
      ok: true,
      value: [
        { ai: '01', value: '09506000134352' },
        { ai: '3103', value: '000123' },
        { ai: '10', value: 'AB-1' },
        { ai: '21', value: 'XYZ' },
      ],
    });
    // A reader that also puts GS after a fixed-length value is tolerated.
    expect(parseGs1Raw(`0109506000134352${GS}10A`).ok).toBe(true);
  });

  it('names the problem', () => {
    expect(parseGs1Raw('0109506000134353')).toEqual({
      ok: false,
      error: 'AI (01) GTIN has a wrong check digit',
    });
    expect(parseGs1Raw(`10${'A'.repeat(21)}`)).toEqual({
      ok: false,
      error: 'AI (10) BATCH/LOT needs 1 to 20 characters, got 21',
    });
    expect(parseGs1Raw(`${GS}${GS}`)).toEqual({ ok: false, error: 'empty GS1 element string' });
    expect(parseGs1Raw(`0109506000134352${GS}5x`)).toEqual({
      ok: false,
      error: 'unknown GS1 application identifier at "5x"',
    });
    expect(parseGs1Raw('17261301')).toEqual({
      ok: false,
      error: 'AI (17) USE BY or EXPIRY is not a date YYMMDD',
    });
    expect(parseGs1Hri('(10)A(99')).toMatchObject({
      ok: false,
      error: expect.stringContaining('malformed GS1 HRI'),
    });
    expect(parseGs1Hri('(10)AB\u00e9')).toMatchObject({
      ok: false,
      error: expect.stringContaining('character set 82'),
    });
  });

  it('dates: day 00 is the last day of the month; the century follows the sliding window', () => {
    const now = new Date('2026-12-03T00:00:00Z');
    expect(gs1DateToIso('280200', now)).toBe('2028-02-29');
    expect(gs1DateToIso('761231', now)).toBe('2076-12-31');
    expect(gs1DateToIso('771231', now)).toBe('1977-12-31');
    expect(gs1DateToIso('991301', now)).toBeUndefined();
  });

  it('puts predefined-length AIs first when writing raw', () => {
    expect(
      encodeGs1Raw([
        { ai: '10', value: 'A' },
        { ai: '21', value: 'B' },
        { ai: '17', value: '261231' },
      ]),
    ).toBe(`17261231` + `10A${GS}21B`);
    expect(() => encodeGs1Raw([{ ai: '10', value: 'a(b' }])).toThrow(/must not contain "\("/);
  });
});

describe('AIM symbology identifiers', () => {
  it.each([
    [']Q1', 'qr', false],
    [']Q3', 'gs1-qr', true],
    [']C0', 'code128', false],
    [']C1', 'gs1-128', true],
    [']d2', 'gs1-datamatrix', true],
    [']E4', 'ean-8', false],
    [']L2', 'pdf417', false],
    [']e0', 'gs1-databar', true],
    [']Y9', 'unknown', false],
  ])('%s is %s (GS1: %s)', (id, symbology, gs1) => {
    expect(describeAimIdentifier(id)).toEqual({ identifier: id, symbology, gs1 });
  });

  it('splits a prefix off, and leaves text without one alone', () => {
    const split = splitAimPrefix(bytes(']Q1hello'));
    expect(split.aim?.symbology).toBe('qr');
    expect(new TextDecoder().decode(split.payload)).toBe('hello');
    expect(splitAimPrefix(bytes(']]x')).aim).toBeUndefined();
    expect(splitAimPrefix(bytes('hi')).aim).toBeUndefined();
  });
});

describe('interpretScan', () => {
  it('drops an inline AIM prefix that repeats the one the transport reported', () => {
    expect(
      interpretScan(bytes(']Q1HELLO'), { readerId: 'r', symbologyIdentifier: ']Q1' }).text,
    ).toBe('HELLO');
    // A different inline prefix is data.
    expect(
      interpretScan(bytes(']C0HELLO'), { readerId: 'r', symbologyIdentifier: ']Q1' }).text,
    ).toBe(']C0HELLO');
  });
});

describe('serial framing', () => {
  it('CR: ignores the LF of a CR LF reader and empty lines', () => {
    const f = new ScanFramer('CR');
    const frames = f.push(bytes('A1\r\nB2\r\r'));
    expect(
      frames.map((e) => (e.type === 'frame' ? new TextDecoder().decode(e.bytes) : e.type)),
    ).toEqual(['A1', 'B2']);
  });

  it('CRLF: a lone CR is data', () => {
    const f = new ScanFramer('CRLF');
    const frames = f.push(bytes('A\rB\r\n'));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ type: 'frame', bytes: bytes('A\rB') });
  });

  it('none: the idle flush ends the code; with a suffix it drops the fragment', () => {
    const none = new ScanFramer('none');
    expect(none.push(bytes('XYZ'))).toEqual([]);
    expect(none.flush()).toEqual({ type: 'frame', bytes: bytes('XYZ') });
    const cr = new ScanFramer('CR');
    cr.push(bytes('junk'));
    expect(cr.flush()).toEqual({ type: 'dropped', bytes: 4 });
    expect(cr.flush()).toBeUndefined();
  });

  it('drops a runaway code over the size limit', () => {
    const f = new ScanFramer('CR');
    const events = f.push(new Uint8Array(5000).fill(0x41));
    expect(events).toEqual([{ type: 'overflow', droppedBytes: 4097 }]);
  });
});

describe('HID reports and payload text', () => {
  it('refuses reports of the wrong size, other IDs and impossible lengths', () => {
    expect(parseHidReport('honeywell', new Uint8Array(63))).toMatchObject({
      ok: false,
      error: expect.stringContaining('64 bytes'),
    });
    const trigger = new Uint8Array(64);
    trigger[0] = 4;
    expect(parseHidReport('newland', trigger)).toMatchObject({
      ok: false,
      error: 'report ID 0x4 is not a scanned-data report',
    });
    const long = new Uint8Array(64);
    long[0] = 2;
    long[1] = 57;
    expect(parseHidReport('honeywell', long)).toMatchObject({
      ok: false,
      error: expect.stringContaining('57 data bytes'),
    });
  });

  it('detects UTF-8 and GBK, and flags bytes neither can read', () => {
    expect(decodePayload(Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]))).toEqual({
      text: '中文',
      encoding: 'gb18030',
      lossy: false,
    });
    expect(decodePayload(bytes('中文'))).toEqual({ text: '中文', encoding: 'utf-8', lossy: false });
    expect(decodePayload(Uint8Array.from([0xff, 0xff, 0x80]))).toMatchObject({
      encoding: 'utf-8',
      lossy: true,
    });
  });
});
