import { z } from 'zod';

/** Document scanner config. The scanner issue adds `escl`, `sane` and the simulator's options. */
export const scannerSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
});

export const scannerConfig = z.discriminatedUnion('driver', [scannerSimulatorConfig]);
export type ScannerConfig = z.infer<typeof scannerConfig>;
