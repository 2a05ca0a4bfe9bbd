import { z } from 'zod';

/**
 * ID-card reader config. Each driver is one member of the union, told apart by `driver`:
 * `sam-serial` drives a reader that exposes the SAM protocol on a serial or USB-serial port;
 * `simulator` runs the SAM simulator in-process (demo configs only). docs/id-card.md explains
 * every key.
 */

/** The baud rates a SAM module can be switched to (command 60 00..04). */
export const SAM_BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;

/** The card kinds the reader returns; kept in step with drivers/id-card/document.ts. */
export const ID_CARD_DOCUMENT_TYPES = [
  'resident',
  'gat-residence-permit',
  'foreigner-permanent-2017',
  'foreigner-permanent-2023',
] as const;

const baudRate = z
  .literal(SAM_BAUD_RATES)
  .default(115200)
  .describe('UART speed, bits per second; SAM modules default to 115200');

/** Options both drivers share: how to poll and what to read. */
const pollingOptions = {
  baudRate,
  /** Read fingerprint templates too (command 30 10); only needed for fingerprint matching. */
  readFingerprint: z.boolean().default(false),
  /** Pause between polls, milliseconds; the SAM protocol notes ask for at least 300. */
  pollIntervalMs: z.number().int().min(300).max(5000).default(500),
  /** Added to every command timeout, milliseconds: USB-serial latency, busy event loop. */
  timeoutSlackMs: z.number().int().min(0).max(5000).default(200),
  /**
   * What a card read does while an applicant session is running: `false` keeps the running
   * session (the new card is ignored until it ends), `true` ends it and starts one for the
   * new card.
   */
  replaceSession: z.boolean().default(false),
};

export const idCardSamSerialConfig = z.strictObject({
  driver: z.literal('sam-serial'),
  /** Serial device, e.g. `/dev/ttyUSB0` or a stable `/dev/serial/by-id/...` link. */
  path: z.string().min(1, 'path of the serial device, e.g. /dev/ttyUSB0'),
  ...pollingOptions,
});

/** One card of the simulator's deck: a synthetic holder of the given kind. */
export const idCardSimulatorCard = z.strictObject({
  kind: z.enum(ID_CARD_DOCUMENT_TYPES),
  /** Seed of the synthetic holder; resident seeds 1-8 are the demo people the sandbox knows. */
  seed: z.number().int().min(1).max(1_000_000),
  /** Whether the card carries fingerprint templates; default: resident cards do. */
  fingerprint: z.boolean().optional(),
});

export const idCardSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
  /** The deck; default: the demo people's resident cards and one card of each other kind. */
  cards: z.array(idCardSimulatorCard).min(1).max(64).optional(),
  /** Places the deck's first card this many milliseconds after start (demo, CLI). */
  autoPlaceMs: z.number().int().min(0).max(600_000).optional(),
  ...pollingOptions,
});

export const idCardConfig = z.discriminatedUnion('driver', [
  idCardSamSerialConfig,
  idCardSimulatorConfig,
]);
export type IdCardConfig = z.infer<typeof idCardConfig>;
export type IdCardSimulatorConfig = z.infer<typeof idCardSimulatorConfig>;
