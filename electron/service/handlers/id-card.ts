/**
 * Handlers of the id-card family's contract methods: the dev dock's simulator controls.
 * Card reads themselves arrive as events (devices/id-card.ts), not as calls.
 */
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import type { SamSimulator } from '../../../drivers/id-card/index.js';
import type { idCardMethods } from '../../contract/methods/id-card.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

type SimulatorState = {
  cards: {
    index: number;
    documentType: SamSimulator['cards'][number]['document']['documentType'];
    nameMasked: string;
    idNumberMasked: string;
  }[];
  placed: number | null;
  samHealth: SamSimulator['samHealth'];
};

function stateOf(simulator: SamSimulator): SimulatorState {
  return {
    cards: simulator.cards.map((card, index) => ({
      index,
      documentType: card.document.documentType,
      nameMasked: maskName(card.document.name),
      idNumberMasked: maskIdentifier(card.document.idNumber),
    })),
    placed: simulator.placedIndex,
    samHealth: simulator.samHealth,
  };
}

export function idCardHandlers(svc: ServiceContext): HandlersFor<typeof idCardMethods> {
  /** The simulator, or the error the dev dock shows when it may not or cannot be driven. */
  const withSimulator = (
    action: (simulator: SamSimulator) => WireResult<SimulatorState> | void,
  ): WireResult<SimulatorState> => {
    if (!svc.loaded.config.ui.devDock) {
      return wireErr('E_DEVDOCK_DISABLED', 'the dev dock is disabled in this config (ui.devDock)');
    }
    const simulator = svc.hub.families.idCard.simulator;
    if (!simulator) {
      return wireErr(
        'E_IDCARD_NO_SIMULATOR',
        'devices.idCard is not a simulator; place a real card on the reader',
      );
    }
    return action(simulator) ?? wireOk(stateOf(simulator));
  };

  return {
    'idCard.simulatorState': () => withSimulator(() => undefined),
    'idCard.placeCard': ({ index }) =>
      withSimulator((simulator) => {
        if (index >= simulator.cards.length) {
          return wireErr(
            'E_IDCARD_NO_SUCH_CARD',
            `the simulator's deck has ${simulator.cards.length} cards (0 to ${simulator.cards.length - 1})`,
          );
        }
        simulator.placeCard(index);
      }),
    'idCard.removeCard': () => withSimulator((simulator) => simulator.removeCard()),
    'idCard.setSamHealth': ({ health }) =>
      withSimulator((simulator) => simulator.setSamHealth(health)),
    'idCard.injectFault': ({ fault }) =>
      withSimulator((simulator) => {
        // A read-time fault is the useful default: it hits the answer the applicant waits for.
        const readCommand = svc.loaded.config.devices.idCard?.readFingerprint
          ? 'readTextWithFingerprint'
          : 'readText';
        simulator.queueFault(fault, readCommand);
      }),
  };
}
