/**
 * The page pipeline: raw scanner pages -> one-channel grey JPEGs (mozjpeg) at the configured
 * resolution -> one PDF per material (pdf-lib). Every output file carries its SHA-256.
 *
 * Why grey, 200 dpi, mozjpeg q75: text stays legible for a department reviewer and an A4
 * page lands around 0.3-0.5 MB, which the central API accepts per file. sharp's
 * `toColourspace('b-w')` is what actually yields one channel; `greyscale()` alone can keep
 * three identical channels in the JPEG, so every page is checked after encoding.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Result } from '../common/result.js';
import { err, ok } from '../common/result.js';
import type { RawPage } from './types.js';
import { MM_PER_INCH } from './types.js';

export interface PipelineSettings {
  /** Output resolution, dpi. */
  readonly resolutionDpi: number;
  /** mozjpeg quality 1-100. */
  readonly jpegQuality: number;
  /** Lowest quality tried when a page is over `maxPageBytes` before giving up. */
  readonly minJpegQuality: number;
  /** Drop pages that carry no ink (the blank backs of single-sided sheets from the feeder). */
  readonly dropBlankPages: boolean;
  /**
   * Share of "ink" pixels (clearly darker than the paper) under which a page counts as blank.
   * 0.001 = 0.1 %: a page with one short line of text has more.
   */
  readonly blankInkRatio: number;
  readonly maxPageBytes: number;
  readonly maxMaterialPages: number;
  readonly maxMaterialBytes: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  resolutionDpi: 200,
  jpegQuality: 75,
  minJpegQuality: 45,
  dropBlankPages: true,
  blankInkRatio: 0.001,
  maxPageBytes: 2 * 1024 * 1024,
  maxMaterialPages: 30,
  maxMaterialBytes: 20 * 1024 * 1024,
};

/** One finished page of a material. */
export interface ScannedPage {
  readonly jpeg: Buffer;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly resolutionDpi: number;
  readonly bytes: number;
}

export interface MaterialPdf {
  readonly pdf: Buffer;
  readonly sha256: string;
  readonly bytes: number;
  readonly pages: number;
}

/** Limits a scan can run into; the service turns them into a message for the applicant. */
export type LimitProblem =
  | {
      readonly code: 'page-too-large';
      readonly page: number;
      readonly bytes: number;
      readonly limitBytes: number;
    }
  | {
      readonly code: 'too-many-pages';
      readonly limitPages: number;
      readonly keptPages: number;
      readonly droppedPages: number;
    }
  | {
      readonly code: 'material-too-large';
      readonly limitBytes: number;
      readonly keptPages: number;
      readonly droppedPages: number;
    };

export type PageProblem =
  | { readonly code: 'unreadable-image'; readonly page: number; readonly message: string }
  | Extract<LimitProblem, { code: 'page-too-large' }>;

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** How a page's pixels look, from a reduced copy: used for blank detection. */
export interface InkMeasure {
  /** Paper brightness, 0-255 (the 90th percentile of the page). */
  readonly paperLevel: number;
  /** Share of pixels at least `INK_CONTRAST` darker than the paper. */
  readonly inkRatio: number;
}

/** Grey levels below the paper that count as ink; scanner noise stays well under this. */
const INK_CONTRAST = 64;
/** Pixels sampled across the page width for blank detection: about 50 per inch on A4. */
const MEASURE_SAMPLES_ACROSS = 400;
/** Border ignored when measuring ink: feeders leave dark edges and shadows at the margins. */
const MEASURE_MARGIN = 0.04;

/** An 8-bit one-channel image in memory. */
export interface GreyPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Paper level and ink share from a grid of single pixels (not an averaged thumbnail:
 * averaging would wash thin strokes out into paper-coloured grey).
 */
export function measureInk(image: GreyPixels): InkMeasure {
  const step = Math.max(1, Math.floor(image.width / MEASURE_SAMPLES_ACROSS));
  const mx = Math.floor(image.width * MEASURE_MARGIN);
  const my = Math.floor(image.height * MEASURE_MARGIN);
  const histogram = new Uint32Array(256);
  let count = 0;
  for (let y = my; y < image.height - my; y += step) {
    for (let x = mx; x < image.width - mx; x += step) {
      histogram[image.data[y * image.width + x]!]!++;
      count++;
    }
  }
  // The 90th percentile: robust against text and against a few bright specks.
  let seen = 0;
  let paperLevel = 255;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level]!;
    if (seen >= count * 0.9) {
      paperLevel = level;
      break;
    }
  }
  let ink = 0;
  for (let level = 0; level < Math.max(0, paperLevel - INK_CONTRAST); level++) {
    ink += histogram[level]!;
  }
  return { paperLevel, inkRatio: count === 0 ? 0 : ink / count };
}

/**
 * Turns one raw page into the kiosk's page format. Returns `undefined` for a blank page when
 * blank dropping is on; an error when the image cannot be decoded or stays over the limit.
 * The page is decoded once, to grey pixels at the output resolution; the blank check and
 * every encoding attempt work from those pixels.
 */
export async function processPage(
  raw: RawPage,
  settings: PipelineSettings,
  options: { dropBlank: boolean },
): Promise<Result<ScannedPage | undefined, PageProblem>> {
  let grey: GreyPixels;
  try {
    const input = sharp(raw.image, { failOn: 'error' });
    const meta = await input.metadata();
    // Resample when the device could not scan at the configured resolution.
    const scale = settings.resolutionDpi / raw.resolutionDpi;
    const resize =
      scale === 1
        ? undefined
        : {
            width: Math.max(1, Math.round(meta.autoOrient.width * scale)),
            height: Math.max(1, Math.round(meta.autoOrient.height * scale)),
            kernel: 'lanczos3' as const,
          };
    const { data, info } = await input
      .autoOrient()
      .resize(resize)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`grey conversion gave ${info.channels} channels`);
    grey = { data, width: info.width, height: info.height };
  } catch (e) {
    return err({ code: 'unreadable-image', page: raw.index, message: (e as Error).message });
  }

  if (options.dropBlank && measureInk(grey).inkRatio < settings.blankInkRatio) {
    return ok(undefined);
  }

  for (
    let quality = settings.jpegQuality;
    ;
    quality = Math.max(settings.minJpegQuality, quality - 10)
  ) {
    const { data, info } = await sharp(grey.data, {
      raw: { width: grey.width, height: grey.height, channels: 1 },
    })
      // Raw one-channel input is otherwise written as sRGB (three identical channels).
      .toColourspace('b-w')
      .withDensity(settings.resolutionDpi)
      .jpeg({ mozjpeg: true, quality })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) {
      // A programmer error (a sharp change), not something a person can fix: fail loudly.
      throw new Error(`pipeline produced ${info.channels} channels; expected one grey channel`);
    }
    if (data.length <= settings.maxPageBytes) {
      return ok({
        jpeg: data,
        sha256: sha256Hex(data),
        width: info.width,
        height: info.height,
        resolutionDpi: settings.resolutionDpi,
        bytes: data.length,
      });
    }
    if (quality <= settings.minJpegQuality) {
      return err({
        code: 'page-too-large',
        page: raw.index,
        bytes: data.length,
        limitBytes: settings.maxPageBytes,
      });
    }
  }
}

/** PDF points per inch. */
const POINTS_PER_INCH = 72;

/**
 * One PDF with each page sized to the scan (A4 at any dpi becomes 595 x 842 pt). The JPEGs
 * are embedded as they are (DCTDecode, /DeviceGray), so the PDF is barely larger than them.
 * Creation and modification dates are fixed so the same pages give the same PDF and hash.
 */
export async function assemblePdf(
  pages: readonly ScannedPage[],
  title: string,
): Promise<MaterialPdf> {
  if (pages.length === 0) throw new RangeError('assemblePdf needs at least one page');
  const doc = await PDFDocument.create();
  const epoch = new Date(0);
  doc.setTitle(title);
  doc.setProducer('Hall Kiosk');
  doc.setCreator('Hall Kiosk scanner pipeline');
  doc.setCreationDate(epoch);
  doc.setModificationDate(epoch);
  for (const page of pages) {
    const image = await doc.embedJpg(page.jpeg);
    const w = (page.width / page.resolutionDpi) * POINTS_PER_INCH;
    const h = (page.height / page.resolutionDpi) * POINTS_PER_INCH;
    doc.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  const pdf = Buffer.from(await doc.save({ useObjectStreams: true }));
  return { pdf, sha256: sha256Hex(pdf), bytes: pdf.length, pages: pages.length };
}

/** Page size in millimetres, for messages and the PDF check in tests. */
export function pageSizeMm(page: Pick<ScannedPage, 'width' | 'height' | 'resolutionDpi'>): {
  widthMm: number;
  heightMm: number;
} {
  return {
    widthMm: (page.width / page.resolutionDpi) * MM_PER_INCH,
    heightMm: (page.height / page.resolutionDpi) * MM_PER_INCH,
  };
}
