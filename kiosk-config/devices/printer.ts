/**
 * Receipt printer config (`devices.printer`), told apart by `driver`:
 * - `escpos`: a real ESC/POS printer over TCP (port 9100), a serial line, or the Linux USB
 *   printer device file.
 * - `simulator`: the fake printer (drivers/printer/simulator.ts) on a loopback TCP port, driven
 *   by the same `escpos` driver; demo configs only.
 */
import { z } from 'zod';

/**
 * ESC/POS printer profiles of @point-of-sale/receipt-printer-encoder 4 (Star models speak
 * StarPRNT, so they are not offered). The profile picks code pages and barcode support.
 */
export const ESCPOS_PRINTER_MODELS = [
  'bixolon-srp350',
  'bixolon-srp350iii',
  'citizen-ct-s310ii',
  'epson-tm-m30ii',
  'epson-tm-m30iii',
  'epson-tm-p20ii',
  'epson-tm-t20ii',
  'epson-tm-t20iii',
  'epson-tm-t20iv',
  'epson-tm-t70',
  'epson-tm-t70ii',
  'epson-tm-t88ii',
  'epson-tm-t88iii',
  'epson-tm-t88iv',
  'epson-tm-t88v',
  'epson-tm-t88vi',
  'epson-tm-t88vii',
  'fujitsu-fp1000',
  'hp-a779',
  'metapace-t1',
  'mpt-ii',
  'pos-5890',
  'pos-8360',
  'sunmi-p2se',
  'sunmi-p3h',
  'sunmi-p3kh',
  'sunmi-p3mix',
  'sunmi',
  'xprinter-xp-n160ii',
  'xprinter-xp-t80q',
  'youku-58t',
] as const;

const model = z.enum(ESCPOS_PRINTER_MODELS);
/** Paper roll width, millimetres: 58 prints 32 columns, 80 prints 48. */
const paperWidthMm = z.union([z.literal(58), z.literal(80)]);
/** Which two-byte codes the printer's Chinese font holds; others print as images. */
const fontCoverage = z.enum(['gb2312', 'gbk']).default('gbk');

export const printerTransportConfig = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('tcp'),
    host: z.string().min(1, 'printer host name or IP address'),
    /** Raw printing port; 9100 on almost every network printer. */
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.strictObject({
    type: z.literal('serial'),
    /** e.g. `/dev/ttyUSB0`; relative paths are relative to the config file. */
    path: z.string().min(1),
    baudRate: z
      .union([
        z.literal(9600),
        z.literal(19200),
        z.literal(38400),
        z.literal(57600),
        z.literal(115200),
      ])
      .default(115200),
  }),
  z.strictObject({
    type: z.literal('device'),
    /** The USB printer class device file, e.g. `/dev/usb/lp0`. */
    path: z.string().min(1),
  }),
]);

const timeouts = {
  /** Longest wait for the four `DLE EOT` status replies; no answer means "status unknown". */
  statusTimeoutMs: z.number().int().min(200).max(10_000).default(1500),
  /** Longest wait for the connection or port to open. */
  openTimeoutMs: z.number().int().min(200).max(30_000).default(3000),
  /** Longest wait for one receipt's bytes to be accepted. */
  writeTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
};

export const printerEscposConfig = z.strictObject({
  driver: z.literal('escpos'),
  model,
  paperWidthMm,
  fontCoverage,
  transport: printerTransportConfig,
  ...timeouts,
});

export const printerSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
  model: model.default('epson-tm-t88vi'),
  paperWidthMm: paperWidthMm.default(80),
  fontCoverage,
  ...timeouts,
});

export const printerConfig = z.discriminatedUnion('driver', [
  printerEscposConfig,
  printerSimulatorConfig,
]);
export type PrinterConfig = z.infer<typeof printerConfig>;
export type PrinterEscposConfig = z.infer<typeof printerEscposConfig>;
export type PrinterTransportConfig = z.infer<typeof printerTransportConfig>;
