import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  EscPosTokenizer,
  ReceiptAssembler,
  decodeEscPos,
  receiptLines,
  receiptQrPayloads,
  type DecodedReceipt,
} from '../../../drivers/printer/escpos-decoder.js';

let sample: Uint8Array | undefined;

/** One job with every kind of content; built once (the 256 x 256 image takes a while). */
function sampleJob(): Uint8Array {
  if (sample) return sample;
  const encoder = new ReceiptPrinterEncoder({
    printerModel: 'epson-tm-t88vi',
    imageMode: 'raster',
  });
  const gb = iconv.encode('市民服务中心 𠀀', 'gb18030');
  const image = { width: 256, height: 256, data: new Uint8ClampedArray(256 * 256 * 4) };
  for (let i = 0; i < 256 * 256; i++) {
    const black = i % 256 < 128;
    image.data.fill(black ? 0 : 255, i * 4, i * 4 + 3);
    image.data[i * 4 + 3] = 255;
  }
  encoder
    .initialize()
    .line('CITY SERVICE KIOSK')
    .raw([0x1c, 0x26, ...gb, 0x1c, 0x2e])
    .newline()
    .qrcode('https://status.hall-kiosk.example/kiosk/r/APP2026000123', {
      model: 2,
      size: 6,
      errorlevel: 'm',
    })
    .barcode('APP2026000123', 'code128', 60)
    .image(image as never, 256, 256, 'threshold')
    .cut('partial');
  sample = encoder.encode();
  return sample;
}

describe('ESC/POS decoder', () => {
  it('decodes text in both encodings, QR payloads, barcodes, joined raster bands and the cut', () => {
    const { receipts } = decodeEscPos(sampleJob());
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0] as DecodedReceipt;
    expect(receiptLines(receipt).slice(0, 2)).toEqual(['CITY SERVICE KIOSK', '市民服务中心 𠀀']);
    expect(receiptQrPayloads(receipt)).toEqual([
      'https://status.hall-kiosk.example/kiosk/r/APP2026000123',
    ]);
    const qr = receipt.items.find((i) => i.kind === 'qr');
    expect(qr).toMatchObject({ moduleSize: 6, errorLevel: 'M' });
    expect(receipt.items.find((i) => i.kind === 'barcode')).toMatchObject({
      symbology: 'code128',
      data: 'APP2026000123',
      heightDots: 60,
    });
    const raster = receipt.items.filter((i) => i.kind === 'raster');
    expect(raster).toHaveLength(1);
    expect(raster[0]).toMatchObject({ width: 256, height: 256, bands: 2 });
    if (raster[0]?.kind === 'raster') {
      // Left half black, right half white, in every row of both bands.
      expect(raster[0].dots[0]).toBe(1);
      expect(raster[0].dots[255]).toBe(0);
      expect(raster[0].dots[255 * 256 + 127]).toBe(1);
    }
    expect(receipt.cut).toBe('partial');
  });

  it('gives the same receipt whatever the chunking (TCP splits anywhere)', () => {
    const bytes = sampleJob();
    const whole = decodeEscPos(bytes).receipts;
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const tokenizer = new EscPosTokenizer();
      const assembler = new ReceiptAssembler();
      const receipts: DecodedReceipt[] = [];
      for (let i = 0; i < bytes.length; i += size) {
        receipts.push(...assembler.play(tokenizer.push(bytes.subarray(i, i + size))));
      }
      expect(receipts).toEqual(whole);
      expect(tokenizer.pendingBytes).toBe(0);
    }
  });

  it('decodes a text, QR and barcode job fed one byte at a time', () => {
    const encoder = new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t88vi' });
    const gb = iconv.encode('受理回执', 'gb18030');
    const bytes = encoder
      .initialize()
      .raw([0x1c, 0x26, ...gb, 0x1c, 0x2e])
      .newline()
      .qrcode('https://status.hall-kiosk.example/kiosk/r/SL-2026-000123')
      .barcode('SL-2026-000123', 'code128', 60)
      .cut()
      .encode();
    const tokenizer = new EscPosTokenizer();
    const assembler = new ReceiptAssembler();
    const receipts: DecodedReceipt[] = [];
    for (const byte of bytes) receipts.push(...assembler.play(tokenizer.push(Uint8Array.of(byte))));
    expect(receipts).toEqual(decodeEscPos(bytes).receipts);
    expect(receiptLines(receipts[0]!)[0]).toBe('受理回执');
  });

  it('feeds by the line spacing of ESC 3 for a bare LF, and by a text line after ESC 2', () => {
    const { trailing } = decodeEscPos(
      Uint8Array.from([0x1b, 0x33, 0, 0x0a, 0x1b, 0x33, 12, 0x0a, 0x1b, 0x32, 0x0a]),
    );
    expect(trailing.items).toEqual([
      { kind: 'feed', dots: 12 },
      { kind: 'line', segments: [], align: 'left' },
    ]);
  });

  it('decodes the single-byte code table chosen with ESC t', () => {
    // ESC t 16 = Windows-1252, where 0xE9 is é; ESC t 0 = CP437, where 0x82 is é.
    const bytes = Uint8Array.from([
      0x1b, 0x74, 16, 0x43, 0x61, 0x66, 0xe9, 0x0a, 0x1b, 0x74, 0, 0x43, 0x61, 0x66, 0x82, 0x0a,
      0x1d, 0x56, 0x00,
    ]);
    const [receipt] = decodeEscPos(bytes).receipts;
    expect(receiptLines(receipt as DecodedReceipt)).toEqual(['Café', 'Café']);
    expect(receipt?.cut).toBe('full');
  });

  it('reports DLE EOT requests and double-size text, and skips unknown bytes', () => {
    const { tokens, trailing } = decodeEscPos(
      Uint8Array.from([
        0x10, 0x04, 0x02, 0x1d, 0x21, 0x11, 0x41, 0x1c, 0x21, 0x0c, 0x1c, 0x26, 0xd6, 0xd0, 0x1c,
        0x2e, 0x0a, 0x07,
      ]),
    );
    expect(tokens[0]).toEqual({ kind: 'status-request', n: 2 });
    expect(tokens.at(-1)).toEqual({ kind: 'unknown', byte: 0x07 });
    const line = trailing.items[0];
    expect(line?.kind === 'line' && line.segments).toEqual([
      { text: 'A', twoByte: false, bold: false, width: 2, height: 2 },
      { text: '中', twoByte: true, bold: false, width: 2, height: 2 },
    ]);
    expect(trailing.cut).toBeNull();
  });
});
