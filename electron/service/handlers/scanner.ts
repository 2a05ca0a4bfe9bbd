/**
 * Handlers of the scanner family: scanning into a session's materials, cancel, review, and
 * the simulator controls of the dev dock. Device failures become `E_SCANNER_<CODE>` errors
 * (docs/scanner.md has the table and what the applicant is told for each).
 */
import sharp from 'sharp';
import type { SyntheticSheet } from '../../../drivers/scanner/documents.js';
import type { EsclSimulator } from '../../../drivers/scanner/simulator.js';
import type { scannerMethods } from '../../contract/methods/scanner.js';
import { type WireResult, wireErr, wireOk } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

/** `feeder-jam` -> `E_SCANNER_FEEDER_JAM`. */
export function scannerErrorCode(code: string): string {
  return `E_SCANNER_${code.toUpperCase().replace(/-/g, '_')}`;
}

/** Preview JPEG qualities tried in turn: enough to recognise the page, small enough to send. */
const PREVIEW_QUALITIES = [60, 45, 30] as const;
/** Largest preview, bytes of JPEG: base64 adds a third, and a frame is capped at 256 KiB. */
const MAX_PREVIEW_BYTES = 150_000;

interface SimulatorStateView {
  feeder: { document: SyntheticSheet['kind']; page: number; seed: number }[];
  platen: { document: SyntheticSheet['kind']; page: number; seed: number } | null;
  jammed: boolean;
  doorOpen: boolean;
  slowPageMs: number;
  jamAtSheet?: number;
  scanning: boolean;
}

function sheetView(sheet: SyntheticSheet): {
  document: SyntheticSheet['kind'];
  page: number;
  seed: number;
} {
  return { document: sheet.kind, page: sheet.page, seed: sheet.seed };
}

function simulatorView(simulator: EsclSimulator): SimulatorStateView {
  const state = simulator.state();
  return {
    feeder: state.feeder.map(sheetView),
    platen: state.platen ? sheetView(state.platen) : null,
    jammed: state.jammed,
    doorOpen: state.faults.doorOpen ?? false,
    slowPageMs: state.faults.slowPageMs ?? 0,
    ...(state.faults.jamAtSheet === undefined ? {} : { jamAtSheet: state.faults.jamAtSheet }),
    scanning: state.activeJob !== undefined,
  };
}

export function scannerHandlers(svc: ServiceContext): HandlersFor<typeof scannerMethods> {
  const family = (): ServiceContext['hub']['families']['scanner'] => svc.hub.families.scanner;

  const withSimulator = (
    act: (simulator: EsclSimulator) => void,
  ): WireResult<SimulatorStateView> => {
    if (!svc.loaded.config.ui.devDock) {
      return wireErr('E_DEVDOCK_DISABLED', 'the dev dock is not enabled in this config');
    }
    const simulator = family().simulator;
    if (!simulator) {
      return wireErr('E_SCANNER_NO_SIMULATOR', 'the configured scanner is not the simulator');
    }
    try {
      act(simulator);
    } catch (error) {
      if (error instanceof RangeError) return wireErr('E_SCANNER_NO_SUCH_SHEET', error.message);
      throw error;
    }
    svc.logger.info({ event: 'scanner.simulator-changed' });
    return wireOk(simulatorView(simulator));
  };

  const noMaterial = (materialId: string): WireResult<never> =>
    wireErr('E_SCANNER_NO_MATERIAL', `material "${materialId}" has no scanned pages`);

  return {
    'scanner.scan': async ({ materialId, source }) => {
      const result = await family().scan(materialId, source);
      if (!result.ok) return wireErr(scannerErrorCode(result.error.code), result.error.message);
      return wireOk(result.value);
    },

    'scanner.cancel': () => wireOk({ cancelled: family().cancel() }),

    'scanner.material': ({ materialId }) => {
      const view = family().material(materialId);
      return view ? wireOk(view) : noMaterial(materialId);
    },

    'scanner.removePage': ({ materialId, page }) => {
      if (!family().material(materialId)) return noMaterial(materialId);
      const view = family().removePage(materialId, page);
      return view
        ? wireOk(view)
        : wireErr('E_SCANNER_NO_PAGE', `material "${materialId}" has no page ${page}`);
    },

    'scanner.discard': ({ materialId }) => wireOk({ discarded: family().discard(materialId) }),

    'scanner.preview': async ({ materialId, page, width }) => {
      const pages = family().pages(materialId);
      if (pages.length === 0) return noMaterial(materialId);
      const source = pages[page - 1];
      if (!source)
        return wireErr('E_SCANNER_NO_PAGE', `material "${materialId}" has no page ${page}`);
      const resized = sharp(source.jpeg)
        .resize({ width, withoutEnlargement: true })
        .toColourspace('b-w');
      for (const quality of PREVIEW_QUALITIES) {
        const { data, info } = await resized
          .clone()
          .jpeg({ quality, mozjpeg: true })
          .toBuffer({ resolveWithObject: true });
        if (data.length <= MAX_PREVIEW_BYTES) {
          return wireOk({
            jpegBase64: data.toString('base64'),
            width: info.width,
            height: info.height,
          });
        }
      }
      return wireErr(
        'E_SCANNER_PREVIEW',
        `a ${width} px preview stays over ${MAX_PREVIEW_BYTES} bytes; ask for a narrower one`,
      );
    },

    'scanner.simulator.state': () => withSimulator(() => {}),

    'scanner.simulator.load': (params) =>
      withSimulator((simulator) => {
        switch (params.action) {
          case 'feeder':
            simulator.loadFeeder(params.document, params.seed);
            break;
          case 'platen':
            simulator.placeOnPlaten({
              kind: params.document,
              page: params.page,
              seed: params.seed,
            });
            break;
          case 'empty-feeder':
            simulator.emptyFeeder();
            break;
          case 'clear-platen':
            simulator.placeOnPlaten(undefined);
            break;
        }
      }),

    'scanner.simulator.fault': (params) =>
      withSimulator((simulator) => {
        const current = simulator.state().faults;
        switch (params.fault) {
          case 'jam':
            simulator.setFaults({ ...current, jamAtSheet: params.atSheet });
            break;
          case 'door-open':
            simulator.setFaults({ ...current, doorOpen: true });
            break;
          case 'slow-pages':
            simulator.setFaults({ ...current, slowPageMs: params.pageMs });
            break;
          case 'clear':
            simulator.clearFaults();
            break;
        }
      }),
  };
}
