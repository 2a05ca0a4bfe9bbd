/**
 * Result delivery of an application (结果送达方式): the applicant's choice must be one the
 * item offers, and a posted result needs somewhere to go. Absent means the item's default.
 */
import type { ApplicationRequest, DeliveryOption, ItemRecord } from './types.js';

export interface DeliveryProblem {
  readonly path: string;
  readonly message: string;
}

/** The option used when an application names none: the item's default (else its first). */
export function defaultDelivery(item: ItemRecord): DeliveryOption | undefined {
  return item.resultDelivery.find((o) => o.isDefault) ?? item.resultDelivery[0];
}

/** What is wrong with the request's delivery choice for this item; empty when it is fine. */
export function deliveryProblems(
  item: ItemRecord,
  delivery: ApplicationRequest['delivery'],
): DeliveryProblem[] {
  if (delivery === undefined) return [];
  const offered = item.resultDelivery.map((o) => o.kind);
  if (!offered.includes(delivery.kind)) {
    return [
      {
        path: '/delivery/kind',
        message: `this item does not deliver its result by ${delivery.kind}; it offers ${offered.join(', ')}`,
      },
    ];
  }
  if (delivery.kind === 'POST' && (delivery.address ?? '').trim() === '') {
    return [{ path: '/delivery/address', message: 'POST needs the postal address to send it to' }];
  }
  if (delivery.kind !== 'POST' && delivery.address !== undefined) {
    return [
      {
        path: '/delivery/address',
        message: `an address is taken only for POST, not for ${delivery.kind}`,
      },
    ];
  }
  return [];
}
