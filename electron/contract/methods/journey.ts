/**
 * What the applicant's journey needs beyond the application desk: items recommended for this
 * applicant (a repeat application, a license about to expire) and the enterprises the person
 * is an authorised agent of, both from the central API; acting for one of those enterprises
 * (so an agent types no credit code); and the five-level rating at the end of a visit.
 * Identifiers appear only masked.
 */
import { z } from 'zod';
import { ALL_ROLES, method } from '../define.js';
import { bilingualTextSchema, emptyParams } from './common.js';

/** An item's implementation code as a parameter. */
const implementCodeParam = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - (1 to 128)');

export const journeyMethods = {
  'journey.recommendations': method({
    roles: ALL_ROLES,
    summary:
      'Items recommended for the identified applicant (repeat, license expiring) and the enterprises the person may act for.',
    params: emptyParams,
    result: z.strictObject({
      items: z.array(
        z.strictObject({
          implementCode: z.string(),
          name: bilingualTextSchema,
          reason: z.enum(['REPEAT', 'LICENSE_EXPIRING']),
          detail: bilingualTextSchema,
        }),
      ),
      represents: z.array(
        z.strictObject({
          index: z.number().int().min(0),
          name: z.string(),
          creditCodeMasked: z.string(),
        }),
      ),
    }),
  }),
  'journey.actFor': method({
    roles: ALL_ROLES,
    summary:
      'The identified person acts as agent of one of the enterprises the last recommendations listed (by index).',
    params: z.strictObject({ index: z.number().int().min(0).max(63) }),
    result: z.strictObject({ enterpriseName: z.string(), creditCodeMasked: z.string() }),
  }),
  'journey.formFields': method({
    roles: ALL_ROLES,
    summary:
      "The item record's form fields (label, type, options, unit) so the form screen can ask for each in its own way.",
    params: z.strictObject({ implementCode: implementCodeParam }),
    result: z.strictObject({
      fields: z.array(
        z.strictObject({
          key: z.string(),
          label: bilingualTextSchema,
          type: z.enum([
            'TEXT',
            'TEXT_LIST',
            'DATE',
            'DATETIME',
            'INTEGER',
            'NUMBER',
            'SELECT',
            'REGION',
            'PLATE',
            'CREDIT_CODE',
            'ID_NUMBER',
            'PHONE',
            'GOODS_LINES',
          ]),
          required: z.boolean(),
          options: z
            .array(z.strictObject({ value: z.string(), label: bilingualTextSchema }))
            .optional(),
          unit: z.string().optional(),
        }),
      ),
    }),
  }),
  'journey.itemMaterials': method({
    roles: ALL_ROLES,
    summary:
      "What the item needs, from its record (for the item guide, before an application is opened): each material's name, whether always or in some cases (and which), and how it may be supplied.",
    params: z.strictObject({ implementCode: implementCodeParam }),
    result: z.strictObject({
      materials: z.array(
        z.strictObject({
          code: z.string(),
          name: bilingualTextSchema,
          requirement: z.enum(['REQUIRED', 'CONDITIONAL']),
          explanation: bilingualTextSchema.optional(),
          sources: z.array(z.enum(['E_LICENSE', 'SUPPLY_CHAIN', 'SCAN', 'COMMITMENT', 'FORM'])),
        }),
      ),
    }),
  }),
  'journey.rate': method({
    roles: ALL_ROLES,
    summary:
      'Records the five-level rating of this visit with the central API (5 very satisfied ... 1 very dissatisfied).',
    params: z.strictObject({
      score: z.number().int().min(1).max(5),
      trackingNumber: z.string().min(1).max(64).optional(),
    }),
    result: z.strictObject({ recorded: z.boolean() }),
  }),
} as const;

export const journeyEvents = {} as const;
