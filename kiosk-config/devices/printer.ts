import { z } from 'zod';

/** Receipt printer config. The printer issue adds `escpos` with its transports. */
export const printerSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
});

export const printerConfig = z.discriminatedUnion('driver', [printerSimulatorConfig]);
export type PrinterConfig = z.infer<typeof printerConfig>;
