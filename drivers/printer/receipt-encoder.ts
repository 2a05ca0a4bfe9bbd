/**
 * Turns a receipt document into ESC/POS bytes. Layout, QR codes, barcodes, raster images and
 * cuts come from @point-of-sale/receipt-printer-encoder with the configured printer model;
 * Chinese text is added as GB18030 between `FS &` and `FS .` through its `raw()`, and lines
 * holding characters the printer's font lacks are drawn as raster images (glyph-raster.ts).
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import {
  alignLine,
  displayColumns,
  gb18030Bytes,
  needsRaster,
  splitRuns,
  wrapColumns,
  type FontCoverage,
} from './chinese-text.js';
import { DLE, EOT, FS, FS_ENTER_TWO_BYTE, FS_LEAVE_TWO_BYTE } from './escpos-bytes.js';
import { DOTS_PER_COLUMN, bitmapToImageData, renderTextBitmap } from './glyph-raster.js';
import {
  PAPER_COLUMNS,
  type Align,
  type PaperWidthMm,
  type ReceiptBlock,
  type ReceiptDocument,
} from './receipt-document.js';
import { EscPosTokenizer } from './escpos-decoder.js';

/**
 * Printer model ids receipt-printer-encoder has ESC/POS profiles for (e.g. `epson-tm-t88vi`).
 * Star models speak StarPRNT, where two-byte mode and `DLE EOT` mean something else.
 */
export const PRINTER_MODELS: readonly string[] = ReceiptPrinterEncoder.printerModels
  .map((m) => m.id)
  .filter((id) => new ReceiptPrinterEncoder({ printerModel: id as never }).language === 'esc-pos');

export interface EncodeOptions {
  /** receipt-printer-encoder profile id, from config. */
  readonly model: string;
  readonly paperWidthMm: PaperWidthMm;
  /** What the printer's Chinese font holds; default `gbk`. */
  readonly fontCoverage?: FontCoverage;
}

/** `FS ! n` bits: double width (bit 2) and double height (bit 3) for two-byte characters. */
const FS_SELECT_KANJI_MODE = 0x21;
const KANJI_DOUBLE_WIDTH_HEIGHT = 0x0c;
/** Lines fed before the cut so the last printed line clears the cutter. */
const FEED_BEFORE_CUT_LINES = 4;
const QR_DEFAULT_MODULE_SIZE = 6;
const BARCODE_HEIGHT_DOTS = 60;
const RULE_CHAR = '-';

/** Columns a line holds for this paper. */
export function paperColumns(paperWidthMm: PaperWidthMm): number {
  return PAPER_COLUMNS[paperWidthMm];
}

function checkOptions(options: EncodeOptions): void {
  if (!PRINTER_MODELS.includes(options.model)) {
    throw new TypeError(
      `printer model "${options.model}" is unknown; use one of: ${PRINTER_MODELS.join(', ')}`,
    );
  }
  if (!(options.paperWidthMm in PAPER_COLUMNS)) {
    throw new TypeError(`paperWidthMm must be 58 or 80, got ${String(options.paperWidthMm)}`);
  }
}

/** Encodes a whole document (initialise, blocks, cut) into the bytes of one print job. */
export async function encodeReceipt(
  document: ReceiptDocument,
  options: EncodeOptions,
): Promise<Uint8Array> {
  checkOptions(options);
  const columns = paperColumns(options.paperWidthMm);
  const encoder = new ReceiptPrinterEncoder({
    printerModel: options.model as never,
    columns,
    imageMode: 'raster',
    feedBeforeCut: FEED_BEFORE_CUT_LINES,
  });
  const context: BlockContext = {
    encoder,
    columns,
    coverage: options.fontCoverage ?? 'gbk',
  };

  encoder.initialize();
  for (const block of document.blocks) await encodeBlock(context, block);
  return neutraliseRealtimeSequences(encoder.encode());
}

interface BlockContext {
  readonly encoder: ReceiptPrinterEncoder;
  readonly columns: number;
  readonly coverage: FontCoverage;
}

async function encodeBlock(context: BlockContext, block: ReceiptBlock): Promise<void> {
  const { encoder, columns } = context;
  switch (block.kind) {
    case 'text': {
      const scale = block.large ? 2 : 1;
      const lineColumns = Math.floor(columns / scale);
      for (const line of wrapColumns(block.text, lineColumns)) {
        const padded = alignLine(line, lineColumns, block.align ?? 'left');
        await encodeLine(context, padded, { bold: block.bold ?? false, scale });
      }
      return;
    }
    case 'pair': {
      for (const line of pairLines(block.label, block.value, columns)) {
        await encodeLine(context, line, { bold: false, scale: 1 });
      }
      return;
    }
    case 'rule':
      encoder.line(RULE_CHAR.repeat(columns));
      return;
    case 'qr':
      encoder.align('center');
      encoder.qrcode(block.payload, {
        model: 2,
        size: block.moduleSize ?? QR_DEFAULT_MODULE_SIZE,
        errorlevel: 'm',
      });
      encoder.align('left');
      return;
    case 'barcode':
      encoder.align('center');
      encoder.barcode(block.data, 'code128', { height: BARCODE_HEIGHT_DOTS, text: 'below' });
      encoder.align('left');
      return;
    case 'feed':
      encoder.newline(block.lines);
      return;
    case 'cut':
      encoder.cut('partial');
      return;
    default: {
      const never: never = block;
      throw new TypeError(`unknown receipt block ${JSON.stringify(never)}`);
    }
  }
}

/** Label left, value right; when both do not fit on one line the value goes below. */
function pairLines(label: string, value: string, columns: number): string[] {
  const gap = 1;
  if (displayColumns(label) + gap + displayColumns(value) <= columns) {
    return [label + ' '.repeat(columns - displayColumns(label) - displayColumns(value)) + value];
  }
  return [
    ...wrapColumns(label, columns),
    ...wrapColumns(value, columns).map((l) => alignLine(l, columns, 'right')),
  ];
}

async function encodeLine(
  context: BlockContext,
  line: string,
  style: { bold: boolean; scale: 1 | 2 },
): Promise<void> {
  const { encoder, coverage } = context;

  if (needsRaster(line, coverage)) {
    const widthDots = context.columns * DOTS_PER_COLUMN;
    const bitmap = await renderTextBitmap(line, widthDots, style);
    // Line spacing 0 around the image: the LF the encoder sends after it feeds nothing, so
    // the image line takes the height of a text line instead of leaving a blank line below.
    encoder.lineSpacing('none');
    encoder.image(bitmapToImageData(bitmap) as never, bitmap.width, bitmap.height, 'threshold');
    encoder.lineSpacing('default');
    return;
  }

  if (style.scale === 2) encoder.size(2, 2);
  if (style.bold) encoder.bold(true);
  for (const run of splitRuns(line, coverage)) {
    if (run.route === 'ascii') {
      encoder.text(run.text);
      continue;
    }
    const sized = style.scale === 2;
    encoder.raw([
      ...(sized ? [FS, FS_SELECT_KANJI_MODE, KANJI_DOUBLE_WIDTH_HEIGHT] : []),
      ...FS_ENTER_TWO_BYTE,
      ...gb18030Bytes(run.text),
      ...FS_LEAVE_TWO_BYTE,
      ...(sized ? [FS, FS_SELECT_KANJI_MODE, 0] : []),
    ]);
  }
  if (style.bold) encoder.bold(false);
  if (style.scale === 2) encoder.size(1, 1);
  encoder.newline();
}

/** Bit 2 of the 0x04 byte: clearing it turns `DLE EOT n` into `DLE NUL n` (one white dot). */
const EOT_CLEAR_MASK = ~0x04 & 0xff;

/**
 * A printer executes `DLE EOT n` wherever those three bytes appear, even inside image data
 * (Epson TM-T88 specification), and answers with a status byte the driver did not ask for.
 * Inside `GS v 0` raster data such a sequence is only pixels, so the EOT byte loses one dot.
 * Returns the same array, changed in place.
 */
export function neutraliseRealtimeSequences(bytes: Uint8Array): Uint8Array {
  const tokenizer = new EscPosTokenizer();
  for (const token of tokenizer.push(bytes)) {
    if (token.kind !== 'raster') continue;
    const end = token.dataOffset + token.data.length;
    for (let i = token.dataOffset; i + 2 < end; i++) {
      const n = bytes[i + 2] ?? 0;
      if (bytes[i] === DLE && bytes[i + 1] === EOT && n >= 1 && n <= 4) {
        bytes[i + 1] = EOT & EOT_CLEAR_MASK;
      }
    }
  }
  return bytes;
}

/** Alignment of a line, re-exported for layouts that pad by themselves. */
export type { Align };
