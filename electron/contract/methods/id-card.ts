/**
 * Methods and events of the id-card family. A card read reaches the renderer twice: as
 * `idCard.read` (what was read, masked) and through `session.changed` (the session it started).
 * The simulator methods drive the in-process simulator from the dev dock; they refuse with
 * `E_DEVDOCK_DISABLED` unless the config enables the dev dock, and with `E_IDCARD_NO_SIMULATOR`
 * when the reader is real.
 */
import { z } from 'zod';
import { ALL_ROLES, event, method } from '../define.js';
import { emptyParams } from './common.js';

export const idCardDocumentTypeSchema = z.enum([
  'resident',
  'gat-residence-permit',
  'foreigner-permanent-2017',
  'foreigner-permanent-2023',
]);

export const samHealthSchema = z.enum(['ok', 'self-test-failed', 'unauthorised']);

/** One card of the simulator's deck, masked like everything the renderer sees. */
export const simulatorCardSchema = z.strictObject({
  index: z.number().int().min(0),
  documentType: idCardDocumentTypeSchema,
  nameMasked: z.string(),
  idNumberMasked: z.string(),
});

export const idCardSimulatorStateSchema = z.strictObject({
  cards: z.array(simulatorCardSchema),
  /** Index of the card on the reader, or null. */
  placed: z.number().int().min(0).nullable(),
  samHealth: samHealthSchema,
});

export const simulatorFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bad-checksum') }),
  z.strictObject({ kind: z.literal('junk-before-preamble') }),
  z.strictObject({
    kind: z.literal('split-frames'),
    pieces: z.number().int().min(2).max(64).optional(),
    gapMs: z.number().int().min(0).max(2000).optional(),
  }),
  z.strictObject({ kind: z.literal('remove-mid-read') }),
  z.strictObject({ kind: z.literal('slow-answer'), delayMs: z.number().int().min(1).max(10_000) }),
]);

export const idCardMethods = {
  'idCard.simulatorState': method({
    roles: ALL_ROLES,
    summary: "Dev dock: the simulated reader's deck (masked), the placed card and the SAM health.",
    params: emptyParams,
    result: idCardSimulatorStateSchema,
  }),
  'idCard.placeCard': method({
    roles: ALL_ROLES,
    summary: "Dev dock: places a card of the simulator's deck on the reader (replacing any).",
    params: z.strictObject({ index: z.number().int().min(0).max(63) }),
    result: idCardSimulatorStateSchema,
  }),
  'idCard.removeCard': method({
    roles: ALL_ROLES,
    summary: 'Dev dock: takes the card off the simulated reader.',
    params: emptyParams,
    result: idCardSimulatorStateSchema,
  }),
  'idCard.setSamHealth': method({
    roles: ALL_ROLES,
    summary: 'Dev dock: makes the simulated SAM healthy, fail its self-test, or unauthorised.',
    params: z.strictObject({ health: samHealthSchema }),
    result: idCardSimulatorStateSchema,
  }),
  'idCard.injectFault': method({
    roles: ALL_ROLES,
    summary: "Dev dock: queues a one-shot line fault for the simulated reader's next answer.",
    params: z.strictObject({ fault: simulatorFaultSchema }),
    result: idCardSimulatorStateSchema,
  }),
} as const;

export const idCardEvents = {
  'idCard.read': event({
    roles: ALL_ROLES,
    summary: 'A card was read (masked); the session it started follows as session.changed.',
    payload: z.strictObject({
      documentType: idCardDocumentTypeSchema,
      nameMasked: z.string(),
      idNumberMasked: z.string(),
      /** Whether the session took this identity (false: a running session kept its applicant). */
      identified: z.boolean(),
      readAt: z.string(),
    }),
  }),
  'idCard.removed': event({
    roles: ALL_ROLES,
    summary: 'The card was taken off the reader (the session goes on).',
    payload: z.strictObject({ at: z.string() }),
  }),
  'idCard.error': event({
    roles: ALL_ROLES,
    summary: 'A read failed or the reader has a problem; code, technician message, SAM status.',
    payload: z.strictObject({
      code: z.string(),
      message: z.string(),
      sw3: z.string().optional(),
    }),
  }),
} as const;
