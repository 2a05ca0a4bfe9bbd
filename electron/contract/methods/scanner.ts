/**
 * Methods and events of the scanner family: scanning pages into a material of the running
 * session, cancelling, reviewing and removing pages, and the simulator controls of the dev
 * dock. Errors are `E_SCANNER_*` codes (docs/scanner.md lists them with what to tell the
 * applicant); page images never travel as frames, only small previews.
 */
import { z } from 'zod';
import { ALL_ROLES, event, method } from '../define.js';

/** A material's id within the session, chosen by the caller (e.g. the item's material code). */
const materialId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - (1 to 64)');

export const scanSourceSchema = z.enum(['platen', 'feeder']);

export const scannedPageSchema = z.strictObject({
  /** 1-based position in the material. */
  page: z.number().int().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  resolutionDpi: z.number().int().min(1),
  bytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const materialViewSchema = z.strictObject({
  materialId,
  pages: z.array(scannedPageSchema),
  totalBytes: z.number().int().min(0),
  limits: z.strictObject({
    maxPages: z.number().int(),
    maxBytes: z.number().int(),
    maxPageBytes: z.number().int(),
  }),
});

/** Which limit stopped a scan short; the pages before it were kept. */
export const scanLimitSchema = z.discriminatedUnion('code', [
  z.strictObject({
    code: z.literal('page-too-large'),
    page: z.number().int(),
    bytes: z.number().int(),
    limitBytes: z.number().int(),
  }),
  z.strictObject({
    code: z.literal('too-many-pages'),
    limitPages: z.number().int(),
    keptPages: z.number().int(),
    droppedPages: z.number().int(),
  }),
  z.strictObject({
    code: z.literal('material-too-large'),
    limitBytes: z.number().int(),
    keptPages: z.number().int(),
    droppedPages: z.number().int(),
  }),
]);

/** A code found on a scanned page (classified as in docs/codes.md). */
export const foundCodeSchema = z.strictObject({
  /** Page of the material it is on. */
  page: z.number().int().min(1),
  /** zxing format name, e.g. `QRCode`. */
  format: z.string(),
  /** `receipt`, `permit`, `batch`, `app-identity`, `e-license` or `unknown`. */
  kind: z.string(),
  /** The text; left out for app-identity codes, whose token is a secret. */
  text: z.string().max(8192).optional(),
});

export const scanReportSchema = z.strictObject({
  added: z.number().int().min(0),
  blankDropped: z.number().int().min(0),
  limit: scanLimitSchema.optional(),
  material: materialViewSchema,
  codes: z.array(foundCodeSchema),
});

const simulatorDocument = z.enum([
  'purchase-contract',
  'quality-certificate',
  'business-license',
  'blank-sheet',
]);

const simulatorSheet = z.strictObject({
  document: simulatorDocument,
  page: z.number().int().min(1).max(10),
  seed: z.number().int().min(0).max(1_000_000),
});

export const scannerSimulatorStateSchema = z.strictObject({
  feeder: z.array(simulatorSheet),
  platen: simulatorSheet.nullable(),
  jammed: z.boolean(),
  doorOpen: z.boolean(),
  slowPageMs: z.number().int().min(0),
  jamAtSheet: z.number().int().min(1).optional(),
  scanning: z.boolean(),
});

export const scannerMethods = {
  'scanner.scan': method({
    roles: ALL_ROLES,
    summary:
      'Scans from the feeder or the glass into one material of the session; all or nothing on device errors and cancel.',
    params: z.strictObject({ materialId, source: scanSourceSchema }),
    result: scanReportSchema,
  }),
  'scanner.cancel': method({
    roles: ALL_ROLES,
    summary: 'Cancels the running scan; it then ends with E_SCANNER_CANCELLED and adds nothing.',
    params: z.strictObject({}),
    result: z.strictObject({ cancelled: z.boolean() }),
  }),
  'scanner.material': method({
    roles: ALL_ROLES,
    summary: 'The pages scanned so far into one material of the session.',
    params: z.strictObject({ materialId }),
    result: materialViewSchema,
  }),
  'scanner.removePage': method({
    roles: ALL_ROLES,
    summary: 'Removes one page of a material (to retake it).',
    params: z.strictObject({ materialId, page: z.number().int().min(1).max(1000) }),
    result: materialViewSchema,
  }),
  'scanner.discard': method({
    roles: ALL_ROLES,
    summary: 'Throws away every page of a material.',
    params: z.strictObject({ materialId }),
    result: z.strictObject({ discarded: z.boolean() }),
  }),
  'scanner.preview': method({
    roles: ALL_ROLES,
    summary: 'A small grey JPEG of one page for review on screen (base64, at most ~100 KB).',
    params: z.strictObject({
      materialId,
      page: z.number().int().min(1).max(1000),
      /** Width of the preview in pixels. */
      width: z.number().int().min(100).max(1000).default(480),
    }),
    result: z.strictObject({
      jpegBase64: z.string(),
      width: z.number().int(),
      height: z.number().int(),
    }),
  }),
  'scanner.simulator.state': method({
    roles: ALL_ROLES,
    summary:
      'Dev dock: paper and faults of the scanner simulator (E_DEVDOCK_DISABLED unless enabled).',
    params: z.strictObject({}),
    result: scannerSimulatorStateSchema,
  }),
  'scanner.simulator.load': method({
    roles: ALL_ROLES,
    summary:
      'Dev dock: puts a document into the feeder, or one of its pages on the glass, or empties either.',
    params: z.discriminatedUnion('action', [
      z.strictObject({
        action: z.literal('feeder'),
        document: simulatorDocument,
        seed: z.number().int().min(0).max(1_000_000).default(1),
      }),
      z.strictObject({
        action: z.literal('platen'),
        document: simulatorDocument,
        page: z.number().int().min(1).max(10).default(1),
        seed: z.number().int().min(0).max(1_000_000).default(1),
      }),
      z.strictObject({ action: z.literal('empty-feeder') }),
      z.strictObject({ action: z.literal('clear-platen') }),
    ]),
    result: scannerSimulatorStateSchema,
  }),
  'scanner.simulator.fault': method({
    roles: ALL_ROLES,
    summary: 'Dev dock: causes or clears simulator faults (jam, door open, slow pages).',
    params: z.discriminatedUnion('fault', [
      z.strictObject({
        fault: z.literal('jam'),
        atSheet: z.number().int().min(1).max(50).default(1),
      }),
      z.strictObject({ fault: z.literal('door-open') }),
      z.strictObject({
        fault: z.literal('slow-pages'),
        pageMs: z.number().int().min(0).max(60_000),
      }),
      z.strictObject({ fault: z.literal('clear') }),
    ]),
    result: scannerSimulatorStateSchema,
  }),
} as const;

export const scannerEvents = {
  'scanner.progress': event({
    roles: ALL_ROLES,
    summary:
      'A running scan received a page or advanced within one (percent when the device tells).',
    payload: z.strictObject({
      materialId,
      pagesReceived: z.number().int().min(0),
      pagePercent: z.number().min(0).max(100).optional(),
    }),
  }),
} as const;
