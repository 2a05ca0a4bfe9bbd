/**
 * SANE scanners on Linux through the `scanimage` command (package sane-utils). No Node
 * binding for SANE is maintained, and a child process keeps a crashing backend out of the
 * service. Pages are written as PNG into a private temporary folder and read back; the
 * folder is always removed, so a cancelled or failed scan leaves nothing behind.
 *
 * Observed with sane-backends 1.2.1 (scanimage reports 1.1.1): SIGINT makes scanimage call
 * sane_cancel and exit 9 (I/O error); an ADF batch that runs out of paper after at least one
 * page exits 0; jam / no documents / cover open exit 6 / 7 / 8.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backoff } from '../common/backoff.js';
import type { Logger } from '../common/logger.js';
import type { Result } from '../common/result.js';
import { err, ok } from '../common/result.js';
import type { SaneDeviceInfo, SaneOptions } from './sane-codec.js';
import {
  DEVICE_LIST_FORMAT,
  exitCodeError,
  parseDeviceList,
  parseOptions,
  parseProgress,
  saneGreyMode,
  saneResolution,
  saneSourceName,
} from './sane-codec.js';
import type { RawPage, ScanError, ScannerCapabilities, ScanRequest, ScanSource } from './types.js';
import { A4_AREA_MM, scanError } from './types.js';
import { type HealthReport, PolledScanner } from './polled.js';

export interface SaneEnvironment {
  /** Path or name of the scanimage binary. */
  readonly scanimagePath?: string;
  /** SANE_CONFIG_DIR for the child (which backends are enabled, e.g. `test`). */
  readonly configDir?: string;
}

export interface SaneScannerOptions extends SaneEnvironment {
  readonly id: string;
  /** SANE device name as `scanimage -L` lists it, e.g. `fujitsu:fi-7160:123` or `test:0`. */
  readonly device: string;
  /** How often to check the device is still there while idle, milliseconds. */
  readonly pollIntervalMs?: number;
  /** Kill a scan whose progress output stops for this long, milliseconds. */
  readonly stallTimeoutMs?: number;
  /** Extra `scanimage` arguments from config (backend-specific options), appended verbatim. */
  readonly extraArgs?: readonly string[];
  readonly logger?: Logger;
}

/** How much of scanimage's stderr is kept (its last lines carry the error), characters. */
const MAX_STDERR_CHARS = 64 * 1024;
const DEFAULT_POLL_INTERVAL_MS = 30_000;
const DEFAULT_STALL_TIMEOUT_MS = 60_000;
/** Time scanimage gets to cancel cleanly after SIGINT before SIGKILL. */
const CANCEL_GRACE_MS = 5_000;
/** Options listing (`-A`) opens the device; USB scanners answer within seconds. */
const OPTIONS_TIMEOUT_MS = 20_000;
const BATCH_PATTERN = 'page-%04d.png';
/** Resolutions listed for a backend that offers a continuous range (e.g. `1..1200dpi`). */
const COMMON_RESOLUTIONS_DPI: readonly number[] = [100, 150, 200, 300, 400, 600];

interface RunResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly spawnError?: NodeJS.ErrnoException;
}

function childEnv(env: SaneEnvironment): NodeJS.ProcessEnv {
  return env.configDir === undefined
    ? { ...process.env }
    : { ...process.env, SANE_CONFIG_DIR: env.configDir };
}

/** Runs scanimage to completion with a timeout (for listing, not for scanning). */
function runScanimage(env: SaneEnvironment, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(env.scanimagePath ?? 'scanimage', args, {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ exitCode: null, stdout, stderr, spawnError: e }),
    );
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

function spawnFailure(env: SaneEnvironment, e: NodeJS.ErrnoException): ScanError {
  return e.code === 'ENOENT'
    ? scanError('unavailable', `${env.scanimagePath ?? 'scanimage'} not found: install sane-utils`)
    : scanError('unavailable', `cannot run scanimage: ${e.message}`);
}

/**
 * The most telling `scanimage:` line on stderr. Lines naming a SANE call (`sane_read: ...`)
 * win over the rest: the test backend's reader process can die of SIGPIPE after a simulated
 * error, and scanimage then adds "received signal 13" after the real cause.
 */
function lastErrorLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/[\r\n]/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('scanimage:') && !/trying to stop scanner/.test(l))
    .map((l) => l.replace(/^scanimage:\s*/, ''));
  return lines.filter((l) => /^sane_\w+:/.test(l)).at(-1) ?? lines.at(-1);
}

/** Lists SANE devices (`scanimage -f`). Network backends may take seconds to discover. */
export async function listSaneDevices(
  env: SaneEnvironment = {},
  timeoutMs = OPTIONS_TIMEOUT_MS,
): Promise<Result<SaneDeviceInfo[], ScanError>> {
  const run = await runScanimage(env, ['-f', DEVICE_LIST_FORMAT], timeoutMs);
  if (run.spawnError) return err(spawnFailure(env, run.spawnError));
  if (run.exitCode !== 0) {
    return err(
      scanError(
        'unavailable',
        `scanimage -f failed: ${lastErrorLine(run.stderr) ?? `exit ${run.exitCode}`}`,
      ),
    );
  }
  return ok(parseDeviceList(run.stdout));
}

/** Reads a device's options (`scanimage -d DEVICE -A`): modes, resolutions, sources, area. */
export async function readSaneOptions(
  env: SaneEnvironment,
  device: string,
  timeoutMs = OPTIONS_TIMEOUT_MS,
): Promise<Result<SaneOptions, ScanError>> {
  const run = await runScanimage(env, ['-d', device, '-A'], timeoutMs);
  if (run.spawnError) return err(spawnFailure(env, run.spawnError));
  if (run.exitCode !== 0) {
    const mapped = exitCodeError(run.exitCode ?? -1, lastErrorLine(run.stderr));
    return err(
      scanError(mapped?.code ?? 'unavailable', mapped?.message ?? 'scanimage -A was killed'),
    );
  }
  return ok(parseOptions(run.stdout));
}

export class SaneScanner extends PolledScanner {
  private readonly device: string;
  private readonly env: SaneEnvironment;
  private readonly pollIntervalMs: number;
  private readonly stallTimeoutMs: number;
  private readonly extraArgs: readonly string[];
  private readonly reconnect = new Backoff({ initialMs: 2_000, maxMs: 60_000 });
  private options: SaneOptions | undefined;

  constructor(options: SaneScannerOptions) {
    super(options.id, 'sane', options.logger);
    if (!/^[^\s]+$/.test(options.device)) {
      throw new TypeError(
        `sane scanner: device "${options.device}" must be a SANE device name without spaces`,
      );
    }
    this.device = options.device;
    this.env = { scanimagePath: options.scanimagePath, configDir: options.configDir };
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    this.extraArgs = options.extraArgs ?? [];
  }

  async capabilities(): Promise<Result<ScannerCapabilities, ScanError>> {
    const options = await this.loadOptions();
    if (!options.ok) return options;
    const o = options.value;
    const sources = (['platen', 'feeder'] as ScanSource[]).filter(
      (s) => saneSourceName(o, s) !== undefined,
    );
    const range = o.resolutions;
    const resolutions =
      range === undefined
        ? []
        : range.kind === 'list'
          ? [...range.values]
          : COMMON_RESOLUTIONS_DPI.filter((r) => r >= range.min && r <= range.max);
    return ok({
      makeAndModel: this.device,
      sources,
      resolutionsDpi: resolutions,
      maxWidthMm: o.maxWidthMm ?? 0,
      maxHeightMm: o.maxHeightMm ?? 0,
    });
  }

  protected async performScan(request: ScanRequest): Promise<Result<RawPage[], ScanError>> {
    const folder = await mkdtemp(join(tmpdir(), 'kiosk-scan-'));
    try {
      return await this.scanInto(folder, request);
    } finally {
      // All or nothing: the pages are in memory now (or the scan failed); drop the files.
      await rm(folder, { recursive: true, force: true });
    }
  }

  private async scanInto(
    folder: string,
    request: ScanRequest,
  ): Promise<Result<RawPage[], ScanError>> {
    const options = await this.loadOptions();
    if (!options.ok) return options;
    const built = this.buildArgs(options.value, folder, request);
    if (!built.ok) return built;

    const run = await this.runScan(built.value.args, request);
    if (run.spawnError) return err(spawnFailure(this.env, run.spawnError));
    if (run.cancelled) return err(scanError('cancelled', 'the scan was cancelled'));
    if (run.stalled) {
      return err(
        scanError('device-error', `the scanner sent nothing for ${this.stallTimeoutMs} ms`),
      );
    }
    const failure = exitCodeError(run.exitCode ?? -1, lastErrorLine(run.stderr));
    if (failure) return err(scanError(failure.code, failure.message));

    const files = (await readdir(folder)).filter((f) => /^page-\d{4}\.png$/.test(f)).sort();
    if (files.length === 0) {
      return err(
        request.source === 'feeder'
          ? scanError('feeder-empty', 'the document feeder is empty')
          : scanError('device-error', 'scanimage finished without writing a page'),
      );
    }
    const pages: RawPage[] = [];
    for (const [i, file] of files.entries()) {
      pages.push({
        index: i + 1,
        image: await readFile(join(folder, file)),
        mediaType: 'image/png',
        resolutionDpi: built.value.resolution,
      });
    }
    return ok(pages);
  }

  private buildArgs(
    options: SaneOptions,
    folder: string,
    request: ScanRequest,
  ): Result<{ args: string[]; resolution: number }, ScanError> {
    const source = saneSourceName(options, request.source);
    if (source === undefined) {
      return err(
        scanError(
          'unsupported',
          `${this.device} has no ${request.source === 'platen' ? 'flatbed' : 'document feeder'}`,
        ),
      );
    }
    const area = request.area ?? A4_AREA_MM;
    const resolution = saneResolution(options.resolutions, request.resolutionDpi);
    const width = Math.min(area.widthMm, options.maxWidthMm ?? area.widthMm);
    const height = Math.min(area.heightMm, options.maxHeightMm ?? area.heightMm);
    const grey = saneGreyMode(options);
    const args = [
      '-d',
      this.device,
      '--format=png',
      '-p',
      ...(grey === undefined ? [] : ['--mode', grey]),
      '--resolution',
      String(resolution),
      ...(source === '' ? [] : ['--source', source]),
      '-l',
      String(area.leftMm),
      '-t',
      String(area.topMm),
      '-x',
      String(width),
      '-y',
      String(height),
      // Batch mode writes one file per page; the glass gives exactly one.
      `--batch=${join(folder, BATCH_PATTERN)}`,
      ...(request.source === 'platen' ? ['--batch-count=1'] : []),
      ...this.extraArgs,
    ];
    return ok({ args, resolution });
  }

  private runScan(
    args: string[],
    request: ScanRequest,
  ): Promise<RunResult & { cancelled: boolean; stalled: boolean }> {
    return new Promise((resolve) => {
      const child = spawn(this.env.scanimagePath ?? 'scanimage', args, {
        env: childEnv(this.env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let pending = '';
      let pagesDone = 0;
      let cancelled = false;
      let stalled = false;
      let killTimer: NodeJS.Timeout | undefined;

      const stop = (why: 'cancel' | 'stall'): void => {
        if (cancelled || stalled) return;
        if (why === 'cancel') cancelled = true;
        else stalled = true;
        // SIGINT lets scanimage call sane_cancel so the scanner ejects the sheet.
        child.kill('SIGINT');
        killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
      };
      let stallTimer = setTimeout(() => stop('stall'), this.stallTimeoutMs);
      const onAbort = (): void => stop('cancel');
      request.signal?.addEventListener('abort', onAbort, { once: true });

      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        // scanimage prints progress for as long as it scans: keep only the tail, which holds
        // the error line that matters. parseProgress caps the unfinished line it hands back
        // (MAX_PROGRESS_REST_CHARS), so an endless line without line ends stays bounded.
        stderr = (stderr + d).slice(-MAX_STDERR_CHARS);
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => stop('stall'), this.stallTimeoutMs);
        const parsed = parseProgress(pending + d);
        pending = parsed.rest;
        for (const event of parsed.events) {
          if (event.kind === 'percent') {
            request.onProgress?.({ pagesReceived: pagesDone, pagePercent: event.percent });
          } else if (
            event.kind === 'page-done' &&
            (event.status === undefined || event.status === 5 || event.status === 0)
          ) {
            // Status 5 (EOF) is the normal end of a page.
            pagesDone = event.page;
            request.onProgress?.({ pagesReceived: pagesDone });
          }
        }
      });
      const finish = (result: RunResult): void => {
        clearTimeout(stallTimer);
        if (killTimer) clearTimeout(killTimer);
        request.signal?.removeEventListener('abort', onAbort);
        resolve({ ...result, cancelled, stalled });
      };
      child.on('error', (e: NodeJS.ErrnoException) =>
        finish({ exitCode: null, stdout, stderr, spawnError: e }),
      );
      child.on('close', (exitCode) => finish({ exitCode, stdout, stderr }));
    });
  }

  private async loadOptions(): Promise<Result<SaneOptions, ScanError>> {
    if (this.options) return ok(this.options);
    const options = await readSaneOptions(this.env, this.device);
    if (options.ok) this.options = options.value;
    return options;
  }

  /** Re-reading the options opens the device: the cheapest "is it still there" check. */
  protected async checkHealth(): Promise<HealthReport> {
    this.options = undefined;
    const options = await this.loadOptions();
    if (!options.ok) {
      return {
        state: 'disconnected',
        detail: options.error.message,
        nextCheckMs: this.reconnect.next(),
      };
    }
    this.reconnect.reset();
    return { state: 'ready', detail: this.device, nextCheckMs: this.pollIntervalMs };
  }

  protected forgetDevice(): void {
    this.options = undefined;
  }
}
