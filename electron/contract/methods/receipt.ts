/**
 * The applicant's receipt: printed after submission in the displayed language, from the facts
 * the outbox keeps (masked name and code, item, time limit, tracking number or provisional
 * reference with its QR code). A failed print is kept for staff to reprint; the renderer is
 * told the printer failure code so it can say what happened (out of paper, cover open...).
 */
import { z } from 'zod';
import { ALL_ROLES, method } from '../define.js';
import { languageSchema } from './common.js';
import { printFailureCodeSchema } from './printer.js';

export const receiptMethods = {
  'receipt.print': method({
    roles: ALL_ROLES,
    summary:
      "Prints the receipt of an application submitted in this session (by its local reference) in the applicant's language.",
    params: z.strictObject({
      localReference: z.string().min(1).max(64),
      language: languageSchema,
    }),
    result: z.discriminatedUnion('printed', [
      z.strictObject({ printed: z.literal(true), kind: z.enum(['final', 'provisional']) }),
      z.strictObject({
        printed: z.literal(false),
        code: printFailureCodeSchema,
        /** Kept for staff to reprint (`printer.keptReceipts`). */
        keptId: z.string(),
      }),
    ]),
  }),
} as const;

export const receiptEvents = {} as const;
