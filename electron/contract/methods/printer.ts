/**
 * Methods and events of the printer family. Staff and technicians see the printer's condition
 * and the receipts kept after a failed print (with why it failed) and reprint them; a
 * technician prints a test receipt. The simulator methods drive the in-process fake printer
 * from the dev dock; they refuse with `E_DEVDOCK_DISABLED` unless the config enables the dev
 * dock, and with `E_PRINTER_NO_SIMULATOR` when the printer is real.
 */
import { z } from 'zod';
import { ALL_ROLES, STAFF_ROLES, event, method } from '../define.js';
import { deviceStatusSchema, emptyParams } from './common.js';

export const printerFaultSchema = z.enum([
  'paper-end',
  'cover-open',
  'offline',
  'cutter-error',
  'unrecoverable-error',
]);
export const printerWarningSchema = z.enum(['paper-near-end', 'recoverable-error']);

/** What the printer answered to `DLE EOT 1..4`; `known: false` means "status unknown". */
export const printerConditionSchema = z.strictObject({
  known: z.boolean(),
  /** Why the status is unknown: `no-answer`, `not-connected` or `garbled`. */
  reason: z.string().optional(),
  faults: z.array(printerFaultSchema),
  warnings: z.array(printerWarningSchema),
  /** The four raw status bytes, for technicians. */
  replies: z.array(z.number().int().min(0).max(255)).length(4).optional(),
});

export const printFailureCodeSchema = z.enum([
  'paper-end',
  'cover-open',
  'offline',
  'cutter-error',
  'unrecoverable-error',
  'status-unknown',
  'not-connected',
  'write-failed',
  'write-timeout',
  'connection-lost',
]);

export const keptReceiptSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['final', 'provisional', 'test']),
  reference: z.string(),
  code: printFailureCodeSchema,
  /** English, for staff and technicians; the renderer translates `code`. */
  message: z.string(),
  stage: z.enum(['before', 'sending', 'after']),
  printed: z.enum(['no', 'partly', 'unknown']),
  keptAt: z.string(),
  attempts: z.number().int().min(1),
});

export const printReportSchema = z.strictObject({
  bytes: z.number().int().min(0),
  warnings: z.array(printerWarningSchema),
  after: printerConditionSchema,
});

export const printerSimulatorStateSchema = z.strictObject({
  flags: z.record(z.string(), z.boolean()),
  answering: z.boolean(),
  /** Paper left in dots, or null for an endless roll. */
  paperRemainingDots: z.number().int().min(0).nullable(),
  receipts: z.array(
    z.strictObject({
      number: z.number().int().min(1),
      interrupted: z.boolean(),
      at: z.string(),
      /** The printed text lines as the fake printer decoded them (masked, as on paper). */
      lines: z.array(z.string()),
    }),
  ),
});

export const printerSimulatorActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('open-cover') }),
  z.strictObject({ kind: z.literal('close-cover') }),
  z.strictObject({ kind: z.literal('load-paper') }),
  z.strictObject({ kind: z.literal('paper-near-end') }),
  /** The roll ends after this many more dots (30 dots = one text line): mid-job paper out. */
  z.strictObject({
    kind: z.literal('paper-runs-out'),
    afterDots: z.number().int().min(0).max(100_000),
  }),
  z.strictObject({ kind: z.literal('set-offline'), offline: z.boolean() }),
  z.strictObject({ kind: z.literal('cutter-error'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('answering'), answering: z.boolean() }),
  z.strictObject({ kind: z.literal('drop-connection') }),
  /** Prints the test receipt through the real driver (for the dock, without staff sign-in). */
  z.strictObject({ kind: z.literal('print-test') }),
]);

export const printerMethods = {
  'printer.status': method({
    roles: STAFF_ROLES,
    summary: "Asks the printer for its status now; the device status and the kept receipts' count.",
    params: emptyParams,
    result: z.strictObject({
      device: deviceStatusSchema,
      condition: printerConditionSchema,
      keptReceipts: z.number().int().min(0),
    }),
  }),
  'printer.printTest': method({
    roles: STAFF_ROLES,
    summary: 'Prints the test receipt (Chinese and English lines, QR code, barcode, cut).',
    params: emptyParams,
    result: printReportSchema,
  }),
  'printer.keptReceipts': method({
    roles: STAFF_ROLES,
    summary: 'Receipts whose print failed, kept for reprint, with why each failed.',
    params: emptyParams,
    result: z.strictObject({ receipts: z.array(keptReceiptSchema) }),
  }),
  'printer.reprint': method({
    roles: STAFF_ROLES,
    summary: 'Prints a kept receipt again; it leaves the list once it prints.',
    params: z.strictObject({ id: z.string().min(1).max(64) }),
    result: printReportSchema,
  }),
  'printer.discardKept': method({
    roles: STAFF_ROLES,
    summary: 'Forgets a kept receipt (the applicant got a copy another way).',
    params: z.strictObject({ id: z.string().min(1).max(64) }),
    result: z.strictObject({ discarded: z.boolean() }),
  }),
  'printer.simulatorState': method({
    roles: ALL_ROLES,
    summary: "Dev dock: the fake printer's status flags, paper, answering, and printed receipts.",
    params: emptyParams,
    result: printerSimulatorStateSchema,
  }),
  'printer.simulatorAction': method({
    roles: ALL_ROLES,
    summary: 'Dev dock: opens the cover, runs out of paper, stops answering, drops the link...',
    params: z.strictObject({ action: printerSimulatorActionSchema }),
    result: printerSimulatorStateSchema,
  }),
  'printer.simulatorReceiptPicture': method({
    roles: ALL_ROLES,
    summary: 'Dev dock: a receipt the fake printer printed, as a PNG (base64).',
    params: z.strictObject({ number: z.number().int().min(1) }),
    result: z.strictObject({
      number: z.number().int().min(1),
      interrupted: z.boolean(),
      pngBase64: z.string(),
    }),
  }),
} as const;

export const printerEvents = {
  'printer.jobFailed': event({
    roles: STAFF_ROLES,
    summary: 'A print failed; the receipt is kept for reprint (keptId) and the reason is given.',
    payload: z.strictObject({
      keptId: z.string(),
      kind: z.enum(['final', 'provisional', 'test']),
      reference: z.string(),
      code: printFailureCodeSchema,
      message: z.string(),
      stage: z.enum(['before', 'sending', 'after']),
      printed: z.enum(['no', 'partly', 'unknown']),
    }),
  }),
  'printer.simulatorReceipt': event({
    roles: ALL_ROLES,
    summary: 'Dev dock: the fake printer finished a receipt (fetch its picture by number).',
    payload: z.strictObject({
      number: z.number().int().min(1),
      interrupted: z.boolean(),
      at: z.string(),
    }),
  }),
} as const;
