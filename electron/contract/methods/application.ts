/**
 * Methods and events of applications: item search over the catalogue cache, the material plan
 * (consent, form answers, documents on file with preview, scans, commitments, an agent's
 * authorisation), the completeness check with every deficiency in both languages, submission
 * (tracking number, or a provisional local reference while the central API is unreachable),
 * application status, and the outbox summary for staff. Errors are `E_APPLICATION_*` codes;
 * docs/applications.md lists them. Identifiers appear only masked.
 */
import { z } from 'zod';
import { ALL_ROLES, STAFF_ROLES, event, method } from '../define.js';
import { bilingualTextSchema, emptyParams } from './common.js';
import { deliveryOptionSchema, receiptDeliverySchema } from './delivery.js';

const code = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - (1 to 128)');
const documentId = z.string().min(1).max(200);
const holderIndex = z.number().int().min(0).max(16);
const trustLevel = z.enum(['A', 'B', 'C', 'D']);
const sourceKind = z.enum(['E_LICENSE', 'SUPPLY_CHAIN', 'SCAN', 'COMMITMENT', 'FORM']);

export const deficiencySchema = z.strictObject({
  /** Stable code (`missing-material`, `document-validity`, a cross-field rule's code, ...). */
  code: z.string(),
  materialCode: z.string().optional(),
  field: z.string().optional(),
  /** Whose document, masked, for materials with several holders. */
  holderMasked: z.string().optional(),
  message: bilingualTextSchema,
});

export const completenessSchema = z.strictObject({
  engineVersion: z.string(),
  result: z.enum(['COMPLETE', 'INCOMPLETE']),
  deficiencies: z.array(deficiencySchema),
});

export const documentViewSchema = z.strictObject({
  documentId: z.string(),
  kind: z.enum(['E_LICENSE', 'PURCHASE_CONTRACT', 'QUALITY_CERTIFICATE']),
  licenseType: z.string().optional(),
  typeName: bilingualTextSchema,
  numberMasked: z.string(),
  holderNameMasked: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(['VALID', 'EXPIRED', 'REVOKED']),
  trustLevel,
  previewed: z.boolean(),
});

export const planSchema = z.strictObject({
  item: z.strictObject({
    implementCode: z.string(),
    version: z.number().int(),
    name: bilingualTextSchema,
    /** The central API could not confirm the item record recently. */
    stale: z.boolean(),
    visitsToHall: z.number().int(),
    promisedWorkingDays: z.number().int(),
  }),
  consented: z.boolean(),
  /** For an enterprise agent: how the authorisation was shown (null: not yet). */
  agent: z.strictObject({ authorisation: z.enum(['ON_FILE', 'SCAN']).nullable() }).nullable(),
  materials: z.array(
    z.strictObject({
      materialCode: z.string(),
      name: bilingualTextSchema,
      requirement: z.enum(['REQUIRED', 'CONDITIONAL']),
      explanation: bilingualTextSchema.optional(),
      holderIndex: z.number().int(),
      holderCount: z.number().int(),
      holderMasked: z.string(),
      sources: z.array(z.strictObject({ kind: sourceKind, trustLevel })),
      candidates: z.array(documentViewSchema),
      chosen: z
        .strictObject({
          source: sourceKind,
          trustLevel,
          documentId: z.string().optional(),
          derivedCopyExpiresAt: z.string().optional(),
          pages: z.number().int().optional(),
        })
        .optional(),
      byForm: z.boolean(),
      /** The document on file proposed (used last time, or the only valid one); preview first. */
      suggested: z.string().optional(),
    }),
  ),
  lookupErrors: z.array(z.string()),
});

export const receiptFactsSchema = z.strictObject({
  itemName: bilingualTextSchema,
  itemCode: z.string(),
  itemVersion: z.number().int(),
  applicantNameMasked: z.string(),
  applicantCodeMasked: z.string(),
  agentNameMasked: z.string().optional(),
  submittedAt: z.string(),
  promisedWorkingDays: z.number().int(),
  visitsToHall: z.number().int(),
  /** Where the result goes (absent on receipts from before the choice existed). */
  delivery: receiptDeliverySchema.optional(),
});

export const submitResultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('incomplete'), deficiencies: z.array(deficiencySchema) }),
  z.strictObject({
    kind: z.literal('forwarded'),
    localReference: z.string(),
    trackingNumber: z.string(),
    receipt: receiptFactsSchema,
  }),
  z.strictObject({
    kind: z.literal('provisional'),
    localReference: z.string(),
    receipt: receiptFactsSchema,
    /** English, for staff: why no tracking number yet. */
    reason: z.string(),
  }),
]);

export const applicationStatusSchema = z.strictObject({
  localReference: z.string(),
  state: z.enum(['queued', 'forwarded', 'refused']),
  trackingNumber: z.string().nullable(),
  status: z.string().nullable(),
  receipt: receiptFactsSchema,
  forwardedAt: z.string().nullable(),
  live: z
    .strictObject({
      status: z.string(),
      clockPaused: z.boolean(),
      supplement: z.array(deficiencySchema).optional(),
      promisedDueDate: z.string().optional(),
    })
    .optional(),
});

export const outboxStatsSchema = z.strictObject({
  pending: z.number().int().min(0),
  oldestPendingAgeMs: z.number().min(0).nullable(),
  lastError: z
    .strictObject({ localReference: z.string(), message: z.string(), at: z.string() })
    .nullable(),
  forwardedToday: z.number().int().min(0),
  refused: z.number().int().min(0),
  holdingPersonalData: z.number().int().min(0),
  /** The forwarding client's circuit breaker; null when no central API is configured. */
  circuit: z
    .strictObject({
      state: z.enum(['closed', 'open', 'half-open']),
      consecutiveFailures: z.number().int().min(0),
      openedAt: z.string().optional(),
      probeAt: z.string().optional(),
      lastFailure: z.string().optional(),
    })
    .nullable(),
});

export const applicationMethods = {
  'application.searchItems': method({
    roles: ALL_ROLES,
    summary: 'Searches cached items by Chinese, full pinyin or pinyin initials; stale when old.',
    params: z.strictObject({
      query: z.string().min(1).max(100),
      limit: z.number().int().min(1).max(50).optional(),
    }),
    result: z.strictObject({
      hits: z.array(
        z.strictObject({
          implementCode: z.string(),
          version: z.number().int(),
          name: bilingualTextSchema,
          agencyName: bilingualTextSchema,
          category: z.string(),
          visitsToHall: z.number().int(),
          promisedWorkingDays: z.number().int(),
          feeCharged: z.boolean(),
          /** Where the result may go: pick up, post, electronic license; one is the default. */
          delivery: z.array(deliveryOptionSchema),
        }),
      ),
      refreshedAt: z.string().nullable(),
      stale: z.boolean(),
    }),
  }),
  'application.start': method({
    roles: ALL_ROLES,
    summary: 'Opens an application for an item in the identified session; returns the plan.',
    params: z.strictObject({ implementCode: code }),
    result: planSchema,
  }),
  'application.consent': method({
    roles: ALL_ROLES,
    summary: 'Records the consent to look up documents on file (needed before any lookup).',
    params: z.strictObject({
      scope: z.array(z.enum(['documents-on-file', 'authorisation-on-file'])).min(1),
      textVersion: z.string().min(1).max(64),
    }),
    result: z.strictObject({ at: z.string() }),
  }),
  'application.setForm': method({
    roles: ALL_ROLES,
    summary: 'Merges form answers by field key (null clears one).',
    params: z.strictObject({
      values: z.record(z.string().min(1).max(64), z.union([z.json(), z.null()])),
    }),
    result: z.strictObject({ fields: z.number().int() }),
  }),
  'application.prefill': method({
    roles: ALL_ROLES,
    summary:
      "Fills unanswered fields from the applicant's latest application for this item (after consent).",
    params: emptyParams,
    result: z.strictObject({
      /** Field keys filled in; the renderer reads the values back with `application.form`. */
      fields: z.array(z.string()),
      fromSubmittedAt: z.string().nullable(),
      /** The filled-in answers to confirm on screen; identifiers and persons' names masked. */
      shown: z.array(
        z.strictObject({ key: z.string(), label: bilingualTextSchema, display: z.string() }),
      ),
    }),
  }),
  'application.form': method({
    roles: ALL_ROLES,
    summary: 'The answers given so far (for showing prefilled values to confirm).',
    params: emptyParams,
    result: z.strictObject({ values: z.record(z.string(), z.json()) }),
  }),
  'application.answers': method({
    roles: ALL_ROLES,
    summary:
      'Every answer given so far, in the item order, as text to check: identifiers and persons’ names masked.',
    params: emptyParams,
    result: z.strictObject({
      answers: z.array(
        z.strictObject({ key: z.string(), label: bilingualTextSchema, display: z.string() }),
      ),
    }),
  }),
  'application.plan': method({
    roles: ALL_ROLES,
    summary: 'The material plan: each needed material per holder, with documents on file that fit.',
    params: emptyParams,
    result: planSchema,
  }),
  'application.previewDocument': method({
    roles: ALL_ROLES,
    summary: 'Shows a document on file to the applicant (required before using it).',
    params: z.strictObject({ documentId }),
    result: z.strictObject({
      documentId: z.string(),
      typeName: bilingualTextSchema,
      lines: z.array(z.strictObject({ label: bilingualTextSchema, value: z.string() })),
      watermark: bilingualTextSchema,
    }),
  }),
  'application.useDocument': method({
    roles: ALL_ROLES,
    summary: 'Uses a previewed document on file for a material (a derived copy is made).',
    params: z.strictObject({ materialCode: code, holderIndex, documentId }),
    result: planSchema,
  }),
  'application.previewSuggested': method({
    roles: ALL_ROLES,
    summary:
      'Previews every suggested document on file at once (each counts as previewed), to be seen together.',
    params: emptyParams,
    result: z.strictObject({
      documents: z.array(
        z.strictObject({
          materialCode: z.string(),
          holderIndex: z.number().int(),
          documentId: z.string(),
          typeName: bilingualTextSchema,
          lines: z.array(z.strictObject({ label: bilingualTextSchema, value: z.string() })),
          watermark: bilingualTextSchema,
        }),
      ),
    }),
  }),
  'application.useSuggested': method({
    roles: ALL_ROLES,
    summary:
      'Uses every previewed suggested document on file in one step (a derived copy of each).',
    params: emptyParams,
    result: planSchema,
  }),
  'application.attachScan': method({
    roles: ALL_ROLES,
    summary: "Attaches the scanner's pages of a session material as a material's scan.",
    params: z.strictObject({ materialCode: code, holderIndex, scanMaterialId: code }),
    result: planSchema,
  }),
  'application.signCommitment': method({
    roles: ALL_ROLES,
    summary: 'Records a signed commitment for a material that accepts one.',
    params: z.strictObject({ materialCode: code, holderIndex }),
    result: planSchema,
  }),
  'application.clearMaterial': method({
    roles: ALL_ROLES,
    summary: 'Removes what was supplied for a material.',
    params: z.strictObject({ materialCode: code, holderIndex }),
    result: planSchema,
  }),
  'application.showAuthorisation': method({
    roles: ALL_ROLES,
    summary: "An enterprise agent shows the enterprise's authorisation: on file or scanned.",
    params: z.strictObject({
      source: z.enum(['ON_FILE', 'SCAN']),
      scanMaterialId: code.optional(),
    }),
    result: planSchema,
  }),
  'application.check': method({
    roles: ALL_ROLES,
    summary: 'The completeness check: every deficiency at once, each in both languages.',
    params: emptyParams,
    result: completenessSchema,
  }),
  'application.submit': method({
    roles: ALL_ROLES,
    summary:
      'Submits a complete application: tracking number, or a provisional reference when offline. Repeat calls return the same outcome.',
    params: emptyParams,
    result: submitResultSchema,
  }),
  'application.status': method({
    roles: ALL_ROLES,
    summary: 'Status by local reference or tracking number (live when the central API answers).',
    params: z.strictObject({ reference: z.string().min(1).max(64) }),
    result: applicationStatusSchema,
  }),
  'outbox.stats': method({
    roles: STAFF_ROLES,
    summary:
      'The outbox: pending count, oldest pending age, last error, forwarded today, circuit state.',
    params: emptyParams,
    result: outboxStatsSchema,
  }),
} as const;

export const applicationEvents = {
  'application.forwarded': event({
    roles: ALL_ROLES,
    summary: 'An application queued earlier reached the central API and has a tracking number.',
    payload: z.strictObject({ localReference: z.string(), trackingNumber: z.string() }),
  }),
} as const;
