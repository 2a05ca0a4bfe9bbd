import { z } from 'zod';

/** Barcode/QR reader config (one entry of `devices.barcode[]`). The barcode issue adds drivers. */
export const barcodeSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
});

export const barcodeReaderConfig = z.discriminatedUnion('driver', [barcodeSimulatorConfig]);
export type BarcodeReaderConfig = z.infer<typeof barcodeReaderConfig>;
