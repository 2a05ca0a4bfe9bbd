import { wireErr, wireOk } from '../../contract/protocol.js';
import type { systemMethods } from '../../contract/methods/system.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import { effectiveRole } from '../rpc/connection.js';

export function systemHandlers(svc: ServiceContext): HandlersFor<typeof systemMethods> {
  const { config } = svc.loaded;
  return {
    'system.hello': (_params, { connection }) =>
      wireOk({
        version: svc.version,
        terminalId: config.terminal.id,
        hall: config.terminal.hall,
        ...(config.terminal.fallbackDirections
          ? { fallbackDirections: config.terminal.fallbackDirections }
          : {}),
        role: effectiveRole(connection),
        connectionId: connection.id,
        defaultLanguage: config.ui.defaultLanguage,
        devDock: config.ui.devDock,
        idle: {
          timeoutSeconds: config.ui.idleTimeoutSeconds,
          warningSeconds: config.ui.idleWarningSeconds,
        },
        startedAt: svc.startedAt,
      }),

    'devices.list': () => wireOk(svc.hub.statuses()),

    'devices.reconnect': async ({ id }) => {
      const device = svc.hub.find(id);
      if (!device) return wireErr('E_DEVICE_UNKNOWN', `no configured device has the id "${id}"`);
      svc.logger.info({ event: 'device.reconnect-requested', deviceId: id });
      await device.stop();
      await device.start();
      return wireOk(device.status());
    },
  };
}
