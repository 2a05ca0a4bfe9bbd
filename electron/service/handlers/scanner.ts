/** Handlers of the scanner family's contract methods (none until the scanner issue lands). */
import type { scannerMethods } from '../../contract/methods/scanner.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import type { ServiceContext } from '../context.js';

export function scannerHandlers(_svc: ServiceContext): HandlersFor<typeof scannerMethods> {
  return {};
}
