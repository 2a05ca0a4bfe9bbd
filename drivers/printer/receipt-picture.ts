/**
 * Draws a decoded receipt as a PNG, as the paper would look: text in the printer's cell grid,
 * QR codes as real modules (so a phone or a decoder can read the picture), barcodes, raster
 * images and feeds. Used by the simulator, the dev dock and tests. Text needs the Noto CJK
 * fonts (fonts-noto-cjk); sharp renders the SVG through librsvg.
 */
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { LINE_HEIGHT_DOTS, type DecodedReceipt, type PrintedItem } from './escpos-decoder.js';
import { CJK_FONT_FAMILY, DOTS_PER_COLUMN, GLYPH_HEIGHT_DOTS } from './glyph-raster.js';

/** White margin above and below the printed area, dots. */
const PAPER_MARGIN_DOTS = 16;
/** Dots between the glyph bottom and the next line at default line spacing. */
const TEXT_BASELINE_DOTS = 21;
/** Height of the human-readable text under a barcode, dots. */
const BARCODE_TEXT_DOTS = 30;
/** QR quiet zone, in modules (ISO/IEC 18004 asks for 4). */
const QR_QUIET_MODULES = 4;

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function alignedX(
  align: 'left' | 'center' | 'right',
  itemWidth: number,
  paperDots: number,
): number {
  if (align === 'center') return Math.max(0, Math.floor((paperDots - itemWidth) / 2));
  if (align === 'right') return Math.max(0, paperDots - itemWidth);
  return 0;
}

interface Drawn {
  readonly svg: string;
  readonly height: number;
}

function drawLine(
  item: Extract<PrintedItem, { kind: 'line' }>,
  y: number,
  paperDots: number,
): Drawn {
  const height = Math.max(
    LINE_HEIGHT_DOTS,
    ...item.segments.map(
      (s) => GLYPH_HEIGHT_DOTS * s.height + (LINE_HEIGHT_DOTS - GLYPH_HEIGHT_DOTS),
    ),
  );
  const parts: string[] = [];
  let lineWidth = 0;
  const glyphs: { x: number; char: string; seg: (typeof item.segments)[number]; w: number }[] = [];
  for (const seg of item.segments) {
    for (const char of seg.text) {
      const cell = ((char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2) * DOTS_PER_COLUMN * seg.width;
      glyphs.push({ x: lineWidth, char, seg, w: cell });
      lineWidth += cell;
    }
  }
  const offset = alignedX(item.align, lineWidth, paperDots);
  const baseline = y + height - (LINE_HEIGHT_DOTS - TEXT_BASELINE_DOTS);
  for (const g of glyphs) {
    if (g.char === ' ') continue;
    const size = GLYPH_HEIGHT_DOTS * g.seg.height;
    const sx = g.seg.width / g.seg.height;
    parts.push(
      `<text transform="translate(${offset + g.x + g.w / 2} ${baseline}) scale(${sx} 1)" ` +
        `font-size="${size}"${g.seg.bold ? ' font-weight="bold"' : ''} text-anchor="middle">` +
        `${escapeXml(g.char)}</text>`,
    );
  }
  return { svg: parts.join(''), height };
}

function drawQr(item: Extract<PrintedItem, { kind: 'qr' }>, y: number, paperDots: number): Drawn {
  const qr = QRCode.create([{ data: Buffer.from(item.payload, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: item.errorLevel,
  });
  const count = qr.modules.size;
  const m = item.moduleSize;
  const full = (count + 2 * QR_QUIET_MODULES) * m;
  const x0 = alignedX(item.align, full, paperDots) + QR_QUIET_MODULES * m;
  const y0 = y + QR_QUIET_MODULES * m;
  const path: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) path.push(`M${x0 + col * m} ${y0 + row * m}h${m}v${m}h-${m}z`);
    }
  }
  return { svg: `<path d="${path.join('')}" shape-rendering="crispEdges"/>`, height: full };
}

function drawBarcode(
  item: Extract<PrintedItem, { kind: 'barcode' }>,
  y: number,
  paperDots: number,
): Drawn {
  const bcid = item.symbology.startsWith('code128') ? 'code128' : item.symbology.replace(/-/g, '');
  let inner: string;
  try {
    inner = bwipjs.toSVG({ bcid, text: item.data, includetext: item.textBelow, height: 10 });
  } catch (error) {
    // The printer would print nothing for data its symbology rejects; say so on the picture.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      svg: `<text x="0" y="${y + TEXT_BASELINE_DOTS}" font-size="20">[barcode rejected: ${escapeXml(reason.slice(0, 60))}]</text>`,
      height: LINE_HEIGHT_DOTS,
    };
  }
  const viewBox = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(inner);
  const vbWidth = Number(viewBox?.[1] ?? 100);
  const vbHeight = Number(viewBox?.[2] ?? 50);
  // bwip-js draws 2 units per module; the printer draws `moduleWidth` dots per module.
  const width = Math.min(paperDots, Math.round((vbWidth / 2) * item.moduleWidth));
  const height = item.heightDots + (item.textBelow ? BARCODE_TEXT_DOTS : 0);
  const x = alignedX(item.align, width, paperDots);
  const body = inner.replace(
    /<svg[^>]*>/,
    `<svg x="${x}" y="${y}" width="${width}" height="${height}" viewBox="0 0 ${vbWidth} ${vbHeight}" preserveAspectRatio="none">`,
  );
  return { svg: body, height };
}

function drawRaster(
  item: Extract<PrintedItem, { kind: 'raster' }>,
  y: number,
  paperDots: number,
): Drawn {
  const png = new PNG({ width: item.width, height: item.height, colorType: 0, inputColorType: 0 });
  const rgba = png.data;
  for (let i = 0; i < item.dots.length; i++) {
    const v = item.dots[i] === 1 ? 0 : 255;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  const data = PNG.sync.write(png).toString('base64');
  const x = alignedX(item.align, item.width, paperDots);
  return {
    svg: `<image x="${x}" y="${y}" width="${item.width}" height="${item.height}" href="data:image/png;base64,${data}"/>`,
    height: item.height,
  };
}

/** The receipt as an SVG document, `paperDots` wide (384 for 58 mm, 576 for 80 mm). */
export function receiptSvg(receipt: DecodedReceipt, paperDots: number): string {
  let y = PAPER_MARGIN_DOTS;
  const parts: string[] = [];
  for (const item of receipt.items) {
    let drawn: Drawn;
    switch (item.kind) {
      case 'line':
        drawn = drawLine(item, y, paperDots);
        break;
      case 'qr':
        drawn = drawQr(item, y, paperDots);
        break;
      case 'barcode':
        drawn = drawBarcode(item, y, paperDots);
        break;
      case 'raster':
        drawn = drawRaster(item, y, paperDots);
        break;
      case 'feed':
        drawn = { svg: '', height: item.dots };
        break;
      default: {
        const never: never = item;
        throw new TypeError(`unknown printed item ${JSON.stringify(never)}`);
      }
    }
    parts.push(drawn.svg);
    y += drawn.height;
  }
  const height = y + PAPER_MARGIN_DOTS;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${paperDots}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="${CJK_FONT_FAMILY}" fill="#000">${parts.join('')}</g></svg>`
  );
}

/** The receipt as a greyscale PNG. */
export async function renderReceiptPng(
  receipt: DecodedReceipt,
  paperDots: number,
): Promise<Buffer> {
  return sharp(Buffer.from(receiptSvg(receipt, paperDots)))
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}
