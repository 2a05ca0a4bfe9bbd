/**
 * A generated corpus of A4 pages carrying the codes a hall meets, for the barcode benchmark and
 * the image decoder's tests. Nothing is stored: pages are drawn at run time with qrcode and
 * bwip-js, placed with sharp, and degraded like real scans (rotation, blur, JPEG).
 *
 * Module sizes follow printed practice at both resolutions: QR about 0.34 mm, PDF417 and
 * Code 128 about 0.25 mm, GS1 DataMatrix about 0.42 mm.
 */
import { generateKeyPairSync } from 'node:crypto';
import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { encodeBatchCode, encodePermitCode, encodeReceiptCode } from '../drivers/common/codes.js';
import { syntheticEnterprise } from '../drivers/common/synthetic.js';
import type { ImageCodeFormat } from '../drivers/barcode/image-decoder.js';

/** A4 in millimetres. */
const A4_MM = { width: 210, height: 297 } as const;
const MM_PER_INCH = 25.4;

export type CorpusCodeKind = 'qr' | 'pdf417' | 'code128' | 'gs1-datamatrix';

export interface ExpectedSymbol {
  readonly kind: CorpusCodeKind;
  /** Text a correct decoder returns (GS1 in bracketed HRI form). */
  readonly text: string;
  /** The same GS1 data as readers transmit it (FNC1 as GS), for decoders that return raw. */
  readonly rawText?: string;
}

export interface CorpusPage {
  readonly name: string;
  readonly dpi: 200 | 300;
  /** 8-bit gray pixels, row-major. */
  readonly gray: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly expected: readonly ExpectedSymbol[];
  /** The formats a caller who knows the page layout would hint. */
  readonly hints: readonly ImageCodeFormat[];
}

const HINT_OF: Readonly<Record<CorpusCodeKind, ImageCodeFormat>> = {
  qr: 'qr',
  pdf417: 'pdf417',
  code128: 'code128',
  'gs1-datamatrix': 'datamatrix',
};

interface Placement {
  readonly kind: CorpusCodeKind;
  /** Top-left corner as a fraction of page width and height (off centre on purpose). */
  readonly at: readonly [number, number];
  readonly rotate?: number;
  readonly invert?: boolean;
}

interface Degradation {
  readonly rotate?: number;
  readonly blur?: number;
  readonly jpegQuality?: number;
}

interface PageSpec {
  readonly name: string;
  readonly codes: readonly Placement[];
  readonly degrade?: Degradation;
}

const SCAN_LIKE: Degradation = { rotate: 1.5, blur: 0.8, jpegQuality: 70 };

const PAGE_SPECS: readonly PageSpec[] = [
  { name: 'qr', codes: [{ kind: 'qr', at: [0.76, 0.07] }] },
  { name: 'pdf417', codes: [{ kind: 'pdf417', at: [0.08, 0.82] }] },
  { name: 'code128', codes: [{ kind: 'code128', at: [0.08, 0.06] }] },
  { name: 'gs1-datamatrix', codes: [{ kind: 'gs1-datamatrix', at: [0.6, 0.47] }] },
  { name: 'qr-scan', codes: [{ kind: 'qr', at: [0.76, 0.07] }], degrade: SCAN_LIKE },
  { name: 'pdf417-scan', codes: [{ kind: 'pdf417', at: [0.08, 0.82] }], degrade: SCAN_LIKE },
  { name: 'code128-scan', codes: [{ kind: 'code128', at: [0.08, 0.06] }], degrade: SCAN_LIKE },
  {
    name: 'gs1-datamatrix-scan',
    codes: [{ kind: 'gs1-datamatrix', at: [0.76, 0.07] }],
    degrade: SCAN_LIKE,
  },
  {
    name: 'qr-rotated-30-jpeg50',
    codes: [{ kind: 'qr', at: [0.3, 0.6], rotate: 30 }],
    degrade: { jpegQuality: 50 },
  },
  { name: 'qr-inverted', codes: [{ kind: 'qr', at: [0.7, 0.75], invert: true }] },
  {
    name: 'gs1-datamatrix-inverted',
    codes: [{ kind: 'gs1-datamatrix', at: [0.1, 0.4], invert: true }],
    degrade: { jpegQuality: 80 },
  },
  {
    name: 'four-codes-scan',
    codes: [
      { kind: 'qr', at: [0.76, 0.05] },
      { kind: 'code128', at: [0.06, 0.05] },
      { kind: 'gs1-datamatrix', at: [0.8, 0.85] },
      { kind: 'pdf417', at: [0.06, 0.85] },
    ],
    degrade: SCAN_LIKE,
  },
];

/** The payloads: kiosk codes made with drivers/common/codes.ts from synthetic data. */
function payloads(): Record<CorpusCodeKind, ExpectedSymbol> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const permit = encodePermitCode(
    {
      keyId: 'psb-2026',
      permitNumber: 'YHBZ-2026-000042',
      permitType: 'fireworks-road-transport',
      holderCreditCode: syntheticEnterprise(1).creditCode,
      validFrom: '20261201',
      validUntil: '20261203',
    },
    privateKey,
  );
  const batch = { gtin: '09506000134352', batch: 'LOT2026A', expiryDate: '281231' };
  return {
    qr: {
      kind: 'qr',
      text: encodeReceiptCode({ trackingNumber: 'SL-2026-000123', terminalId: 'hall-01' }),
    },
    pdf417: { kind: 'pdf417', text: permit },
    code128: {
      kind: 'code128',
      text: encodeBatchCode({ gtin: batch.gtin, batch: batch.batch }),
      rawText: encodeBatchCode({ gtin: batch.gtin, batch: batch.batch }, 'raw'),
    },
    'gs1-datamatrix': {
      kind: 'gs1-datamatrix',
      text: encodeBatchCode({ ...batch, serial: 'S000123' }),
      rawText: encodeBatchCode({ ...batch, serial: 'S000123' }, 'raw'),
    },
  };
}

async function symbolPng(kind: CorpusCodeKind, text: string, dpi: number): Promise<Buffer> {
  const px = (mm: number): number => Math.max(1, Math.round((mm * dpi) / MM_PER_INCH));
  switch (kind) {
    case 'qr':
      return QRCode.toBuffer(text, { scale: px(0.34), margin: 4, errorCorrectionLevel: 'M' });
    case 'pdf417':
      return bwipjs.toBuffer({
        bcid: 'pdf417',
        text,
        scale: px(0.25),
        paddingwidth: 8,
        paddingheight: 8,
      });
    case 'code128':
      return bwipjs.toBuffer({
        bcid: 'gs1-128',
        text,
        scale: px(0.25),
        height: 12,
        paddingwidth: 12,
        paddingheight: 4,
      });
    case 'gs1-datamatrix':
      return bwipjs.toBuffer({ bcid: 'gs1datamatrix', text, scale: px(0.42), padding: 4 });
  }
}

async function placedSymbol(p: Placement, text: string, dpi: number): Promise<Buffer> {
  let image = sharp(await symbolPng(p.kind, text, dpi)).flatten({ background: '#ffffff' });
  if (p.invert) image = sharp(await image.negate({ alpha: false }).png().toBuffer());
  if (p.rotate) {
    const background = p.invert ? '#000000' : '#ffffff';
    image = sharp(await image.rotate(p.rotate, { background }).png().toBuffer());
  }
  return image.png().toBuffer();
}

async function renderPage(
  spec: PageSpec,
  dpi: 200 | 300,
  texts: Record<CorpusCodeKind, ExpectedSymbol>,
): Promise<CorpusPage> {
  const width = Math.round((A4_MM.width * dpi) / MM_PER_INCH);
  const height = Math.round((A4_MM.height * dpi) / MM_PER_INCH);
  const layers = await Promise.all(
    spec.codes.map(async (p) => ({
      input: await placedSymbol(p, texts[p.kind].text, dpi),
      left: Math.round(p.at[0] * width),
      top: Math.round(p.at[1] * height),
    })),
  );
  let page = sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .greyscale();
  const d = spec.degrade ?? {};
  // Each step re-enters sharp so they apply in scan order: skew, optics, compression.
  if (d.rotate)
    page = sharp(await page.rotate(d.rotate, { background: '#ffffff' }).png().toBuffer());
  if (d.blur) page = sharp(await page.blur(d.blur).png().toBuffer());
  if (d.jpegQuality) page = sharp(await page.jpeg({ quality: d.jpegQuality }).toBuffer());
  const { data, info } = await page.greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1)
    throw new Error(`corpus page ${spec.name} has ${info.channels} channels`);
  return {
    name: `${spec.name}@${dpi}`,
    dpi,
    gray: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    expected: spec.codes.map((c) => texts[c.kind]),
    hints: [...new Set(spec.codes.map((c) => HINT_OF[c.kind]))],
  };
}

/** Every page of the corpus at 200 and 300 dpi; `only` filters by page-spec name. */
export async function generateCorpus(
  options: { only?: readonly string[]; dpis?: readonly (200 | 300)[] } = {},
): Promise<CorpusPage[]> {
  const texts = payloads();
  const specs = PAGE_SPECS.filter((s) => !options.only || options.only.includes(s.name));
  const pages: CorpusPage[] = [];
  for (const dpi of options.dpis ?? [200, 300]) {
    for (const spec of specs) pages.push(await renderPage(spec, dpi, texts));
  }
  return pages;
}

/** Encodes a corpus page as PNG, e.g. to look at it or to feed encoded input. */
export function pagePng(page: CorpusPage): Promise<Buffer> {
  return sharp(page.gray, { raw: { width: page.width, height: page.height, channels: 1 } })
    .png()
    .toBuffer();
}
