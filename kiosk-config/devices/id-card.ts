import { z } from 'zod';

/**
 * ID-card reader config. Each driver is one member of the union, told apart by `driver`.
 * The ID-card issue fills in `sam-serial` and the simulator's options.
 */
export const idCardSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
});

export const idCardConfig = z.discriminatedUnion('driver', [idCardSimulatorConfig]);
export type IdCardConfig = z.infer<typeof idCardConfig>;
