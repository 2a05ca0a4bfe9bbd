/**
 * Service module of the scanner family: builds the driver from `devices.scanner`, keeps the
 * session's materials (pages scanned per required document), runs one scan at a time with
 * cancel, publishes progress, and searches new pages for codes. Materials live in the
 * session's scratch data, so ending the session wipes every page.
 */
import type { Logger } from '../../../drivers/common/logger.js';
import type { Result } from '../../../drivers/common/result.js';
import { err, ok } from '../../../drivers/common/result.js';
import { EsclScanner } from '../../../drivers/scanner/escl.js';
import { MaterialScan, type MaterialScanFailure } from '../../../drivers/scanner/material.js';
import type {
  MaterialPdf,
  PipelineSettings,
  ScannedPage,
} from '../../../drivers/scanner/pipeline.js';
import { DEFAULT_PIPELINE_SETTINGS } from '../../../drivers/scanner/pipeline.js';
import { SaneScanner } from '../../../drivers/scanner/sane.js';
import { SimulatedScanner } from '../../../drivers/scanner/simulated.js';
import type { EsclSimulator } from '../../../drivers/scanner/simulator.js';
import type { ScannerDriver, ScanSource } from '../../../drivers/scanner/types.js';
import type { LimitProblem } from '../../../drivers/scanner/pipeline.js';
import {
  type ScannerConfig,
  type ScannerPipelineConfig,
  scannerPipelineConfig,
} from '../../../kiosk-config/devices/scanner.js';
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';
import { PageCodeFinder, type PageCode } from './scanner-codes.js';

/** The device id the scanner has in statuses and logs (one scanner per kiosk). */
export const SCANNER_DEVICE_ID = 'scanner';
/** Key of the materials in the session's scratch data. */
const SESSION_KEY = 'scanner.materials';

export interface ScannedPageView {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly resolutionDpi: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface MaterialView {
  readonly materialId: string;
  readonly pages: ScannedPageView[];
  readonly totalBytes: number;
  readonly limits: {
    readonly maxPages: number;
    readonly maxBytes: number;
    readonly maxPageBytes: number;
  };
}

export interface ScanReport {
  readonly added: number;
  readonly blankDropped: number;
  readonly limit?: LimitProblem;
  readonly material: MaterialView;
  readonly codes: PageCode[];
}

export type ScannerServiceError =
  MaterialScanFailure | { readonly code: 'not-configured'; readonly message: string };

export interface ScannerFamily extends FamilyModule {
  /** The driver, or null when the config names no scanner. */
  readonly driver: ScannerDriver | null;
  /** The simulated device behind `driver: "simulator"`, else null (dev dock, tests). */
  readonly simulator: EsclSimulator | null;
  readonly pipeline: PipelineSettings;
  /** Scans into one material of the running session (opening an anonymous one if needed). */
  scan(materialId: string, source: ScanSource): Promise<Result<ScanReport, ScannerServiceError>>;
  /** Cancels the running scan; false when none runs. */
  cancel(): boolean;
  readonly scanning: boolean;
  material(materialId: string): MaterialView | undefined;
  removePage(materialId: string, page: number): MaterialView | undefined;
  discard(materialId: string): boolean;
  /** The material's PDF (with SHA-256) for submission; undefined when it has no pages. */
  pdf(materialId: string): Promise<MaterialPdf | undefined>;
  /** The pages themselves (grey JPEGs with SHA-256), e.g. for the CLI or an upload per page. */
  pages(materialId: string): readonly ScannedPage[];
}

export function pipelineSettings(config: ScannerPipelineConfig): PipelineSettings {
  return {
    ...DEFAULT_PIPELINE_SETTINGS,
    resolutionDpi: config.resolutionDpi,
    jpegQuality: config.jpegQuality,
    minJpegQuality: Math.min(DEFAULT_PIPELINE_SETTINGS.minJpegQuality, config.jpegQuality),
    dropBlankPages: config.dropBlankPages,
    maxPageBytes: config.maxPageBytes,
    maxMaterialPages: config.maxMaterialPages,
    maxMaterialBytes: config.maxMaterialBytes,
  };
}

function buildDriver(
  config: ScannerConfig,
  ctx: FamilyContext,
  logger: Logger,
): { driver: ScannerDriver; simulator: EsclSimulator | null } {
  switch (config.driver) {
    case 'escl':
      return {
        driver: new EsclScanner({
          id: SCANNER_DEVICE_ID,
          url: config.url,
          pollIntervalMs: config.pollIntervalMs,
          requestTimeoutMs: config.requestTimeoutMs,
          logger,
        }),
        simulator: null,
      };
    case 'sane':
      return {
        driver: new SaneScanner({
          id: SCANNER_DEVICE_ID,
          device: config.device,
          ...(config.scanimagePath === undefined ? {} : { scanimagePath: config.scanimagePath }),
          ...(config.saneConfigDir === undefined
            ? {}
            : { configDir: ctx.resolvePath(config.saneConfigDir) }),
          extraArgs: config.extraArgs,
          pollIntervalMs: config.pollIntervalMs,
          logger,
        }),
        simulator: null,
      };
    case 'simulator': {
      const simulated = new SimulatedScanner({
        id: SCANNER_DEVICE_ID,
        initialFeeder: config.feeder.map((d) => ({ kind: d.document, seed: d.seed })),
        logger,
      });
      if (config.platen) {
        simulated.simulator.placeOnPlaten({
          kind: config.platen.document,
          page: 1,
          seed: config.platen.seed,
        });
      }
      if (config.slowPageMs > 0) simulated.simulator.setFaults({ slowPageMs: config.slowPageMs });
      return { driver: simulated, simulator: simulated.simulator };
    }
    default: {
      const never: never = config;
      throw new TypeError(`unknown scanner driver ${JSON.stringify(never)}`);
    }
  }
}

function pageView(page: ScannedPage, index: number): ScannedPageView {
  return {
    page: index + 1,
    width: page.width,
    height: page.height,
    resolutionDpi: page.resolutionDpi,
    bytes: page.bytes,
    sha256: page.sha256,
  };
}

export function createScannerFamily(ctx: FamilyContext): ScannerFamily {
  const config = ctx.config.devices.scanner;
  const pipeline = pipelineSettings(config?.pipeline ?? scannerPipelineConfig.parse({}));
  const logger = ctx.logger.child({ family: 'scanner' });
  const built = config ? buildDriver(config, ctx, logger) : undefined;
  const codeFinder = new PageCodeFinder(logger);
  let running: AbortController | undefined;

  const materials = (create: boolean): Map<string, MaterialScan> | undefined => {
    const session = create ? ctx.session.ensure() : ctx.session.active;
    if (!session) return undefined;
    let map = session.data.get(SESSION_KEY) as Map<string, MaterialScan> | undefined;
    if (!map && create) {
      map = new Map();
      session.data.set(SESSION_KEY, map);
    }
    return map;
  };

  const view = (materialId: string, material: MaterialScan): MaterialView => ({
    materialId,
    pages: material.pages.map(pageView),
    totalBytes: material.totalBytes,
    limits: {
      maxPages: pipeline.maxMaterialPages,
      maxBytes: pipeline.maxMaterialBytes,
      maxPageBytes: pipeline.maxPageBytes,
    },
  });

  // A session that ends mid-scan must not receive pages afterwards.
  ctx.session.onEnd(() => running?.abort());

  const scan: ScannerFamily['scan'] = async (materialId, source) => {
    if (!built) return err({ code: 'not-configured', message: 'no scanner is configured' });
    if (running) return err({ code: 'busy', message: 'a scan is already running' });
    const map = materials(true)!;
    const material = map.get(materialId) ?? new MaterialScan(materialId, pipeline);
    const before = material.pages.length;
    const controller = new AbortController();
    running = controller;
    try {
      const outcome = await material.scanWith(built.driver, {
        source,
        signal: controller.signal,
        onProgress: (p) =>
          ctx.bus.publish('scanner.progress', {
            materialId,
            pagesReceived: p.pagesReceived,
            ...(p.pagePercent === undefined ? {} : { pagePercent: p.pagePercent }),
          }),
      });
      if (!outcome.ok) return outcome;
      if (material.pages.length > 0) map.set(materialId, material);
      const codes = await codeFinder.find(material.pages.slice(before), before + 1);
      logger.info({
        event: 'scanner.material-updated',
        materialId,
        added: outcome.value.added,
        blankDropped: outcome.value.blankDropped,
        pages: material.pages.length,
        ...(outcome.value.limit ? { limit: outcome.value.limit.code } : {}),
      });
      return ok({ ...outcome.value, material: view(materialId, material), codes });
    } finally {
      if (running === controller) running = undefined;
    }
  };

  const family: ScannerFamily = {
    ...(built
      ? { family: 'scanner' as const, devices: [built.driver] }
      : unconfiguredFamily('scanner')),
    driver: built?.driver ?? null,
    simulator: built?.simulator ?? null,
    pipeline,
    start: async () => {
      await built?.driver.start();
    },
    stop: async () => {
      running?.abort();
      await built?.driver.stop();
      await codeFinder.close();
    },
    scan,
    cancel: () => {
      if (!running) return false;
      logger.info({ event: 'scanner.cancel-requested' });
      running.abort();
      return true;
    },
    get scanning() {
      return running !== undefined;
    },
    material: (materialId) => {
      const material = materials(false)?.get(materialId);
      return material ? view(materialId, material) : undefined;
    },
    removePage: (materialId, page) => {
      const material = materials(false)?.get(materialId);
      if (!material || !material.removePage(page)) return undefined;
      return view(materialId, material);
    },
    discard: (materialId) => materials(false)?.delete(materialId) ?? false,
    pdf: async (materialId) => {
      const material = materials(false)?.get(materialId);
      return material && material.pages.length > 0 ? material.pdf() : undefined;
    },
    pages: (materialId) => materials(false)?.get(materialId)?.pages ?? [],
  };
  return family;
}
