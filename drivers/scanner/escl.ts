/**
 * eSCL (AirScan) client: network MFPs and USB scanners exposed by `ipp-usb` speak it over
 * plain HTTP. The job sequence follows the eSCL specification as sane-airscan drives it:
 * POST ScanJobs -> 201 + Location, GET {Location}/NextDocument until 404, DELETE {Location}
 * to cancel. A 503 on NextDocument means "page not ready yet" and is retried.
 */
import { Backoff, sleep } from '../common/backoff.js';
import type { Logger } from '../common/logger.js';
import type { Result } from '../common/result.js';
import { err, ok } from '../common/result.js';
import type { EsclAdfState, EsclCapabilities, EsclInputCaps, EsclStatus } from './escl-codec.js';
import {
  decodeCapabilities,
  decodeStatus,
  encodeScanSettings,
  esclUnitsToMm,
  mmToEsclUnits,
} from './escl-codec.js';
import type { RawPage, ScanError, ScannerCapabilities, ScanRequest, ScanSource } from './types.js';
import { A4_AREA_MM, nearestResolution, scanError } from './types.js';
import { type HealthReport, PolledScanner } from './polled.js';

export interface EsclScannerOptions {
  /** Device id from config, e.g. `scanner`. */
  readonly id: string;
  /** Base URL of the eSCL root, e.g. `http://192.168.1.20/eSCL` (trailing slash optional). */
  readonly url: string;
  /** The config's `driver` value (`escl`, or `simulator` when pointed at the simulator). */
  readonly driverName?: string;
  /** How often to ask ScannerStatus while idle, milliseconds. */
  readonly pollIntervalMs?: number;
  /** Per-request timeout, milliseconds; a 300 dpi page over IPP-over-USB takes seconds. */
  readonly requestTimeoutMs?: number;
  /** How many 503 "not ready" answers to accept per page before giving up (sane-airscan: 30). */
  readonly notReadyRetries?: number;
  /** Wait between "not ready" retries, milliseconds. */
  readonly notReadyDelayMs?: number;
  /** Safety stop for feeders that never answer 404. */
  readonly maxPagesPerScan?: number;
  readonly logger?: Logger;
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_NOT_READY_RETRIES = 30;
const DEFAULT_NOT_READY_DELAY_MS = 1_000;
const DEFAULT_MAX_PAGES_PER_SCAN = 200;
/** The eSCL version we announce in ScanSettings; 2.0 is understood by every device seen. */
const ESCL_SETTINGS_VERSION = '2.0';

/** Feeder states that mean a person must act, and the error each becomes. */
const ADF_FAULTS: Partial<Record<EsclAdfState, ScanError>> = {
  ScannerAdfJam: scanError('feeder-jam', 'the scanner reports a paper jam in the feeder'),
  ScannerAdfMispick: scanError('feeder-jam', 'the feeder failed to pick up a sheet'),
  ScannerAdfMultipickDetected: scanError('feeder-jam', 'the feeder pulled several sheets at once'),
  ScannerAdfHatchOpen: scanError('door-open', 'the feeder door is open'),
  ScannerAdfDoorOpen: scanError('door-open', 'the feeder door is open'),
  ScannerAdfEmpty: scanError('feeder-empty', 'the feeder holds no paper'),
  ScannerAdfInputTrayFailed: scanError('device-error', 'the feeder input tray failed'),
  ScannerAdfInputTrayOverloaded: scanError('feeder-jam', 'too many sheets in the feeder'),
};

/** Thrown inside the scan loop to unwind to one place that cleans up the job. */
class ScanAbort extends Error {
  constructor(readonly scanError: ScanError) {
    super(scanError.message);
  }
}

export class EsclScanner extends PolledScanner {
  private readonly base: string;
  private readonly pollIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly notReadyRetries: number;
  private readonly notReadyDelayMs: number;
  private readonly maxPagesPerScan: number;
  private cachedCaps: EsclCapabilities | undefined;
  private readonly reconnect = new Backoff({ initialMs: 1_000, maxMs: 30_000 });

  constructor(options: EsclScannerOptions) {
    super(options.id, options.driverName ?? 'escl', options.logger);
    this.base = esclRoot(options.url);
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.notReadyRetries = options.notReadyRetries ?? DEFAULT_NOT_READY_RETRIES;
    this.notReadyDelayMs = options.notReadyDelayMs ?? DEFAULT_NOT_READY_DELAY_MS;
    this.maxPagesPerScan = options.maxPagesPerScan ?? DEFAULT_MAX_PAGES_PER_SCAN;
  }

  /** The eSCL root this client talks to (with a trailing slash). */
  get url(): string {
    return this.base;
  }

  async capabilities(): Promise<Result<ScannerCapabilities, ScanError>> {
    const caps = await this.fetchCapabilities();
    if (!caps.ok) return caps;
    const sources: ScanSource[] = [];
    if (caps.value.platen) sources.push('platen');
    if (caps.value.feeder) sources.push('feeder');
    const inputs = [caps.value.platen, caps.value.feeder].filter(
      (c): c is EsclInputCaps => c !== undefined,
    );
    const resolutions = [...new Set(inputs.flatMap((c) => c.resolutions))].sort((a, b) => a - b);
    return ok({
      makeAndModel: caps.value.makeAndModel,
      sources,
      resolutionsDpi: resolutions,
      maxWidthMm: Math.max(0, ...inputs.map((c) => esclUnitsToMm(c.maxWidth))),
      maxHeightMm: Math.max(0, ...inputs.map((c) => esclUnitsToMm(c.maxHeight))),
    });
  }

  /** Current ScannerStatus, decoded. */
  async scannerStatus(signal?: AbortSignal): Promise<Result<EsclStatus, ScanError>> {
    const response = await this.request('GET', 'ScannerStatus', { signal });
    if (!response.ok) return response;
    if (response.value.status !== 200) {
      await response.value.arrayBuffer(); // drain so the socket can be reused
      return err(scanError('protocol', `ScannerStatus answered HTTP ${response.value.status}`));
    }
    const decoded = decodeStatus(await response.value.text());
    if (!decoded.ok) {
      return err(
        scanError('protocol', `ScannerStatus ${decoded.error.path}: ${decoded.error.message}`),
      );
    }
    return ok(decoded.value);
  }

  protected async performScan(request: ScanRequest): Promise<Result<RawPage[], ScanError>> {
    let jobUrl: string | undefined;
    try {
      const settings = await this.settingsFor(request);
      jobUrl = await this.createJob(settings.xml, request);
      const pages = await this.readPages(jobUrl, settings.resolution, request);
      return ok(pages);
    } catch (e) {
      const failure = this.toScanError(e, request.signal);
      // The job may still hold the scanner (and the sheet): cancel it on the device.
      if (jobUrl !== undefined) await this.cancelJob(jobUrl);
      return err(failure);
    }
  }

  // ---- job steps ---------------------------------------------------------------------------

  private async settingsFor(request: ScanRequest): Promise<{ xml: string; resolution: number }> {
    const capsResult = await this.fetchCapabilities(request.signal);
    if (!capsResult.ok) throw new ScanAbort(capsResult.error);
    const caps = request.source === 'platen' ? capsResult.value.platen : capsResult.value.feeder;
    if (!caps) {
      throw new ScanAbort(
        scanError(
          'unsupported',
          `this scanner has no ${request.source === 'platen' ? 'glass (platen)' : 'document feeder'}`,
        ),
      );
    }
    if (!caps.colorModes.includes('Grayscale8') && !caps.colorModes.includes('RGB24')) {
      throw new ScanAbort(scanError('unsupported', 'the scanner offers neither grey nor colour'));
    }
    const area = request.area ?? A4_AREA_MM;
    const resolution = nearestResolution(caps.resolutions, request.resolutionDpi);
    const width = Math.min(mmToEsclUnits(area.widthMm), caps.maxWidth);
    const height = Math.min(mmToEsclUnits(area.heightMm), caps.maxHeight);
    const format = caps.documentFormats.includes('image/jpeg') ? 'image/jpeg' : 'image/png';
    const xml = encodeScanSettings({
      version: ESCL_SETTINGS_VERSION,
      source: request.source,
      // Grey at the device saves bandwidth; colour scanners without grey get converted later.
      colorMode: caps.colorModes.includes('Grayscale8') ? 'Grayscale8' : 'RGB24',
      resolution,
      xOffset: mmToEsclUnits(area.leftMm),
      yOffset: mmToEsclUnits(area.topMm),
      width,
      height,
      documentFormat: format,
    });
    return { xml, resolution };
  }

  private async createJob(settingsXml: string, request: ScanRequest): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.request('POST', 'ScanJobs', {
        body: settingsXml,
        signal: request.signal,
      });
      if (!response.ok) throw new ScanAbort(response.error);
      const { status, headers } = response.value;
      await response.value.arrayBuffer(); // drain so the socket can be reused

      if (status === 201) {
        const location = headers.get('location');
        if (!location) {
          throw new ScanAbort(scanError('protocol', 'ScanJobs answered 201 without a Location'));
        }
        return new URL(location, this.base).href;
      }
      if (status === 503 && attempt < this.notReadyRetries) {
        await sleep(this.notReadyDelayMs, request.signal);
        continue;
      }
      // 409 Conflict and friends: the status document says why (feeder empty, door open).
      throw new ScanAbort(await this.explainRefusal(`ScanJobs answered HTTP ${status}`, request));
    }
  }

  private async readPages(
    jobUrl: string,
    resolution: number,
    request: ScanRequest,
  ): Promise<RawPage[]> {
    const pages: RawPage[] = [];
    let notReady = 0;
    const nextUrl = `${jobUrl.replace(/\/$/, '')}/NextDocument`;

    while (pages.length < this.maxPagesPerScan) {
      const response = await this.request('GET', nextUrl, { signal: request.signal });
      if (!response.ok) throw new ScanAbort(response.error);
      const res = response.value;

      if (res.status === 200) {
        const image = Buffer.from(await res.arrayBuffer());
        const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
        const mediaType = type === 'image/png' ? 'image/png' : 'image/jpeg';
        pages.push({ index: pages.length + 1, image, mediaType, resolutionDpi: resolution });
        request.onProgress?.({ pagesReceived: pages.length });
        notReady = 0;
        continue;
      }
      await res.arrayBuffer();
      if (res.status === 404) break;
      if (res.status === 503 && notReady < this.notReadyRetries) {
        notReady++;
        await sleep(this.notReadyDelayMs, request.signal);
        continue;
      }
      if (res.status === 503) {
        throw new ScanAbort(
          scanError('busy', `the scanner stayed "not ready" for ${this.notReadyRetries} tries`),
        );
      }
      throw new ScanAbort(
        await this.explainRefusal(`NextDocument answered HTTP ${res.status}`, request),
      );
    }

    if (pages.length === 0) {
      // A job that ends before its first page: the feeder was empty (or the glass unreadable).
      const reason = await this.explainRefusal('the scan ended without a page', request);
      throw new ScanAbort(
        reason.code === 'device-error' && request.source === 'feeder'
          ? scanError('feeder-empty', 'the feeder holds no paper')
          : reason,
      );
    }
    return pages;
  }

  /** Best-effort DELETE of a job; a scanner that already dropped it answers 404, which is fine. */
  private async cancelJob(jobUrl: string): Promise<void> {
    const response = await this.request('DELETE', jobUrl, {});
    if (response.ok) {
      await response.value.arrayBuffer();
      this.logger.info({ event: 'scanner.job-deleted', status: response.value.status });
    }
  }

  /** Asks ScannerStatus why the scanner refused; falls back to the HTTP detail. */
  private async explainRefusal(detail: string, request: ScanRequest): Promise<ScanError> {
    if (request.signal?.aborted) return scanError('cancelled', 'the scan was cancelled');
    const status = await this.scannerStatus();
    if (status.ok) {
      const adf = status.value.adfState;
      const fault = adf === undefined ? undefined : ADF_FAULTS[adf];
      if (fault && request.source === 'feeder') return fault;
      if (status.value.state === 'Down' || status.value.state === 'Stopped') {
        return scanError('device-error', `${detail}; the scanner is ${status.value.state}`);
      }
      if (status.value.state === 'Processing') {
        return scanError('busy', `${detail}; the scanner is busy with another job`);
      }
    }
    return scanError('device-error', detail);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private async fetchCapabilities(
    signal?: AbortSignal,
  ): Promise<Result<EsclCapabilities, ScanError>> {
    if (this.cachedCaps) return ok(this.cachedCaps);
    const response = await this.request('GET', 'ScannerCapabilities', { signal });
    if (!response.ok) return response;
    if (response.value.status !== 200) {
      await response.value.arrayBuffer();
      return err(
        scanError('protocol', `ScannerCapabilities answered HTTP ${response.value.status}`),
      );
    }
    const decoded = decodeCapabilities(await response.value.text());
    if (!decoded.ok) {
      return err(
        scanError(
          'protocol',
          `ScannerCapabilities ${decoded.error.path}: ${decoded.error.message}`,
        ),
      );
    }
    this.cachedCaps = decoded.value;
    return ok(decoded.value);
  }

  private async request(
    method: 'GET' | 'POST' | 'DELETE',
    pathOrUrl: string,
    options: { body?: string; signal?: AbortSignal | undefined },
  ): Promise<Result<Response, ScanError>> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : new URL(pathOrUrl, this.base).href;
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, {
        method,
        signal,
        ...(options.body === undefined
          ? {}
          : { body: options.body, headers: { 'content-type': 'text/xml; charset=utf-8' } }),
      });
      return ok(response);
    } catch (e) {
      if (options.signal?.aborted) return err(scanError('cancelled', 'the scan was cancelled'));
      if (timeout.aborted) {
        return err(
          scanError('unavailable', `${method} ${url} timed out after ${this.requestTimeoutMs} ms`),
        );
      }
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      return err(scanError('unavailable', `${method} ${url} failed: ${cause}`));
    }
  }

  private toScanError(e: unknown, signal: AbortSignal | undefined): ScanError {
    if (e instanceof ScanAbort) return e.scanError;
    if (signal?.aborted) return scanError('cancelled', 'the scan was cancelled');
    // A body cut off mid-page (cable pulled, device rebooted) rejects while reading it.
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return scanError(
      'unavailable',
      `the connection to the scanner broke: ${cause ?? (e as Error).message}`,
    );
  }

  protected async checkHealth(): Promise<HealthReport> {
    const status = await this.scannerStatus();
    if (!status.ok) {
      return {
        // It answers, but not with a status we understand: a fault, not a lost device.
        state: status.error.code === 'unavailable' ? 'disconnected' : 'fault',
        detail: status.error.message,
        nextCheckMs: this.reconnect.next(),
      };
    }
    this.reconnect.reset();
    const { adfState, state } = status.value;
    const fault = adfState === undefined ? undefined : ADF_FAULTS[adfState];
    const next = this.pollIntervalMs;
    if (fault && fault.code !== 'feeder-empty') {
      return { state: 'fault', detail: fault.message, nextCheckMs: next };
    }
    if (state === 'Down' || state === 'Stopped') {
      return { state: 'fault', detail: `scanner state ${state}`, nextCheckMs: next };
    }
    if (state === 'Processing') {
      return { state: 'busy', detail: 'the scanner is processing a job', nextCheckMs: next };
    }
    return adfState === 'ScannerAdfLoaded'
      ? { state: 'ready', detail: 'paper in the feeder', nextCheckMs: next }
      : { state: 'ready', nextCheckMs: next };
  }

  protected forgetDevice(): void {
    this.cachedCaps = undefined;
  }
}

/** Validates the configured URL and gives the eSCL root with a trailing slash. */
function esclRoot(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`escl scanner: url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`escl scanner: url must be http or https, got ${parsed.protocol}`);
  }
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}
