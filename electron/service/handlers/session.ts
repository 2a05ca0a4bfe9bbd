import { wireOk } from '../../contract/protocol.js';
import type { sessionMethods } from '../../contract/methods/session.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

export function sessionHandlers(svc: ServiceContext): HandlersFor<typeof sessionMethods> {
  return {
    'session.get': () => wireOk(svc.session.view()),
    'session.end': ({ reason }) => wireOk({ ended: svc.session.end(reason) }),
  };
}
