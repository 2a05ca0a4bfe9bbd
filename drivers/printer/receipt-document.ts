/**
 * A receipt as data: blocks the encoder turns into ESC/POS bytes. Layouts (receipt-layout.ts)
 * build documents; the encoder knows nothing about applications, and layouts know no bytes.
 */
export type Align = 'left' | 'center' | 'right';

export type ReceiptBlock =
  /** Wrapped to the paper's columns; `large` prints double width and height. */
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align?: Align;
      readonly bold?: boolean;
      readonly large?: boolean;
    }
  /** A label on the left and a value on the right of the same line (wraps when too long). */
  | { readonly kind: 'pair'; readonly label: string; readonly value: string }
  /** A full-width dashed line. */
  | { readonly kind: 'rule' }
  /** A QR code (model 2, error correction M); `moduleSize` in dots, 1..16. */
  | { readonly kind: 'qr'; readonly payload: string; readonly moduleSize?: number }
  /** A Code128 barcode with its text printed below. */
  | { readonly kind: 'barcode'; readonly data: string }
  /** Blank lines. */
  | { readonly kind: 'feed'; readonly lines: number }
  /** Feeds past the cutter and cuts (partial cut). */
  | { readonly kind: 'cut' };

export interface ReceiptDocument {
  readonly blocks: readonly ReceiptBlock[];
}

/** Paper widths this project supports, millimetres. */
export const PAPER_WIDTHS_MM = [58, 80] as const;
export type PaperWidthMm = (typeof PAPER_WIDTHS_MM)[number];

/**
 * Printable width per paper, in font A columns (12 dots each at 203 dpi): 58 mm paper prints
 * 48 mm = 384 dots = 32 columns; 80 mm paper prints 72 mm = 576 dots = 48 columns.
 */
export const PAPER_COLUMNS: Readonly<Record<PaperWidthMm, number>> = { 58: 32, 80: 48 };
