import { z } from 'zod';

/**
 * Document scanner config. Each driver is one member of the union, told apart by `driver`:
 * `escl` talks eSCL (AirScan) over HTTP to a network MFP or an IPP-over-USB scanner;
 * `sane` runs `scanimage` (sane-utils) for USB scanners on Linux; `simulator` runs the eSCL
 * simulator on loopback (demo configs only). docs/scanner.md explains every key.
 */

/** What the page pipeline does with scanned pages, and the limits per page and per material. */
export const scannerPipelineConfig = z.strictObject({
  /** Output resolution, dpi; 200 keeps text legible at about 0.3-0.5 MB per A4 page. */
  resolutionDpi: z.number().int().min(100).max(600).default(200),
  /** mozjpeg quality of the grey pages (1-100). */
  jpegQuality: z.number().int().min(30).max(95).default(75),
  /** Leave out pages without ink when scanning from the feeder (blank backs). */
  dropBlankPages: z.boolean().default(true),
  /** Largest page after compression, bytes; the pipeline lowers quality once before refusing. */
  maxPageBytes: z.number().int().min(50_000).max(20_000_000).default(2_000_000),
  /** Most pages one material may have. */
  maxMaterialPages: z.number().int().min(1).max(200).default(30),
  /** Largest material (sum of its pages), bytes. */
  maxMaterialBytes: z.number().int().min(100_000).max(200_000_000).default(20_000_000),
});
export type ScannerPipelineConfig = z.infer<typeof scannerPipelineConfig>;

const common = {
  pipeline: scannerPipelineConfig.prefault({}),
};

export const scannerEsclConfig = z.strictObject({
  driver: z.literal('escl'),
  /** eSCL root, e.g. `http://192.168.1.20/eSCL` (ipp-usb: `http://localhost:60000/eSCL`). */
  url: z.url({
    protocol: /^https?$/,
    error: 'an http(s) URL of the eSCL root, e.g. http://192.168.1.20/eSCL',
  }),
  /** How often the scanner status is checked while idle, milliseconds. */
  pollIntervalMs: z.number().int().min(1000).max(600_000).default(5000),
  /** Per-request timeout, milliseconds (a 300 dpi page over USB can take several seconds). */
  requestTimeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  ...common,
});

export const scannerSaneConfig = z.strictObject({
  driver: z.literal('sane'),
  /** SANE device name as `scanimage -L` lists it, e.g. `fujitsu:fi-7160:123456`. */
  device: z.string().regex(/^\S+$/, 'a SANE device name without spaces, as scanimage -L lists it'),
  /** scanimage binary; default `scanimage` from PATH. */
  scanimagePath: z.string().min(1).optional(),
  /** SANE_CONFIG_DIR for scanimage (relative to the config file); default the system's. */
  saneConfigDir: z.string().min(1).optional(),
  /** Backend-specific scanimage options appended to every scan, e.g. ["--swdeskew=yes"]. */
  extraArgs: z.array(z.string().min(1)).max(20).default([]),
  /** How often the device is checked while idle, milliseconds (opening USB devices is slow). */
  pollIntervalMs: z.number().int().min(5000).max(3_600_000).default(30_000),
  ...common,
});

/** The synthetic documents the simulator can hold. */
export const SCANNER_SIMULATOR_DOCUMENTS = [
  'purchase-contract',
  'quality-certificate',
  'business-license',
  'blank-sheet',
] as const;

export const scannerSimulatorDocument = z.strictObject({
  document: z.enum(SCANNER_SIMULATOR_DOCUMENTS),
  /** Seed of the synthetic enterprise printed on it (1-4 are the demo enterprises). */
  seed: z.number().int().min(0).max(1_000_000).default(1),
});

export const scannerSimulatorConfig = z.strictObject({
  driver: z.literal('simulator'),
  /** Paper in the feeder at start, in order. */
  feeder: z
    .array(scannerSimulatorDocument)
    .max(50)
    .default([
      { document: 'purchase-contract', seed: 1 },
      { document: 'business-license', seed: 1 },
    ]),
  /** Sheet on the glass at start. */
  platen: scannerSimulatorDocument.optional(),
  /** Time each page takes before the simulator delivers it, milliseconds (0 = at once). */
  slowPageMs: z.number().int().min(0).max(60_000).default(0),
  ...common,
});

export const scannerConfig = z.discriminatedUnion('driver', [
  scannerEsclConfig,
  scannerSaneConfig,
  scannerSimulatorConfig,
]);
export type ScannerConfig = z.infer<typeof scannerConfig>;
