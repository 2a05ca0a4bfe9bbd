/**
 * Methods and events of the barcode family. Every code a reader scans reaches the renderer as
 * `barcode.scanned` with what the kiosk makes of it (docs/codes.md), masked: permit numbers,
 * credit codes and e-license identifiers keep their first 3 and last 4 characters, and an app
 * sign-in token never leaves the service. The scanned text itself is not sent (it can carry
 * personal data).
 */
import { z } from 'zod';
import { ALL_ROLES, event, method } from '../define.js';
import { emptyParams } from './common.js';

export const codeKindSchema = z.enum(['receipt', 'permit', 'batch', 'app-identity', 'e-license']);

/** A classified code as the renderer may see it. */
export const codeViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('receipt'),
    trackingNumber: z.string(),
    terminalId: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('permit'),
    permitNumberMasked: z.string(),
    permitType: z.string(),
    holderCreditCodeMasked: z.string(),
    /** YYYYMMDD */
    validFrom: z.string(),
    /** YYYYMMDD */
    validUntil: z.string(),
  }),
  z.strictObject({
    kind: z.literal('batch'),
    gtin: z.string(),
    batch: z.string(),
    productionDate: z.string().optional(),
    expiryDate: z.string().optional(),
    serial: z.string().optional(),
    count: z.number().optional(),
  }),
  z.strictObject({
    kind: z.literal('app-identity'),
    appId: z.string(),
    /** Unix seconds. */
    expiresAt: z.number(),
    expired: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('e-license'),
    identifierMasked: z.string(),
    typeCode: z.string(),
  }),
  z.strictObject({
    kind: z.literal('unknown'),
    /** English, for technicians; the screen says "not a code this kiosk knows". */
    reason: z.string(),
    looksLike: codeKindSchema.optional(),
  }),
]);

/** What the central API says about a scanned permit or batch code. */
export const verificationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('permit'),
    /** `VALID`: signed by a published permit key; `INVALID`: altered or forged. */
    signature: z.enum(['VALID', 'INVALID', 'UNKNOWN_KEY', 'MALFORMED']),
    /** Live state, when the API knows the permit. */
    state: z
      .enum(['ISSUED', 'IN_TRANSIT', 'CANCELLED_ON_ARRIVAL', 'EXPIRED', 'REVOKED'])
      .optional(),
    checkedAt: z.string(),
    /**
     * `central-api`: signature and state from the central API. `kiosk-offline`: the API did not
     * answer, so the kiosk checked the signature with permit keys it fetched earlier; no state.
     */
    source: z.enum(['central-api', 'kiosk-offline']),
  }),
  z.strictObject({
    kind: z.literal('batch'),
    gtin: z.string(),
    batch: z.string(),
    productName: z.string(),
    manufacturerName: z.string(),
    /** The batch's flow, oldest first. */
    events: z.array(
      z.strictObject({
        type: z.enum(['PRODUCED', 'WAREHOUSED', 'SHIPPED', 'ARRIVED', 'SOLD']),
        at: z.string(),
        place: z.string(),
      }),
    ),
  }),
]);

const aimIdentifier = z.string().regex(/^\][A-Za-z][0-9A-Za-z]$/, 'AIM identifier such as ]Q1');

export const barcodeMethods = {
  'barcode.classify': method({
    roles: ALL_ROLES,
    summary: 'Says what a typed-in code is (manual entry when a code will not scan), masked.',
    params: z.strictObject({ text: z.string().min(1).max(8192) }),
    result: codeViewSchema,
  }),
  'barcode.verify': method({
    roles: ALL_ROLES,
    summary:
      'Checks a scanned permit (signature and live state) or traces a batch with the central API, by scanId.',
    params: z.strictObject({ scanId: z.string().min(1).max(64) }),
    result: verificationSchema,
  }),
  'barcode.signIn': method({
    roles: ALL_ROLES,
    summary:
      'Signs the applicant in with a scanned government-app code (by scanId): the central API resolves it once.',
    params: z.strictObject({ scanId: z.string().min(1).max(64) }),
    result: z.strictObject({
      /** False when a running session kept its applicant (as with a second ID card). */
      identified: z.boolean(),
      nameMasked: z.string(),
      idNumberMasked: z.string(),
    }),
  }),
  'barcode.simulatorPresets': method({
    roles: ALL_ROLES,
    summary: "Dev dock: the simulated readers' ids and the ready-made codes they can scan.",
    params: emptyParams,
    result: z.strictObject({
      readers: z.array(z.string()),
      presets: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    }),
  }),
  'barcode.simulateScan': method({
    roles: ALL_ROLES,
    summary:
      'Dev dock: a simulated reader sends a preset or the given text through its wire format.',
    params: z
      .strictObject({
        /** Which simulated reader; default the first. */
        readerId: z.string().max(64).optional(),
        /** One of `barcode.simulatorPresets`; or give `text`. */
        preset: z.string().max(64).optional(),
        text: z.string().min(1).max(2000).optional(),
        symbologyIdentifier: aimIdentifier.optional(),
        encoding: z.enum(['utf-8', 'gb18030']).optional(),
      })
      .refine((p) => (p.preset === undefined) !== (p.text === undefined), {
        message: 'give either preset or text',
      }),
    result: z.strictObject({ readerId: z.string() }),
  }),
} as const;

export const barcodeEvents = {
  'barcode.scanned': event({
    roles: ALL_ROLES,
    summary: 'A reader scanned a code: reader, symbology and what the code is (masked).',
    payload: z.strictObject({
      /**
       * Names this scan for a follow-up call (verify this permit, sign in with this app code):
       * the service keeps the scanned text, the renderer never gets it.
       */
      scanId: z.string(),
      readerId: z.string(),
      symbology: z.string(),
      at: z.string(),
      code: codeViewSchema,
    }),
  }),
} as const;
