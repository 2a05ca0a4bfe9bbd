/** Handlers of the id-card family's contract methods (none until the id-card issue lands). */
import type { idCardMethods } from '../../contract/methods/id-card.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import type { ServiceContext } from '../context.js';

export function idCardHandlers(_svc: ServiceContext): HandlersFor<typeof idCardMethods> {
  return {};
}
