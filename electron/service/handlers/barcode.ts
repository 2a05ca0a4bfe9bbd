/** Handlers of the barcode family's contract methods (none until the barcode issue lands). */
import type { barcodeMethods } from '../../contract/methods/barcode.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import type { ServiceContext } from '../context.js';

export function barcodeHandlers(_svc: ServiceContext): HandlersFor<typeof barcodeMethods> {
  return {};
}
