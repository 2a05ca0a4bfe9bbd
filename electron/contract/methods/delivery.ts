/**
 * Where the result goes (结果送达方式): the item's ways (pick up at the hall, post, electronic
 * license, one of them the default) and the applicant's choice for the open application,
 * which the submission and the receipt carry. Errors are `E_APPLICATION_DELIVERY_*` (and the
 * desk's `E_APPLICATION_NO_APPLICANT` / `E_APPLICATION_NO_ITEM`); docs/applications.md lists
 * them.
 */
import { z } from 'zod';
import { ALL_ROLES, method } from '../define.js';
import { bilingualTextSchema, emptyParams } from './common.js';

export const deliveryKindSchema = z.enum(['PICK_UP', 'POST', 'E_LICENSE']);

/** One way an item delivers its result (sandbox/openapi.yaml `DeliveryOption`). */
export const deliveryOptionSchema = z.strictObject({
  kind: deliveryKindSchema,
  /** Where to pick it up, who pays the postage, where the electronic license appears. */
  detail: bilingualTextSchema,
  isDefault: z.boolean(),
});

/** What a receipt keeps of the choice: the postal address only masked. */
export const receiptDeliverySchema = z.strictObject({
  kind: deliveryKindSchema,
  detail: bilingualTextSchema,
  addressMasked: z.string().optional(),
});

export const deliveryViewSchema = z.strictObject({
  options: z.array(deliveryOptionSchema),
  chosen: z.strictObject({
    kind: deliveryKindSchema,
    detail: bilingualTextSchema,
    /** POST only: the applicant's own address, shown in full for them to confirm. */
    address: z.string().optional(),
    addressSource: z.enum(['ON_FILE', 'TYPED']).optional(),
  }),
  /** False while the item's default applies because the applicant chose nothing. */
  explicit: z.boolean(),
  /** True when a posted result can go to an address on file (registered address) untyped. */
  addressOnFile: z.boolean(),
});

export const deliveryMethods = {
  'application.delivery': method({
    roles: ALL_ROLES,
    summary:
      "Where the open application's result goes: the item's options and the current choice (its default until one is chosen).",
    params: emptyParams,
    result: deliveryViewSchema,
  }),
  'application.setDelivery': method({
    roles: ALL_ROLES,
    summary:
      'Chooses how the result is delivered; POST without an address uses the address on file, else the address must be typed.',
    params: z.strictObject({
      kind: deliveryKindSchema,
      /** POST only; 5 to 200 characters (checked by the service with a clear error). */
      address: z.string().max(400).optional(),
    }),
    result: deliveryViewSchema,
  }),
} as const;

export const deliveryEvents = {} as const;
