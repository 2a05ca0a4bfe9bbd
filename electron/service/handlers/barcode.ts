/**
 * Handlers of the barcode family: classifying a typed-in code, and the dev dock's "scan this"
 * for simulated readers. Scans themselves arrive as `barcode.scanned` events
 * (devices/barcode.ts), not as calls.
 */
import { classifyCode } from '../../../drivers/common/codes.js';
import type { barcodeMethods } from '../../contract/methods/barcode.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import { toCodeView } from '../devices/barcode.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

export function barcodeHandlers(svc: ServiceContext): HandlersFor<typeof barcodeMethods> {
  return {
    'barcode.classify': ({ text }) => wireOk(toCodeView(classifyCode(text))),

    'barcode.simulatorPresets': () => {
      if (!svc.loaded.config.ui.devDock) return devDockDisabled();
      const family = svc.hub.families.barcode;
      return wireOk({
        readers: [...family.simulators.keys()],
        presets: family.presets.map(({ id, label }) => ({ id, label })),
      });
    },

    'barcode.simulateScan': async ({ readerId, preset, text, symbologyIdentifier, encoding }) => {
      if (!svc.loaded.config.ui.devDock) return devDockDisabled();
      const family = svc.hub.families.barcode;
      const id = readerId ?? [...family.simulators.keys()][0];
      const simulator = id === undefined ? undefined : family.simulators.get(id);
      if (id === undefined || !simulator) {
        return wireErr(
          'E_BARCODE_NO_SIMULATOR',
          readerId === undefined
            ? 'no devices.barcode entry is a simulator; scan with a real reader'
            : `${readerId} is not a simulated reader`,
        );
      }
      if (!simulator.isOpen) {
        return wireErr('E_BARCODE_NOT_READY', `${id} is not connected yet; try again shortly`);
      }

      const chosen = preset === undefined ? undefined : family.presets.find((p) => p.id === preset);
      if (preset !== undefined && !chosen) {
        return wireErr(
          'E_BARCODE_NO_SUCH_PRESET',
          `no preset "${preset}"; see barcode.simulatorPresets`,
        );
      }
      await simulator.scan(
        chosen
          ? chosen.scan()
          : {
              text: text ?? '',
              ...(symbologyIdentifier === undefined ? {} : { symbologyIdentifier }),
              ...(encoding === undefined ? {} : { encoding }),
            },
      );
      return wireOk({ readerId: id });
    },
  };
}

function devDockDisabled(): WireResult<never> {
  return wireErr('E_DEVDOCK_DISABLED', 'the dev dock is disabled in this config (ui.devDock)');
}
