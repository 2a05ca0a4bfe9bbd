/**
 * Dev dock controls that are not a device family: the "central API down / up" switch over the
 * embedded sandbox of demo configs. Like every simulator control they are open to all roles but
 * refused with `E_DEVDOCK_DISABLED` unless the config enables the dev dock (the production
 * schema refuses it), and with `E_DEVDOCK_NOT_EMBEDDED` when the approval API is a real one.
 */
import { z } from 'zod';
import { ALL_ROLES, method } from '../define.js';
import { emptyParams } from './common.js';

export const centralApiStateSchema = z.strictObject({
  /** True while the embedded sandbox refuses connections. */
  down: z.boolean(),
  /** The URL the service calls (unchanged by the switch). */
  url: z.string(),
});

export const devdockMethods = {
  'devdock.centralApi.get': method({
    roles: ALL_ROLES,
    summary: 'Whether the embedded sandbox central API is taken down (dev dock).',
    params: emptyParams,
    result: centralApiStateSchema,
  }),
  'devdock.centralApi.set': method({
    roles: ALL_ROLES,
    summary:
      'Takes the embedded sandbox central API down (refuses connections) or brings it up on the same port (dev dock).',
    params: z.strictObject({ down: z.boolean() }),
    result: centralApiStateSchema,
  }),
} as const;

export const devdockEvents = {} as const;
