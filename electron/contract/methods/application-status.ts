/**
 * The status screen's "my applications": after a person places an ID card on the status
 * screen, the applications they made or acted as agent for, from this kiosk's outbox (queued
 * ones the central API does not know yet) and from the central API. Masked by construction: no
 * names or identifiers, only item names, references, states and dates.
 */
import { z } from 'zod';
import { ALL_ROLES, method } from '../define.js';
import { bilingualTextSchema, emptyParams } from './common.js';

export const myApplicationSchema = z.strictObject({
  /** What `application.status` takes for this entry: the tracking number, else the local reference. */
  reference: z.string(),
  localReference: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  itemName: bilingualTextSchema,
  state: z.enum(['queued', 'forwarded', 'refused']),
  status: z.string().nullable(),
  submittedAt: z.string(),
  source: z.enum(['kiosk', 'central']),
});

export const applicationStatusMethods = {
  'application.mine': method({
    roles: ALL_ROLES,
    summary:
      "The identified person's applications (own and as agent), newest first: this kiosk's outbox and the central API.",
    params: emptyParams,
    result: z.strictObject({
      applications: z.array(myApplicationSchema),
      /** `unavailable`: the central API did not answer; only this kiosk's applications are listed. */
      central: z.enum(['ok', 'unavailable']),
    }),
  }),
} as const;

export const applicationStatusEvents = {} as const;
