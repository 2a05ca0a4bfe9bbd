/** All handlers, one factory per domain; the type makes a missing handler a compile error. */
import type { ServiceContext } from '../context.js';
import type { Handlers } from '../rpc/dispatcher.js';
import { applicationHandlers } from './application.js';
import { applicationStatusHandlers } from './application-status.js';
import { barcodeHandlers } from './barcode.js';
import { deliveryHandlers } from './delivery.js';
import { devdockHandlers } from './devdock.js';
import { idCardHandlers } from './id-card.js';
import { printerHandlers } from './printer.js';
import { scannerHandlers } from './scanner.js';
import { sessionHandlers } from './session.js';
import { journeyHandlers } from './journey.js';
import { receiptHandlers } from './receipt.js';
import { speechHandlers } from './speech.js';
import { staffHandlers } from './staff.js';
import { systemHandlers } from './system.js';

export function allHandlers(svc: ServiceContext): Handlers {
  return {
    ...staffHandlers(svc),
    ...systemHandlers(svc),
    ...sessionHandlers(svc),
    ...idCardHandlers(svc),
    ...barcodeHandlers(svc),
    ...scannerHandlers(svc),
    ...printerHandlers(svc),
    ...speechHandlers(svc),
    ...receiptHandlers(svc),
    ...journeyHandlers(svc),
    ...applicationHandlers(svc),
    ...devdockHandlers(svc),
    ...deliveryHandlers(svc),
    ...applicationStatusHandlers(svc),
  };
}
