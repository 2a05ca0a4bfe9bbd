import { describe, expect, it } from 'vitest';
import {
  decodeAnswer,
  decodeCardData,
  encodeAnswer,
  encodeCardData,
  encodeCommand,
  encodeNamedCommand,
  formatSamId,
  FrameParser,
  MAX_LENGTH_FIELD,
  wireTimeMs,
  type ParserEvent,
} from '../../../drivers/id-card/codec.js';
import { describeSw3, SW3 } from '../../../drivers/id-card/status.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

function frames(events: ParserEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [toHex(e.body)] : []));
}

describe('command frames (checksums recomputed by hand from the protocol tables)', () => {
  it.each([
    ['resetSam', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['readSamId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readText', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readAppendedAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readTextWithFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
  ] as const)('%s is %s', (name, expected) => {
    expect(toHex(encodeNamedCommand(name))).toBe(expected);
  });

  it('encodes a command with data (set RF frame size 61 FF 50)', () => {
    expect(toHex(encodeCommand(0x61, 0xff, Uint8Array.of(0x50)))).toBe(
      'AA AA AA 96 69 00 04 61 FF 50 CA',
    );
  });
});

describe('answer frames', () => {
  it.each([
    [SW3.SUCCESS, '', 'AA AA AA 96 69 00 04 00 00 90 94'],
    [SW3.SAM_SELF_TEST_FAILED, '', 'AA AA AA 96 69 00 04 00 00 60 64'],
    [SW3.FIND_SUCCESS, '00000000', 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
    [SW3.FIND_FAILED, '', 'AA AA AA 96 69 00 04 00 00 80 84'],
    [SW3.SUCCESS, '0000000000000000', 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
    [SW3.SELECT_FAILED, '', 'AA AA AA 96 69 00 04 00 00 81 85'],
    [SW3.READ_FAILED, '', 'AA AA AA 96 69 00 04 00 00 41 45'],
  ])('SW3 %i with data "%s" is the canned frame', (sw3, data, expected) => {
    expect(toHex(encodeAnswer(sw3, hex(data)))).toBe(expected);
  });

  it('decodes SW1..SW3 and data', () => {
    const body = hex('00 00 9F 01 02 03 04');
    expect(decodeAnswer(body)).toEqual({
      ok: true,
      value: { sw1: 0, sw2: 0, sw3: 0x9f, data: hex('01020304') },
    });
    expect(decodeAnswer(hex('00 00'))).toEqual({
      ok: false,
      error: 'answer body has 2 bytes; SW1-SW3 need 3',
    });
  });
});

describe('FrameParser', () => {
  const status = hex('AA AA AA 96 69 00 04 00 00 90 94');
  const find = hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');

  it('parses back-to-back frames in one chunk', () => {
    const parser = new FrameParser();
    const events = parser.push(Uint8Array.from([...status, ...find]));
    expect(frames(events)).toEqual(['00 00 90', '00 00 9F 00 00 00 00']);
    expect(parser.bufferedBytes).toBe(0);
  });

  it('resynchronises after the junk-prefixed reply seen in the field (AA 00 AA AA 96 69 ...)', () => {
    const parser = new FrameParser();
    const events = parser.push(Uint8Array.from([0xaa, 0x00, ...status]));
    expect(events[0]).toEqual({ kind: 'junk', bytes: 2 });
    expect(frames(events)).toEqual(['00 00 90']);
  });

  it('reassembles a frame delivered one byte at a time', () => {
    const parser = new FrameParser();
    const events = [...find].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
    expect(events.filter((e) => e.kind !== 'frame')).toEqual([]);
  });

  it('keeps a preamble split across reads', () => {
    const parser = new FrameParser();
    expect(parser.push(Uint8Array.from([0x11, 0xaa, 0xaa]))).toEqual([{ kind: 'junk', bytes: 1 }]);
    expect(parser.bufferedBytes).toBe(2);
    expect(frames(parser.push(status.subarray(2)))).toEqual(['00 00 90']);
  });

  it('rejects a bad checksum and still finds the next frame', () => {
    const bad = status.slice();
    bad[bad.length - 1] = 0x00;
    const parser = new FrameParser();
    const events = parser.push(Uint8Array.from([...bad, ...find]));
    expect(events.some((e) => e.kind === 'bad-checksum')).toBe(true);
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('treats an impossible length as a false preamble instead of waiting for it', () => {
    const parser = new FrameParser();
    const huge = hex('AA AA AA 96 69 FF FF');
    const events = parser.push(Uint8Array.from([...huge, ...status]));
    expect(events).toContainEqual({ kind: 'bad-length', lengthField: 0xffff });
    expect(frames(events)).toEqual(['00 00 90']);
    const tooShort = parser.push(hex('AA AA AA 96 69 00 02 00 02'));
    expect(tooShort).toContainEqual({ kind: 'bad-length', lengthField: 2 });
  });

  it('holds at most one maximal frame while waiting', () => {
    const parser = new FrameParser();
    const header = hex(`AA AA AA 96 69 ${MAX_LENGTH_FIELD.toString(16).padStart(4, '0')}`);
    parser.push(header);
    parser.push(new Uint8Array(MAX_LENGTH_FIELD - 1));
    expect(parser.bufferedBytes).toBe(7 + MAX_LENGTH_FIELD - 1);
    // Junk without any preamble is dropped, keeping only a possible preamble start.
    const junkOnly = new FrameParser();
    junkOnly.push(new Uint8Array(100_000).fill(0x55));
    expect(junkOnly.bufferedBytes).toBe(0);
  });
});

describe('card data (parsed by the length fields, not by total size)', () => {
  const text = new Uint8Array(256).fill(0x20);
  const photo = new Uint8Array(1024).fill(0x57);
  const fingerprint = new Uint8Array(1024).fill(0x46);

  it('text + photo (30 01): a 1295-byte frame', () => {
    const data = encodeCardData({ text, photo }, false);
    expect(encodeAnswer(SW3.SUCCESS, data).length).toBe(1295);
    expect(toHex(data.subarray(0, 4))).toBe('01 00 04 00');
    const decoded = decodeCardData(data, false);
    expect(decoded.ok && decoded.value.photo).toEqual(photo);
  });

  it('text + photo + fingerprint (30 10): a 2321-byte frame', () => {
    const data = encodeCardData({ text, photo, fingerprint }, true);
    expect(encodeAnswer(SW3.SUCCESS, data).length).toBe(2321);
    expect(toHex(data.subarray(0, 6))).toBe('01 00 04 00 04 00');
    const decoded = decodeCardData(data, true);
    expect(decoded.ok && decoded.value.fingerprint).toEqual(fingerprint);
  });

  it('30 10 on a card without fingerprint: FpLen 0, a 1297-byte frame', () => {
    const data = encodeCardData({ text, photo }, true);
    expect(encodeAnswer(SW3.SUCCESS, data).length).toBe(1297);
    const decoded = decodeCardData(data, true);
    expect(decoded.ok && decoded.value.fingerprint).toBeUndefined();
    expect(decoded.ok && decoded.value.photo.length).toBe(1024);
  });

  it('names the mismatch when the length fields disagree with the frame', () => {
    const data = encodeCardData({ text, photo }, false).subarray(0, 1000);
    expect(decodeCardData(data, false)).toEqual({
      ok: false,
      error:
        'card data length fields (text 256, photo 1024, fingerprint 0) add up to 1284 bytes but the answer carries 1000',
    });
  });
});

describe('SAM ID and status meanings', () => {
  it('formats the 16-byte SAM ID as printed on reader labels', () => {
    const id = hex('05 00 01 00 39 30 00 00 15 CD 5B 07 B1 68 DE 3A');
    expect(formatSamId(id)).toEqual({ ok: true, value: '05.01-12345-0123456789-0987654321' });
    expect(formatSamId(new Uint8Array(3)).ok).toBe(false);
  });

  it('describes statuses, including unknown ones', () => {
    expect(describeSw3(0x60)).toMatchObject({ name: 'SAM_SELF_TEST_FAILED', category: 'sam' });
    expect(describeSw3(0x66).meaning).toBe('SAM not authorised');
    expect(describeSw3(0x80).category).toBe('no-card');
    expect(describeSw3(0x41).category).toBe('card');
    expect(describeSw3(0x5a)).toMatchObject({ meaning: 'unknown SAM status 0x5A', hex: '5A' });
  });

  it('computes UART wire time at 8N1', () => {
    expect(wireTimeMs(2321, 115200)).toBeCloseTo(201.5, 1);
    expect(wireTimeMs(2321, 9600)).toBeCloseTo(2417.7, 1);
  });
});
