/** Schemas several method tables share. */
import { z } from 'zod';

export const emptyParams = z.strictObject({});

export const languageSchema = z.enum(['zh-CN', 'en']);

export const bilingualTextSchema = z.strictObject({ 'zh-CN': z.string(), en: z.string() });

export const deviceStatusSchema = z.strictObject({
  id: z.string(),
  family: z.enum(['idCard', 'barcode', 'scanner', 'printer']),
  driver: z.string(),
  state: z.enum(['not-configured', 'connecting', 'ready', 'busy', 'disconnected', 'fault']),
  detail: z.string().optional(),
  lastError: z.strictObject({ code: z.string(), message: z.string(), at: z.string() }).optional(),
  since: z.string(),
});
