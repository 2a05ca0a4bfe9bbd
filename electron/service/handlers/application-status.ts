/** Handler of `application.mine`: the status screen's list of the card holder's applications. */
import type { applicationStatusMethods } from '../../contract/methods/application-status.js';
import { wireErr, wireOk } from '../../contract/protocol.js';
import { StatusList } from '../application/status-list.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import { DESK_ERROR_CODES } from './application.js';

export function applicationStatusHandlers(
  svc: ServiceContext,
): HandlersFor<typeof applicationStatusMethods> {
  const list = new StatusList({
    session: svc.session,
    outbox: svc.applications.outbox,
    client: svc.applications.client,
    logger: svc.logger.child({ domain: 'applications' }),
  });
  return {
    'application.mine': async () => {
      const r = await list.mine();
      if (!r.ok) return wireErr(DESK_ERROR_CODES[r.error.code], r.error.message);
      return wireOk({ applications: [...r.value.applications], central: r.value.central });
    },
  };
}
