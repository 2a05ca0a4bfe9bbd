/**
 * The image decoder in its worker thread (zxing-wasm, .wasm read from node_modules, no
 * network) on generated A4 pages: every symbol of a page with its position, GS1 content,
 * inverted codes, raw pixels and encoded JPEG/PNG input, and clear errors for bad input.
 * Speed is measured by `npm run bench -- barcode`, not asserted here.
 */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createImageDecoder } from '../../../drivers/barcode/image-decoder.js';
import { generateCorpus, pagePng } from '../../../bench/barcode-corpus.js';

const decoder = createImageDecoder();
afterAll(() => decoder.close());

describe('image decoder (zxing-wasm in a worker)', () => {
  it('finds all four codes of a scan-like 200-dpi page with their positions', async () => {
    const [page] = await generateCorpus({ only: ['four-codes-scan'], dpis: [200] });
    if (!page) throw new Error('no page');
    const symbols = await decoder.decode({
      data: page.gray,
      width: page.width,
      height: page.height,
    });

    expect(symbols.map((s) => s.text).sort()).toEqual(page.expected.map((e) => e.text).sort());
    const byKind = Object.fromEntries(symbols.map((s) => [s.code.kind, s]));
    expect(byKind['receipt']).toMatchObject({
      format: 'QRCode',
      symbology: 'qr',
      symbologyIdentifier: ']Q1',
    });
    expect(byKind['permit']).toMatchObject({ format: 'PDF417', symbology: 'pdf417' });
    const gs1 = symbols.filter((s) => s.code.kind === 'batch');
    expect(gs1.map((s) => s.symbology).sort()).toEqual(['gs1-128', 'gs1-datamatrix']);
    expect(gs1.find((s) => s.symbology === 'gs1-datamatrix')?.gs1).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '17', value: '281231' },
      { ai: '10', value: 'LOT2026A' },
      { ai: '21', value: 'S000123' },
    ]);
    // The QR sits in the top-right corner, the DataMatrix bottom-right, the PDF417 bottom-left.
    const qr = byKind['receipt']!.box;
    expect(qr.x).toBeGreaterThan(page.width * 0.7);
    expect(qr.y).toBeLessThan(page.height * 0.15);
    const pdf = symbols.find((s) => s.format === 'PDF417')!.box;
    expect(pdf.x).toBeLessThan(page.width * 0.2);
    expect(pdf.y).toBeGreaterThan(page.height * 0.8);
  });

  it('reads inverted codes and encoded PNG and JPEG pages', async () => {
    const pages = await generateCorpus({
      only: ['qr-inverted', 'gs1-datamatrix-inverted'],
      dpis: [200],
    });
    for (const page of pages) {
      const png = await pagePng(page);
      const symbols = await decoder.decode(png, { formats: page.hints });
      expect(symbols.map((s) => [s.text, s.inverted])).toEqual([[page.expected[0]!.text, true]]);
    }
    const jpeg = await sharp(await pagePng(pages[0]!))
      .jpeg({ quality: 75 })
      .toBuffer();
    expect((await decoder.decode(jpeg)).map((s) => s.code.kind)).toEqual(['receipt']);
  });

  it('takes RGBA pixels and answers an empty list for a page without codes', async () => {
    const [page] = await generateCorpus({ only: ['qr-rotated-30-jpeg50'], dpis: [200] });
    const { data, info } = await sharp(page!.gray, {
      raw: { width: page!.width, height: page!.height, channels: 1 },
    })
      .ensureAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    const symbols = await decoder.decode(
      { data, width: info.width, height: info.height },
      { formats: ['qr'] },
    );
    expect(symbols).toHaveLength(1);
    expect(Math.abs(symbols[0]!.orientation)).toBeGreaterThan(20);

    const blank = new Uint8Array(800 * 600).fill(255);
    expect(await decoder.decode({ data: blank, width: 800, height: 600 })).toEqual([]);
  });

  it('names the problem with bad input and keeps working afterwards', async () => {
    await expect(decoder.decode({ data: new Uint8Array(10), width: 4, height: 4 })).rejects.toThrow(
      /not 1, 3 or 4 channels of 4×4/,
    );
    await expect(decoder.decode(new Uint8Array(0))).rejects.toThrow(/encoded image is empty/);
    await expect(decoder.decode(Buffer.from('not an image'))).rejects.toThrow(
      /barcode image decoding failed/,
    );
    const [page] = await generateCorpus({ only: ['code128'], dpis: [200] });
    expect(
      (
        await decoder.decode(
          { data: page!.gray, width: page!.width, height: page!.height },
          { formats: ['code128'] },
        )
      )[0]?.code.kind,
    ).toBe('batch');
  });

  it('ends a decode that takes too long; the next decode gets a fresh worker', async () => {
    const [page] = await generateCorpus({ only: ['qr'], dpis: [300] });
    const image = { data: page!.gray, width: page!.width, height: page!.height };
    // 1 ms is shorter than loading the worker and its WASM, let alone a 300-dpi page.
    const impatient = createImageDecoder({ timeoutMs: 1 });
    await expect(impatient.decode(image)).rejects.toThrow(/took longer than 1 ms/);
    // Straight after: a new worker takes it (and times out too), not the ended one.
    await expect(impatient.decode(image)).rejects.toThrow(/took longer than 1 ms/);
    await impatient.close();
    await expect(impatient.decode(image)).rejects.toThrow(/closed/);
    const patient = createImageDecoder();
    expect((await patient.decode(image, { formats: ['qr'] })).map((s) => s.code.kind)).toEqual([
      'receipt',
    ]);
    await patient.close();
  });
});
