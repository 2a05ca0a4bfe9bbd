import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSheet, type SyntheticSheet } from '../../../drivers/scanner/documents.js';
import {
  assemblePdf,
  DEFAULT_PIPELINE_SETTINGS,
  measureInk,
  pageSizeMm,
  processPage,
  type ScannedPage,
} from '../../../drivers/scanner/pipeline.js';
import type { RawPage } from '../../../drivers/scanner/types.js';

/** A sheet as a colour scanner would deliver it: RGB JPEG at `dpi`. */
async function colourScan(sheet: SyntheticSheet, dpi: number, index = 1): Promise<RawPage> {
  const raw = await renderSheet(sheet, dpi, true);
  const image = await sharp(raw.data, {
    raw: { width: raw.width, height: raw.height, channels: raw.channels },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
  return { index, image, mediaType: 'image/jpeg', resolutionDpi: dpi };
}

const contract: SyntheticSheet = { kind: 'purchase-contract', page: 1, seed: 4 };
const blank: SyntheticSheet = { kind: 'blank-sheet', page: 1, seed: 0 };

describe('page pipeline', () => {
  let contract300: RawPage;
  let blank150: RawPage;
  beforeAll(async () => {
    contract300 = await colourScan(contract, 300);
    blank150 = await colourScan(blank, 150, 2);
  });

  it('turns a 300 dpi colour page into a one-channel grey mozjpeg at 200 dpi', async () => {
    expect((await sharp(contract300.image).metadata()).channels).toBe(3);
    const result = await processPage(contract300, DEFAULT_PIPELINE_SETTINGS, { dropBlank: false });
    expect(result.ok).toBe(true);
    if (!result.ok || !result.value) return;
    const page = result.value;
    const meta = await sharp(page.jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.channels).toBe(1);
    expect(meta.space).toBe('b-w');
    expect(meta.density).toBe(200);
    // A4 at 200 dpi.
    expect([page.width, page.height]).toEqual([1653, 2339]);
    expect(pageSizeMm(page).widthMm).toBeCloseTo(210, 0);
    expect(page.bytes).toBe(page.jpeg.length);
    expect(page.bytes).toBeLessThanOrEqual(DEFAULT_PIPELINE_SETTINGS.maxPageBytes);
    expect(page.sha256).toBe(createHash('sha256').update(page.jpeg).digest('hex'));
  });

  it('keeps the scan resolution when it matches the setting', async () => {
    const result = await processPage(
      blank150,
      { ...DEFAULT_PIPELINE_SETTINGS, resolutionDpi: 150 },
      { dropBlank: false },
    );
    expect(result.ok && result.value && [result.value.width, result.value.height]).toEqual([
      1240, 1754,
    ]);
  });

  it('drops a blank page only when asked, and keeps a page with text', async () => {
    expect(await processPage(blank150, DEFAULT_PIPELINE_SETTINGS, { dropBlank: true })).toEqual({
      ok: true,
      value: undefined,
    });
    const kept = await processPage(blank150, DEFAULT_PIPELINE_SETTINGS, { dropBlank: false });
    expect(kept.ok && kept.value !== undefined).toBe(true);
    const text = await processPage(contract300, DEFAULT_PIPELINE_SETTINGS, { dropBlank: true });
    expect(text.ok && text.value !== undefined).toBe(true);
  });

  it('measures paper and ink: off-white paper is not ink, a certificate page has some', async () => {
    const grey = async (page: RawPage) => {
      const { data, info } = await sharp(page.image)
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    };
    const paper = measureInk(await grey(blank150));
    expect(paper.paperLevel).toBeGreaterThan(200);
    expect(paper.inkRatio).toBe(0);
    const certificate = await colourScan({ kind: 'quality-certificate', page: 1, seed: 2 }, 100);
    const ink = measureInk(await grey(certificate));
    expect(ink.inkRatio).toBeGreaterThan(DEFAULT_PIPELINE_SETTINGS.blankInkRatio);
    expect(ink.paperLevel).toBe(paper.paperLevel);
  });

  it('steps the quality down to fit the page limit, then refuses with the numbers', async () => {
    const full = await processPage(contract300, DEFAULT_PIPELINE_SETTINGS, { dropBlank: false });
    if (!full.ok || !full.value) throw new Error('expected a page');
    // Just under the q75 size: a lower quality must fit.
    const squeezed = await processPage(
      contract300,
      { ...DEFAULT_PIPELINE_SETTINGS, maxPageBytes: full.value.bytes - 1 },
      { dropBlank: false },
    );
    expect(squeezed.ok).toBe(true);
    if (squeezed.ok && squeezed.value) expect(squeezed.value.bytes).toBeLessThan(full.value.bytes);

    const refused = await processPage(
      contract300,
      { ...DEFAULT_PIPELINE_SETTINGS, maxPageBytes: 5_000 },
      { dropBlank: false },
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatchObject({ code: 'page-too-large', page: 1, limitBytes: 5_000 });
      if (refused.error.code === 'page-too-large')
        expect(refused.error.bytes).toBeGreaterThan(5_000);
    }
  });

  it('reports an image it cannot decode', async () => {
    const result = await processPage(
      { index: 3, image: Buffer.from('not an image'), mediaType: 'image/jpeg', resolutionDpi: 200 },
      DEFAULT_PIPELINE_SETTINGS,
      { dropBlank: false },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'unreadable-image', page: 3 });
  });
});

describe('material PDF', () => {
  let pages: ScannedPage[];
  beforeAll(async () => {
    pages = [];
    for (const page of [1, 2]) {
      const raw = await colourScan({ kind: 'purchase-contract', page, seed: 5 }, 100, page);
      const processed = await processPage(
        raw,
        { ...DEFAULT_PIPELINE_SETTINGS, resolutionDpi: 100 },
        { dropBlank: false },
      );
      if (!processed.ok || !processed.value) throw new Error('expected a page');
      pages.push(processed.value);
    }
  });

  it('embeds the grey JPEGs as A4 pages and carries its SHA-256', async () => {
    const material = await assemblePdf(pages, 'purchase-contract');
    expect(material.pages).toBe(2);
    expect(material.bytes).toBe(material.pdf.length);
    expect(material.sha256).toBe(createHash('sha256').update(material.pdf).digest('hex'));
    const text = material.pdf.toString('latin1');
    expect(text).toContain('/DeviceGray');
    expect(text).toContain('/DCTDecode');
    // Barely larger than the JPEGs themselves: nothing was re-encoded.
    const jpegBytes = pages.reduce((s, p) => s + p.bytes, 0);
    expect(material.bytes).toBeGreaterThan(jpegBytes);
    expect(material.bytes).toBeLessThan(jpegBytes + 4_000);

    const doc = await PDFDocument.load(material.pdf);
    expect(doc.getPageCount()).toBe(2);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(595.3, 0); // A4 in points
    expect(height).toBeCloseTo(842, 0);
    expect(doc.getTitle()).toBe('purchase-contract');
  });

  it('gives the same bytes and hash for the same pages', async () => {
    const a = await assemblePdf(pages, 'm');
    const b = await assemblePdf(pages, 'm');
    expect(a.sha256).toBe(b.sha256);
  });

  it('refuses an empty material', async () => {
    await expect(assemblePdf([], 'empty')).rejects.toThrow(/at least one page/);
  });
});
