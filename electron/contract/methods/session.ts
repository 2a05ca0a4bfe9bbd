import { z } from 'zod';
import { ALL_ROLES, event, method } from '../define.js';

/** What the renderer may know of the applicant: masked only. */
export const applicantViewSchema = z.strictObject({
  kind: z.enum(['person', 'agent']),
  source: z.enum(['id-card', 'app-qr', 'staff-entry']),
  documentType: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  enterpriseName: z.string().optional(),
  creditCodeMasked: z.string().optional(),
});

export const sessionViewSchema = z.strictObject({
  id: z.string(),
  startedAt: z.string(),
  applicant: applicantViewSchema.optional(),
});

export const sessionMethods = {
  'session.get': method({
    roles: ALL_ROLES,
    summary:
      'The applicant session as the renderer may see it (masked), or null when none is open.',
    params: z.strictObject({}),
    result: sessionViewSchema.nullable(),
  }),
  'session.end': method({
    roles: ALL_ROLES,
    summary: 'Ends the applicant session and wipes its personal data in the service.',
    params: z.strictObject({ reason: z.enum(['cancel', 'complete', 'timeout']) }),
    result: z.strictObject({ ended: z.boolean() }),
  }),
} as const;

export const sessionEvents = {
  'session.changed': event({
    roles: ALL_ROLES,
    summary: 'The session started, changed applicant, or ended (null).',
    payload: sessionViewSchema.nullable(),
  }),
} as const;
