/** Handlers of the printer family's contract methods (none until the printer issue lands). */
import type { printerMethods } from '../../contract/methods/printer.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import type { ServiceContext } from '../context.js';

export function printerHandlers(_svc: ServiceContext): HandlersFor<typeof printerMethods> {
  return {};
}
