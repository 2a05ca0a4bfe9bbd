/**
 * ESC/POS byte values this family sends or recognises, each named once with its source.
 * Sources: Epson "ESC/POS Application Programming Guide" / TM-T88 series specification
 * (command reference), and the bytes @point-of-sale/receipt-printer-encoder 4 emits.
 */

/** ESC (0x1B): prefix of printer setup commands. */
export const ESC = 0x1b;
/** GS (0x1D): prefix of graphics, barcode, QR and cut commands. */
export const GS = 0x1d;
/** FS (0x1C): prefix of the Kanji / two-byte (Chinese) character commands. */
export const FS = 0x1c;
/** DLE (0x10): prefix of real-time commands, executed the moment they arrive. */
export const DLE = 0x10;
/** EOT (0x04): with DLE, "transmit real-time status" (`DLE EOT n`). */
export const EOT = 0x04;
/** LF: print the line buffer and feed one line. */
export const LF = 0x0a;
/** CR: ignored by most printers when auto line feed is off; the encoder sends LF CR. */
export const CR = 0x0d;
/** HT: horizontal tab. */
export const HT = 0x09;

/** `FS &`: enter two-byte (Kanji / Chinese) character mode. */
export const FS_ENTER_TWO_BYTE = [FS, 0x26] as const;
/** `FS .`: leave two-byte character mode. */
export const FS_LEAVE_TWO_BYTE = [FS, 0x2e] as const;

/** `DLE EOT n` function numbers, each answered with one status byte (Epson TM-T88 spec). */
export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR_CAUSE = 3;
export const STATUS_PAPER_SENSOR = 4;
export const STATUS_FUNCTIONS = [
  STATUS_PRINTER,
  STATUS_OFFLINE_CAUSE,
  STATUS_ERROR_CAUSE,
  STATUS_PAPER_SENSOR,
] as const;

/** `GS ( k` symbol type cn for QR Code. */
export const QR_CN = 0x31;
/** `GS ( k` QR functions: fn165 model, fn167 module size, fn169 EC level, fn180 store, fn181 print. */
export const QR_FN_MODEL = 0x41;
export const QR_FN_MODULE_SIZE = 0x43;
export const QR_FN_ERROR_LEVEL = 0x45;
export const QR_FN_STORE = 0x50;
export const QR_FN_PRINT = 0x51;
/** `GS ( k` symbol type cn for PDF417 (recognised and skipped by the decoder). */
export const PDF417_CN = 0x30;

/** `GS k` format B symbology 73: Code128 (data starts with `{A`, `{B` or `{C`). */
export const BARCODE_CODE128 = 73;

/** Largest `GS v 0` band the encoder emits, in rows; larger images come as several bands. */
export const RASTER_MAX_BAND_ROWS = 255;
