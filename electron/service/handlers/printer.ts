/**
 * Handlers of the printer family's contract methods: status, test print, the receipts kept
 * after failed prints (list, reprint, discard), and the dev dock's simulator controls.
 */
import type { FakePrinter, PrintFailure, PrinterWarning } from '../../../drivers/printer/index.js';
import { receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import type { printerMethods } from '../../contract/methods/printer.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import { conditionView, type ConditionView, type PrintOutcome } from '../devices/printer.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

/** Stable contract error code for each way a print fails. */
const FAILURE_CODES: Readonly<Record<PrintFailure['code'], string>> = {
  'paper-end': 'E_PRINTER_PAPER_END',
  'cover-open': 'E_PRINTER_COVER_OPEN',
  offline: 'E_PRINTER_OFFLINE',
  'cutter-error': 'E_PRINTER_CUTTER_ERROR',
  'unrecoverable-error': 'E_PRINTER_ERROR',
  'status-unknown': 'E_PRINTER_STATUS_UNKNOWN',
  'not-connected': 'E_PRINTER_NOT_CONNECTED',
  'write-failed': 'E_PRINTER_WRITE_FAILED',
  'write-timeout': 'E_PRINTER_WRITE_TIMEOUT',
  'connection-lost': 'E_PRINTER_CONNECTION_LOST',
};

type Report = { bytes: number; warnings: PrinterWarning[]; after: ConditionView };

function outcomeToWire(outcome: PrintOutcome): WireResult<Report> {
  if (outcome.ok) {
    return wireOk({
      bytes: outcome.value.bytes,
      warnings: [...outcome.value.warnings],
      after: conditionView(outcome.value.after),
    });
  }
  const f = outcome.error;
  return wireErr(FAILURE_CODES[f.code], f.message, {
    keptId: f.keptId,
    code: f.code,
    stage: f.stage,
    printed: f.printed,
  });
}

function simulatorState(simulator: FakePrinter) {
  return {
    flags: { ...simulator.state },
    answering: simulator.isAnswering,
    paperRemainingDots: simulator.paperRemainingDots,
    receipts: simulator.receipts.map((r) => ({
      number: r.number,
      interrupted: r.interrupted,
      at: r.at,
      lines: receiptLines(r.receipt),
    })),
  };
}

export function printerHandlers(svc: ServiceContext): HandlersFor<typeof printerMethods> {
  const family = () => svc.hub.families.printer;

  const withSimulator = <T>(
    action: (simulator: FakePrinter) => Promise<WireResult<T>> | WireResult<T>,
  ): Promise<WireResult<T>> | WireResult<T> => {
    if (!svc.loaded.config.ui.devDock) {
      return wireErr('E_DEVDOCK_DISABLED', 'the dev dock is disabled in this config (ui.devDock)');
    }
    const simulator = family().simulator;
    if (!simulator) {
      return wireErr(
        'E_PRINTER_NO_SIMULATOR',
        'devices.printer is not a simulator; use the printer itself',
      );
    }
    return action(simulator);
  };

  const notConfigured = () =>
    wireErr('E_PRINTER_NOT_CONFIGURED', 'devices.printer is not configured');

  return {
    'printer.status': async () => {
      const printer = family().printer;
      if (!printer) return notConfigured();
      const condition = await printer.checkStatus();
      return wireOk({
        device: printer.status(),
        condition: conditionView(condition),
        keptReceipts: family().keptReceipts().length,
      });
    },
    'printer.printTest': async () => {
      if (!family().printer) return notConfigured();
      return outcomeToWire(await family().printTest());
    },
    'printer.keptReceipts': () =>
      wireOk({
        receipts: family()
          .keptReceipts()
          .map((k) => ({
            id: k.id,
            kind: k.kind,
            reference: k.reference,
            code: k.failure.code,
            message: k.failure.message,
            stage: k.failure.stage,
            printed: k.failure.printed,
            keptAt: k.keptAt,
            attempts: k.attempts,
          })),
      }),
    'printer.reprint': async ({ id }) => {
      const outcome = await family().reprint(id);
      if (!outcome) return wireErr('E_PRINTER_NO_SUCH_RECEIPT', `no kept receipt with id ${id}`);
      return outcomeToWire(outcome);
    },
    'printer.discardKept': ({ id }) => wireOk({ discarded: family().discard(id) }),
    'printer.simulatorState': () => withSimulator((simulator) => wireOk(simulatorState(simulator))),
    'printer.simulatorAction': ({ action }) =>
      withSimulator(async (simulator) => {
        switch (action.kind) {
          case 'print-test': {
            // The picture reaches the dock through printer.simulatorReceipt; a failure here.
            const outcome = await family().printTest();
            if (!outcome.ok) {
              const { code, message } = outcome.error;
              return wireErr(FAILURE_CODES[code], message);
            }
            break;
          }
          case 'open-cover':
            simulator.openCover();
            break;
          case 'close-cover':
            simulator.closeCover();
            break;
          case 'load-paper':
            simulator.loadPaper();
            break;
          case 'paper-near-end':
            simulator.setFlags({ paperNearEnd: true });
            break;
          case 'paper-runs-out':
            simulator.runOutOfPaperAfter(action.afterDots);
            break;
          case 'set-offline':
            simulator.setFlags({ offline: action.offline });
            break;
          case 'cutter-error':
            simulator.setFlags({ cutterError: action.on, offline: action.on });
            break;
          case 'answering':
            simulator.setAnswering(action.answering);
            break;
          case 'drop-connection':
            simulator.dropConnection();
            break;
          default: {
            const never: never = action;
            return wireErr('E_PARAMS', `unknown simulator action ${JSON.stringify(never)}`);
          }
        }
        return wireOk(simulatorState(simulator));
      }),
    'printer.simulatorReceiptPicture': ({ number }) =>
      withSimulator(async (simulator) => {
        const receipt = simulator.receipts.find((r) => r.number === number);
        if (!receipt) {
          return wireErr(
            'E_PRINTER_NO_SUCH_RECEIPT',
            simulator.receipts.length === 0
              ? 'the simulator has printed no receipt yet'
              : `the simulator keeps receipts ${simulator.receipts[0]!.number} to ${simulator.receipts.at(-1)!.number}`,
          );
        }
        const png = await simulator.receiptPng(receipt);
        return wireOk({
          number,
          interrupted: receipt.interrupted,
          pngBase64: png.toString('base64'),
        });
      }),
  };
}
