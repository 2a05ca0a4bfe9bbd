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
  'session.callStaff': method({
    roles: ['applicant'],
    summary:
      'The applicant tapped "call staff": pages staff (staff.called) once; further taps while that call is open return it without paging again.',
    params: z.strictObject({
      /** The screen the applicant is on (a screen id, never free text). */
      screen: z
        .string()
        .regex(/^[a-z][a-zA-Z-]{0,31}$/, 'a screen id such as materials')
        .optional(),
    }),
    result: z.strictObject({
      callId: z.string(),
      at: z.string(),
      state: z.enum(['open', 'acknowledged']),
      /** True when this tap found a call already open and paged nobody. */
      repeated: z.boolean(),
      /** After this many seconds without an acknowledgement, show the counter directions. */
      directionsAfterSeconds: z.number().int(),
    }),
  }),
} as const;

export const sessionEvents = {
  'session.changed': event({
    roles: ALL_ROLES,
    summary: 'The session started, changed applicant, or ended (null).',
    payload: sessionViewSchema.nullable(),
  }),
  'session.timeExtended': event({
    roles: ALL_ROLES,
    summary:
      "Staff extended the applicant's time (staff.extendApplicantTime): the idle timer restarts and an idle warning closes.",
    payload: z.strictObject({ at: z.string() }),
  }),
} as const;
