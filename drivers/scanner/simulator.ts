/**
 * An eSCL scanner on loopback HTTP, for demo mode, the dev dock and tests. It speaks the
 * same requests a real AirScan device answers (capabilities, status, scan jobs, next
 * document, delete) and serves synthetic paper documents (`documents.ts`) as JPEG pages.
 *
 * Paper model: the feeder is a stack of sheets consumed one per page; the glass (platen)
 * holds at most one sheet, which stays there. Faults are sticky until cleared, like on a
 * real device: a jam stays until someone opens the door and pulls the sheet.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type {
  EsclAdfState,
  EsclCapabilities,
  EsclInputCaps,
  EsclJobState,
  EsclScanSettings,
} from './escl-codec.js';
import { decodeScanSettings, encodeCapabilities, encodeStatus } from './escl-codec.js';
import type { SyntheticDocumentKind, SyntheticSheet } from './documents.js';
import { DOCUMENT_PAGE_COUNT, documentSheets, renderSheet } from './documents.js';
import type { ScanSource } from './types.js';

/** Faults a technician can cause from the dev dock or a test. */
export interface SimulatorFaults {
  /** Jam when feeding the n-th sheet of the next feeder job (1 = first sheet). */
  readonly jamAtSheet?: number;
  /** The feeder door is open: feeder jobs are refused. */
  readonly doorOpen?: boolean;
  /** Each page needs this long before NextDocument delivers it (503 until then). */
  readonly slowPageMs?: number;
}

export interface EsclSimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Discrete resolutions offered, dpi. */
  readonly resolutions?: readonly number[];
  /** JPEG quality of delivered pages (scanners send high-quality JPEG; the pipeline recompresses). */
  readonly jpegQuality?: number;
  readonly makeAndModel?: string;
  /** Which paper paths the simulated device has; default both (a flatbed MFP with feeder). */
  readonly sources?: readonly ScanSource[];
  readonly logger?: Logger;
}

/** One request as the simulator saw it, for tests and the dev dock's traffic view. */
export interface SimulatorRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface SimulatorState {
  readonly url: string | undefined;
  readonly feeder: readonly SyntheticSheet[];
  readonly platen: SyntheticSheet | undefined;
  readonly faults: SimulatorFaults;
  readonly jammed: boolean;
  readonly activeJob:
    | { readonly uuid: string; readonly source: ScanSource; readonly pagesDelivered: number }
    | undefined;
}

interface Job {
  readonly uuid: string;
  readonly settings: EsclScanSettings;
  pagesDelivered: number;
  state: EsclJobState;
  reasons: string[];
  /** Feeder sheets counted from the job's start, for `jamAtSheet`. */
  sheetsFed: number;
  /** When the next page may be delivered (slow-page fault), ms epoch. */
  nextReadyAt: number;
}

/** A4 in 1/300 inch (8.27 x 11.69 in), the largest area the simulated glass and feeder take. */
const A4_WIDTH_UNITS = 2480;
const A4_HEIGHT_UNITS = 3508;
/** Smallest area real flatbeds accept: about 1/2 inch. */
const MIN_LENGTH_UNITS = 150;
const DEFAULT_RESOLUTIONS = [100, 150, 200, 300] as const;
const MAX_SETTINGS_BYTES = 64 * 1024;
const ESCL_VERSION = '2.63';
/** Finished jobs kept in ScannerStatus, like devices keep a short history. */
const JOB_HISTORY = 10;

export class EsclSimulator {
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private feeder: SyntheticSheet[] = [];
  private platen: SyntheticSheet | undefined;
  private faults: SimulatorFaults = {};
  private jammed = false;
  private readonly jobs: Job[] = [];
  private readonly log: SimulatorRequestRecord[] = [];
  private readonly listeners = new Set<(state: SimulatorState) => void>();
  private readonly resolutions: readonly number[];
  private readonly jpegQuality: number;
  private readonly makeAndModel: string;
  private readonly logger: Logger;
  private readonly renderCache = new Map<string, Promise<Buffer>>();
  private readonly port: number;
  private readonly sources: readonly ScanSource[];

  constructor(options: EsclSimulatorOptions = {}) {
    this.resolutions = [...(options.resolutions ?? DEFAULT_RESOLUTIONS)].sort((a, b) => a - b);
    if (
      this.resolutions.length === 0 ||
      this.resolutions.some((r) => !Number.isInteger(r) || r < 50 || r > 600)
    ) {
      throw new RangeError('simulator resolutions must be whole dpi values between 50 and 600');
    }
    this.jpegQuality = options.jpegQuality ?? 90;
    this.makeAndModel = options.makeAndModel ?? 'Hall Kiosk eSCL Simulator';
    this.logger = (options.logger ?? silentLogger).child({ simulator: 'escl' });
    this.port = options.port ?? 0;
    this.sources = options.sources ?? ['platen', 'feeder'];
  }

  /** Starts listening on 127.0.0.1 and returns the eSCL root URL (`http://127.0.0.1:N/eSCL/`). */
  async start(): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/eSCL/`;
    this.logger.info({ event: 'scanner-simulator.started', port });
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.baseUrl = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string | undefined {
    return this.baseUrl;
  }

  // ---- paper and faults (dev dock, tests) ---------------------------------------------------

  /** Puts a whole document into the feeder, behind what is already there. */
  loadFeeder(kind: SyntheticDocumentKind, seed = 1): void {
    this.feeder.push(...documentSheets(kind, seed));
    this.changed();
  }

  /** Puts individual sheets into the feeder (e.g. a contract with a blank back page). */
  loadSheets(sheets: readonly SyntheticSheet[]): void {
    sheets.forEach(checkSheet);
    this.feeder.push(...sheets);
    this.changed();
  }

  /** Takes all paper out of the feeder. */
  emptyFeeder(): void {
    this.feeder = [];
    this.changed();
  }

  /** Lays one page of a document on the glass (replacing what was there), or clears it. */
  placeOnPlaten(sheet: SyntheticSheet | undefined): void {
    if (sheet) checkSheet(sheet);
    this.platen = sheet;
    this.changed();
  }

  setFaults(faults: SimulatorFaults): void {
    this.faults = { ...faults };
    this.changed();
  }

  /** Opening the door and pulling the jammed sheet: clears the jam and every fault. */
  clearFaults(): void {
    this.faults = {};
    this.jammed = false;
    this.changed();
  }

  state(): SimulatorState {
    const active = this.activeJob();
    return {
      url: this.baseUrl,
      feeder: [...this.feeder],
      platen: this.platen,
      faults: { ...this.faults },
      jammed: this.jammed,
      activeJob: active
        ? {
            uuid: active.uuid,
            source: active.settings.source,
            pagesDelivered: active.pagesDelivered,
          }
        : undefined,
    };
  }

  /** Every request answered so far (method, path, HTTP status). */
  requests(): readonly SimulatorRequestRecord[] {
    return [...this.log];
  }

  onChange(listener: (state: SimulatorState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const method = req.method ?? 'GET';
    let status = 500;
    try {
      status = await this.route(method, path, req, res);
    } catch (e) {
      this.logger.error({ event: 'scanner-simulator.error', error: (e as Error).message });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal simulator error');
    }
    this.log.push({ method, path, status });
  }

  private async route(
    method: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<number> {
    if (method === 'GET' && path === '/eSCL/ScannerCapabilities') {
      return send(res, 200, encodeCapabilities(this.capabilities()), 'text/xml');
    }
    if (method === 'GET' && path === '/eSCL/ScannerStatus') {
      return send(res, 200, this.statusXml(), 'text/xml');
    }
    if (method === 'POST' && path === '/eSCL/ScanJobs') {
      return this.createJob(req, res);
    }
    const match = /^\/eSCL\/ScanJobs\/([0-9a-f-]{36})(\/NextDocument)?$/.exec(path);
    if (match) {
      const job = this.jobs.find((j) => j.uuid === match[1]);
      if (!job) return send(res, 404, 'no such job', 'text/plain');
      if (method === 'GET' && match[2]) return this.nextDocument(job, res);
      if (method === 'DELETE' && !match[2]) return this.deleteJob(job, res);
    }
    return send(res, 404, 'not found', 'text/plain');
  }

  private async createJob(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const body = await readBody(req, MAX_SETTINGS_BYTES);
    if (body === undefined) return send(res, 413, 'ScanSettings too large', 'text/plain');
    const decoded = decodeScanSettings(body);
    if (!decoded.ok) {
      return send(res, 400, `${decoded.error.path}: ${decoded.error.message}`, 'text/plain');
    }
    const settings = decoded.value;
    if (!this.resolutions.includes(settings.resolution)) {
      return send(res, 409, `resolution ${settings.resolution} not supported`, 'text/plain');
    }
    if (settings.documentFormat !== 'image/jpeg') {
      return send(res, 409, `format ${settings.documentFormat} not supported`, 'text/plain');
    }
    if (!this.sources.includes(settings.source)) {
      return send(res, 409, `no ${settings.source} on this scanner`, 'text/plain');
    }
    if (this.activeJob()) return send(res, 503, 'busy with another job', 'text/plain');
    if (
      settings.source === 'feeder' &&
      (this.faults.doorOpen || this.jammed || this.feeder.length === 0)
    ) {
      // The reason is in ScannerStatus (AdfState), where clients look it up.
      return send(res, 409, 'feeder not ready', 'text/plain');
    }

    const job: Job = {
      uuid: randomUUID(),
      settings,
      pagesDelivered: 0,
      state: 'Processing',
      reasons: ['JobScanning'],
      sheetsFed: 0,
      nextReadyAt: Date.now() + (this.faults.slowPageMs ?? 0),
    };
    this.jobs.push(job);
    while (this.jobs.length > JOB_HISTORY) this.jobs.shift();
    this.logger.info({ event: 'scanner-simulator.job-created', source: settings.source });
    this.changed();
    res.writeHead(201, { location: `/eSCL/ScanJobs/${job.uuid}`, 'content-length': '0' });
    res.end();
    return 201;
  }

  private async nextDocument(job: Job, res: ServerResponse): Promise<number> {
    if (job.state !== 'Processing') {
      // Finished, cancelled or aborted jobs have no more documents.
      return send(res, 404, 'no more documents', 'text/plain');
    }
    if (Date.now() < job.nextReadyAt) return send(res, 503, 'page not ready', 'text/plain');

    let sheet: SyntheticSheet | undefined;
    if (job.settings.source === 'platen') {
      sheet = this.platen ?? { kind: 'blank-sheet', page: 1, seed: 0 }; // empty glass scans the lid
    } else {
      if (this.faults.doorOpen) return this.abort(job, res, 'AdfDoorOpen');
      if (this.feeder.length === 0) return this.finish(job, res);
      job.sheetsFed++;
      if (this.faults.jamAtSheet !== undefined && job.sheetsFed >= this.faults.jamAtSheet) {
        this.jammed = true;
        this.faults = { ...this.faults, jamAtSheet: undefined };
        // The jammed sheet leaves the stack: it is stuck in the paper path until someone pulls
        // it out (clearFaults), and the applicant then reloads the document.
        this.feeder.shift();
        return this.abort(job, res, 'AdfJam');
      }
      sheet = this.feeder.shift();
    }

    const jpeg = await this.pageImage(sheet!, job.settings);
    job.pagesDelivered++;
    job.nextReadyAt = Date.now() + (this.faults.slowPageMs ?? 0);
    if (job.settings.source === 'platen') {
      // A platen job has exactly one image; the device is free again once it is sent.
      job.state = 'Completed';
      job.reasons = ['JobCompletedSuccessfully'];
    }
    this.changed();
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) });
    res.end(jpeg);
    return 200;
  }

  private deleteJob(job: Job, res: ServerResponse): number {
    if (job.state === 'Processing') {
      job.state = 'Canceled';
      job.reasons = ['JobCanceledByUser'];
      this.logger.info({ event: 'scanner-simulator.job-cancelled', pages: job.pagesDelivered });
      this.changed();
    }
    return send(res, 200, '', 'text/plain');
  }

  private finish(job: Job, res: ServerResponse): number {
    job.state = 'Completed';
    job.reasons = ['JobCompletedSuccessfully'];
    this.changed();
    return send(res, 404, 'no more documents', 'text/plain');
  }

  private abort(job: Job, res: ServerResponse, reason: string): number {
    job.state = 'Aborted';
    job.reasons = [reason];
    this.logger.info({ event: 'scanner-simulator.job-aborted', reason });
    this.changed();
    return send(res, 409, `job aborted: ${reason}`, 'text/plain');
  }

  // ---- documents ---------------------------------------------------------------------------

  private capabilities(): EsclCapabilities {
    const input: EsclInputCaps = {
      minWidth: MIN_LENGTH_UNITS,
      maxWidth: A4_WIDTH_UNITS,
      minHeight: MIN_LENGTH_UNITS,
      maxHeight: A4_HEIGHT_UNITS,
      colorModes: ['Grayscale8', 'RGB24'],
      documentFormats: ['image/jpeg'],
      resolutions: this.resolutions,
    };
    return {
      version: ESCL_VERSION,
      makeAndModel: this.makeAndModel,
      serialNumber: 'SIM-0001',
      ...(this.sources.includes('platen') ? { platen: input } : {}),
      ...(this.sources.includes('feeder') ? { feeder: input } : {}),
    };
  }

  private adfState(): EsclAdfState {
    if (this.jammed) return 'ScannerAdfJam';
    if (this.faults.doorOpen) return 'ScannerAdfHatchOpen';
    if (this.activeJob()?.settings.source === 'feeder') return 'ScannerAdfProcessing';
    return this.feeder.length > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
  }

  private statusXml(): string {
    return encodeStatus({
      version: ESCL_VERSION,
      state: this.activeJob() ? 'Processing' : 'Idle',
      adfState: this.adfState(),
      jobs: this.jobs.map((j) => ({
        jobUri: `/eSCL/ScanJobs/${j.uuid}`,
        jobUuid: j.uuid,
        imagesCompleted: j.pagesDelivered,
        jobState: j.state,
        jobStateReasons: j.reasons,
      })),
    });
  }

  private activeJob(): Job | undefined {
    return this.jobs.find((j) => j.state === 'Processing');
  }

  /** Renders, crops to the requested region and JPEG-encodes one sheet; cached per setting. */
  private pageImage(sheet: SyntheticSheet, settings: EsclScanSettings): Promise<Buffer> {
    const colour = settings.colorMode === 'RGB24';
    const key = [
      sheet.kind,
      sheet.page,
      sheet.seed,
      settings.resolution,
      colour,
      settings.xOffset,
      settings.yOffset,
      settings.width,
      settings.height,
    ].join('|');
    let cached = this.renderCache.get(key);
    if (!cached) {
      cached = (async () => {
        const raw = await renderSheet(sheet, settings.resolution, colour);
        const toPx = (units: number): number => Math.round((units / 300) * settings.resolution);
        const left = Math.min(toPx(settings.xOffset), raw.width - 1);
        const top = Math.min(toPx(settings.yOffset), raw.height - 1);
        const width = Math.max(1, Math.min(toPx(settings.width), raw.width - left));
        const height = Math.max(1, Math.min(toPx(settings.height), raw.height - top));
        return (
          sharp(raw.data, {
            raw: { width: raw.width, height: raw.height, channels: raw.channels },
          })
            .extract({ left, top, width, height })
            // Grayscale8 pages are one-component JPEGs, as real scanners send them.
            .toColourspace(colour ? 'srgb' : 'b-w')
            .withDensity(settings.resolution)
            .jpeg({ quality: this.jpegQuality })
            .toBuffer()
        );
      })();
      // Keep the cache small: a demo uses a handful of sheets at one or two resolutions.
      if (this.renderCache.size > 32) this.renderCache.clear();
      this.renderCache.set(key, cached);
    }
    return cached;
  }

  private changed(): void {
    const state = this.state();
    for (const listener of [...this.listeners]) listener(state);
  }
}

/** Refuses sheets that do not exist, before they can fail a scan later. */
function checkSheet(sheet: SyntheticSheet): void {
  const pages = DOCUMENT_PAGE_COUNT[sheet.kind];
  if (pages === undefined) throw new RangeError(`unknown document kind "${String(sheet.kind)}"`);
  if (!Number.isInteger(sheet.page) || sheet.page < 1 || sheet.page > pages) {
    throw new RangeError(`${sheet.kind} has ${pages} page(s); there is no page ${sheet.page}`);
  }
}

function send(res: ServerResponse, status: number, body: string, type: string): number {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  return status;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
