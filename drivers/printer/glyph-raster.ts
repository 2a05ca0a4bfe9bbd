/**
 * Draws a text line as a bitmap, for lines holding characters the printer's font lacks
 * (rare name characters, GB18030 four-byte codes). sharp renders an SVG through librsvg and
 * fontconfig, so the Noto CJK fonts (Debian package fonts-noto-cjk) must be installed.
 */
import sharp from 'sharp';
import { columnsOf } from './chinese-text.js';

/** Dots per column in font A (12 × 24); a Chinese character takes two columns. */
export const DOTS_PER_COLUMN = 12;
/** Glyph height in dots, matching the printer's 24-dot font. */
export const GLYPH_HEIGHT_DOTS = 24;
/** Monospaced CJK font: its Latin glyphs are half the width of its hanzi, like the printer's. */
export const CJK_FONT_FAMILY = "'Noto Sans Mono CJK SC', 'Noto Serif CJK SC', 'Noto Serif CJK JP'";
/** Grey level below which a rendered pixel prints black. */
const BLACK_THRESHOLD = 140;

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, 0 = white, 1 = black, row-major. */
  readonly dots: Uint8Array;
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Renders `text` (already padded for alignment) into a `widthDots` wide bitmap, one character
 * per cell so the columns line up with printed text above and below it. `scale` 2 draws
 * double width and height, like `GS !` / `FS !` for printer-font text.
 */
export async function renderTextBitmap(
  text: string,
  widthDots: number,
  options: { bold?: boolean; scale?: 1 | 2 } = {},
): Promise<Bitmap> {
  const scale = options.scale ?? 1;
  const height = GLYPH_HEIGHT_DOTS * scale;
  const cells: string[] = [];
  let x = 0;
  for (const char of text) {
    const w = columnsOf(char) * DOTS_PER_COLUMN * scale;
    if (char !== ' ') {
      cells.push(
        `<text x="${x + w / 2}" y="${Math.round(height * 0.86)}" text-anchor="middle">${escapeXml(char)}</text>`,
      );
    }
    x += w;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthDots}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="${CJK_FONT_FAMILY}" font-size="${height}" ` +
    `font-weight="${options.bold ? 'bold' : 'normal'}" fill="#000">${cells.join('')}</g></svg>`;

  const { data, info } = await sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const dots = new Uint8Array(info.width * info.height);
  for (let i = 0; i < dots.length; i++) {
    dots[i] = (data[i * info.channels] ?? 255) < BLACK_THRESHOLD ? 1 : 0;
  }
  return { width: info.width, height: info.height, dots };
}

/** RGBA ImageData-like object, the input receipt-printer-encoder's `image()` takes. */
export function bitmapToImageData(bitmap: Bitmap): {
  width: number;
  height: number;
  data: Uint8ClampedArray;
} {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.dots.length; i++) {
    const v = bitmap.dots[i] === 1 ? 0 : 255;
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { width: bitmap.width, height: bitmap.height, data };
}
