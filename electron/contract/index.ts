/**
 * The contract between renderer and service: every method and push event, with strict schemas
 * and the roles allowed to use each. The renderer imports only types from here (and the
 * zod-free client); the service's dispatcher enforces it.
 */
import type { z } from 'zod';
import { applicationEvents, applicationMethods } from './methods/application.js';
import { applicationStatusEvents, applicationStatusMethods } from './methods/application-status.js';
import { barcodeEvents, barcodeMethods } from './methods/barcode.js';
import { deliveryEvents, deliveryMethods } from './methods/delivery.js';
import { devdockEvents, devdockMethods } from './methods/devdock.js';
import { idCardEvents, idCardMethods } from './methods/id-card.js';
import { printerEvents, printerMethods } from './methods/printer.js';
import { scannerEvents, scannerMethods } from './methods/scanner.js';
import { sessionEvents, sessionMethods } from './methods/session.js';
import { journeyEvents, journeyMethods } from './methods/journey.js';
import { receiptEvents, receiptMethods } from './methods/receipt.js';
import { speechEvents, speechMethods } from './methods/speech.js';
import { staffEvents, staffMethods } from './methods/staff.js';
import { systemEvents, systemMethods } from './methods/system.js';

export const methods = {
  ...staffMethods,
  ...systemMethods,
  ...sessionMethods,
  ...idCardMethods,
  ...barcodeMethods,
  ...scannerMethods,
  ...printerMethods,
  ...speechMethods,
  ...receiptMethods,
  ...journeyMethods,
  ...applicationMethods,
  ...devdockMethods,
  ...deliveryMethods,
  ...applicationStatusMethods,
} as const;

export const events = {
  ...staffEvents,
  ...systemEvents,
  ...sessionEvents,
  ...idCardEvents,
  ...barcodeEvents,
  ...scannerEvents,
  ...printerEvents,
  ...speechEvents,
  ...receiptEvents,
  ...journeyEvents,
  ...applicationEvents,
  ...devdockEvents,
  ...deliveryEvents,
  ...applicationStatusEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ValueOf<M extends MethodName> = z.output<Methods[M]['result']>;
export type PayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export * from './protocol.js';
export type { MethodSpec, EventSpec } from './define.js';
