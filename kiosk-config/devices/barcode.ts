import { z } from 'zod';

/**
 * Barcode/QR reader config: one entry of `devices.barcode[]` (several readers may run at once).
 * Told apart by `driver`: `serial` for USB-COM / RS-232 readers, `hid-pos` for readers in
 * HID POS mode, `simulator` for an in-process simulated HID POS reader (demo configs only).
 * Keyboard-wedge readers are not supported (docs/barcode.md says why and how to switch).
 */

/** Four hex digits as `lsusb` prints them, e.g. `0c2e`. */
const usbId = z
  .string()
  .regex(/^[0-9a-fA-F]{4}$/, 'four hex digits as lsusb prints them, e.g. "0c2e"');

export const barcodeSerialConfig = z.strictObject({
  driver: z.literal('serial'),
  /** Serial device, e.g. `/dev/ttyACM0`; a `/dev/serial/by-id/...` link survives replugging. */
  path: z.string().min(1),
  /** Bits per second; readers ship with 9600 8N1 (USB CDC-ACM readers ignore it). */
  baudRate: z.number().int().min(1200).max(921_600).default(9600),
  /** What the reader sends after each code; factory default is CR. */
  suffix: z.enum(['CR', 'CRLF', 'none']).default('CR'),
  /**
   * Pause that ends a code when `suffix` is `none` (and after which a fragment without its
   * suffix is dropped otherwise), milliseconds.
   */
  interByteTimeoutMs: z.number().int().min(5).max(2000).default(50),
});

export const barcodeHidPosConfig = z.strictObject({
  driver: z.literal('hid-pos'),
  vendorId: usbId,
  productId: usbId,
  /** Vendor report layout: Honeywell "HID POS" or Newland "HID-POS". */
  reportLayout: z.enum(['honeywell', 'newland']),
});

export const barcodeSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
  /** Report layout the simulated HID POS reader speaks; the dev dock "scans" through it. */
  reportLayout: z.enum(['honeywell', 'newland']).default('honeywell'),
});

export const barcodeReaderConfig = z.discriminatedUnion('driver', [
  barcodeSerialConfig,
  barcodeHidPosConfig,
  barcodeSimulatorConfig,
]);
export type BarcodeReaderConfig = z.infer<typeof barcodeReaderConfig>;
