/**
 * Handlers of the result delivery methods: adapters to the delivery desk. Its own errors
 * become `E_APPLICATION_DELIVERY_*`; the desk's (no applicant, no item) keep their codes.
 */
import type { Result } from '../../../drivers/common/result.js';
import type { ValueOf } from '../../contract/index.js';
import type { deliveryMethods } from '../../contract/methods/delivery.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { DeliveryError, DeliveryErrorCode, DeliveryView } from '../application/delivery.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import { DESK_ERROR_CODES } from './application.js';

/** Stable contract error code for each delivery error. */
export const DELIVERY_ERROR_CODES: Readonly<Record<DeliveryErrorCode, string>> = {
  'delivery-not-offered': 'E_APPLICATION_DELIVERY_NOT_OFFERED',
  'delivery-address-required': 'E_APPLICATION_DELIVERY_ADDRESS_REQUIRED',
  'delivery-address-invalid': 'E_APPLICATION_DELIVERY_ADDRESS_INVALID',
};

function toWire(
  r: Result<DeliveryView, DeliveryError>,
): WireResult<ValueOf<'application.delivery'>> {
  if (r.ok) return wireOk({ ...r.value, options: [...r.value.options] });
  const code = r.error.code;
  const wire =
    code in DELIVERY_ERROR_CODES
      ? DELIVERY_ERROR_CODES[code as DeliveryErrorCode]
      : DESK_ERROR_CODES[code as keyof typeof DESK_ERROR_CODES];
  return wireErr(wire, r.error.message);
}

export function deliveryHandlers(svc: ServiceContext): HandlersFor<typeof deliveryMethods> {
  const desk = () => svc.applications.delivery;
  return {
    'application.delivery': async () => toWire(await desk().view()),
    'application.setDelivery': async ({ kind, address }) => toWire(await desk().set(kind, address)),
  };
}
