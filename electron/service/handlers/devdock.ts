/**
 * Handlers of the dev dock's "central API down / up" switch. Bringing the API up also sends a
 * heartbeat at once, as a technician's "check the connection" would: the kiosk then notices the
 * API is back through its own recovery path (application/recovery.ts), not through the switch.
 */
import type { devdockMethods } from '../../contract/methods/devdock.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import type { CentralApiSwitch } from '../devdock/central-api.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

export function devdockHandlers(svc: ServiceContext): HandlersFor<typeof devdockMethods> {
  const guarded = (): WireResult<CentralApiSwitch> => {
    if (!svc.loaded.config.ui.devDock) {
      return wireErr('E_DEVDOCK_DISABLED', 'the dev dock is disabled in this config (ui.devDock)');
    }
    if (!svc.centralApiSwitch) {
      return wireErr(
        'E_DEVDOCK_NOT_EMBEDDED',
        'the central API is not the embedded sandbox (approvalApi.baseUrl is not "embedded"); it cannot be switched from here',
      );
    }
    return wireOk(svc.centralApiSwitch);
  };
  const view = (s: CentralApiSwitch) => ({ down: s.isDown(), url: s.url });

  return {
    'devdock.centralApi.get': () => {
      const s = guarded();
      return s.ok ? wireOk(view(s.value)) : s;
    },
    'devdock.centralApi.set': async ({ down }) => {
      const s = guarded();
      if (!s.ok) return s;
      try {
        await s.value.setDown(down);
      } catch (e) {
        svc.logger.error({
          event: 'devdock.central-api-failed',
          down,
          error: (e as Error).message,
        });
        return wireErr('E_DEVDOCK_SWITCH_FAILED', `could not switch: ${(e as Error).message}`);
      }
      svc.logger.info({ event: down ? 'devdock.central-api-down' : 'devdock.central-api-up' });
      if (!down) void svc.staffDomain.heartbeat.sendNow();
      return wireOk(view(s.value));
    },
  };
}
