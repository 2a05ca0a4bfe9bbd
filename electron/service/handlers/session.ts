import { wireOk } from '../../contract/protocol.js';
import type { sessionMethods } from '../../contract/methods/session.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

export function sessionHandlers(svc: ServiceContext): HandlersFor<typeof sessionMethods> {
  return {
    'session.get': () => wireOk(svc.session.view()),
    'session.end': ({ reason }) => wireOk({ ended: svc.session.end(reason) }),
    'session.callStaff': ({ screen }, { connection }) => {
      const active = svc.session.active;
      return wireOk(
        svc.staffDomain.calls.call({
          ...svc.staffDomain.staff.actor(connection),
          sessionId: active?.id,
          applicantIdentified: active?.applicant !== undefined,
          screen,
        }),
      );
    },
  };
}
