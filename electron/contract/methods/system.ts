import { z } from 'zod';
import { ALL_ROLES, event, method, TECHNICIAN_ONLY } from '../define.js';
import { bilingualTextSchema, deviceStatusSchema, emptyParams, languageSchema } from './common.js';

export const systemMethods = {
  'system.hello': method({
    roles: ALL_ROLES,
    summary:
      'Who this kiosk is and how the renderer should behave; called after every (re)connect.',
    params: emptyParams,
    result: z.strictObject({
      version: z.string(),
      terminalId: z.string(),
      hall: bilingualTextSchema,
      fallbackDirections: bilingualTextSchema.optional(),
      role: z.enum(['applicant', 'staff', 'technician']),
      connectionId: z.string(),
      defaultLanguage: languageSchema,
      devDock: z.boolean(),
      idle: z.strictObject({ timeoutSeconds: z.number().int(), warningSeconds: z.number().int() }),
      startedAt: z.string(),
    }),
  }),
  'devices.list': method({
    roles: ALL_ROLES,
    summary: 'Status of every device family, "not-configured" where the config names none.',
    params: emptyParams,
    result: z.array(deviceStatusSchema),
  }),
  'devices.reconnect': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Closes and reopens one device (technician diagnostics).',
    params: z.strictObject({ id: z.string().min(1).max(64) }),
    result: deviceStatusSchema,
  }),
} as const;

export const systemEvents = {
  'devices.status': event({
    roles: ALL_ROLES,
    summary: 'One device changed state.',
    payload: deviceStatusSchema,
  }),
} as const;
