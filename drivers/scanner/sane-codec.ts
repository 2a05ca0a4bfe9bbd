/**
 * Text `scanimage` (sane-utils) prints, and its exit codes: pure functions, no processes.
 *
 * - Device list: `scanimage -f "%d<TAB>%v<TAB>%m<TAB>%t%n"`.
 * - Options: `scanimage -d DEVICE -A` lines such as `--mode Gray|Color [Gray]`,
 *   `--resolution 75|150|300dpi [150]`, `--resolution 1..1200dpi (in steps of 1) [300]`,
 *   `-x 0..215.9mm [215.9]`. Backends differ in wording, so parsing is tolerant.
 * - Progress (`-p`, on stderr, `\r`-separated): `Progress: 42.5%`, `Scanning page 2`,
 *   `Scanned page 2. (scanner status = 5)`.
 * - Exit status: `scanimage` exits with the SANE_Status of the failing call (SANE standard
 *   §4.2.5; observed with sane-backends 1.2.1: jam 6, no docs 7, cover open 8).
 */
import type { ScanErrorCode, ScanSource } from './types.js';

/** SANE_Status values (SANE standard 1.0, `sane/sane.h`). */
export const SANE_STATUS = {
  GOOD: 0,
  UNSUPPORTED: 1,
  CANCELLED: 2,
  DEVICE_BUSY: 3,
  INVAL: 4,
  EOF: 5,
  JAMMED: 6,
  NO_DOCS: 7,
  COVER_OPEN: 8,
  IO_ERROR: 9,
  NO_MEM: 10,
  ACCESS_DENIED: 11,
} as const;

/** Field separator for the formatted device list; tabs never occur in SANE names. */
export const DEVICE_LIST_FORMAT = '%d\t%v\t%m\t%t%n';

export interface SaneDeviceInfo {
  /** The name to pass to `-d`, e.g. `test:0`, `fujitsu:libusb:001:004`. */
  readonly name: string;
  readonly vendor: string;
  readonly model: string;
  readonly type: string;
}

export function parseDeviceList(output: string): SaneDeviceInfo[] {
  const devices: SaneDeviceInfo[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const [name, vendor = '', model = '', type = ''] = line.split('\t');
    if (!name) continue;
    devices.push({ name, vendor, model, type });
  }
  return devices;
}

export type SaneResolutions =
  | { readonly kind: 'list'; readonly values: readonly number[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly step: number };

export interface SaneOptions {
  readonly modes: readonly string[];
  readonly resolutions: SaneResolutions | undefined;
  /** The backend's source names, verbatim (`Flatbed`, `ADF`, `Automatic Document Feeder`). */
  readonly sources: readonly string[];
  /** Largest scan area in millimetres, from the ranges of `-x` and `-y`. */
  readonly maxWidthMm: number | undefined;
  readonly maxHeightMm: number | undefined;
}

/** One option line: name, allowed values, and the current value in brackets. */
const OPTION_LINE = /^\s+(--[a-z0-9-]+|-[ltxy])(?:\[=\([^)]*\)\])?\s+(.*?)\s*(?:\[([^\]]*)\])?\s*$/;
const RANGE = /^(-?[\d.]+)\.\.(-?[\d.]+)\s*(dpi|mm|%|us|pel)?(?:\s*\(in steps of ([\d.]+)\))?/;

function parseRangeMax(values: string): number | undefined {
  const m = RANGE.exec(values);
  return m ? Number(m[2]) : undefined;
}

export function parseOptions(output: string): SaneOptions {
  let modes: string[] = [];
  let resolutions: SaneResolutions | undefined;
  let sources: string[] = [];
  let maxWidthMm: number | undefined;
  let maxHeightMm: number | undefined;

  for (const line of output.split('\n')) {
    const m = OPTION_LINE.exec(line);
    if (!m) continue;
    const [, name, values = ''] = m;
    switch (name) {
      case '--mode':
        modes = values
          .split('|')
          .map((v) => v.trim())
          .filter(Boolean);
        break;
      case '--source':
        sources = values
          .split('|')
          .map((v) => v.trim())
          .filter(Boolean);
        break;
      case '--resolution': {
        const range = RANGE.exec(values);
        if (range) {
          resolutions = {
            kind: 'range',
            min: Number(range[1]),
            max: Number(range[2]),
            step: range[4] === undefined ? 1 : Number(range[4]),
          };
        } else {
          const list = values
            .replace(/dpi$/, '')
            .split('|')
            .map((v) => Number(v.replace(/dpi$/, '')))
            .filter((v) => Number.isFinite(v) && v > 0);
          if (list.length > 0) resolutions = { kind: 'list', values: list.sort((a, b) => a - b) };
        }
        break;
      }
      case '-x':
        maxWidthMm = parseRangeMax(values);
        break;
      case '-y':
        maxHeightMm = parseRangeMax(values);
        break;
      default:
        break;
    }
  }
  return { modes, resolutions, sources, maxWidthMm, maxHeightMm };
}

/** The backend's name for one of our sources, or undefined when the device lacks it. */
export function saneSourceName(options: SaneOptions, source: ScanSource): string | undefined {
  if (options.sources.length === 0) return source === 'platen' ? '' : undefined;
  if (source === 'platen') return options.sources.find((s) => /flatbed|platen|glass/i.test(s));
  // Prefer simplex: the kiosk scans one side (duplex would add a blank back to most pages).
  const feeders = options.sources.filter((s) => /adf|feeder|automatic/i.test(s));
  return feeders.find((s) => !/duplex/i.test(s)) ?? feeders[0];
}

/** The backend's grey mode name (`Gray`, `Grey`, `Grayscale`, `True Gray`...). */
export function saneGreyMode(options: SaneOptions): string | undefined {
  return (
    options.modes.find((m) => /^(true )?gr[ae]y(scale)?$/i.test(m)) ??
    options.modes.find((m) => /gr[ae]y/i.test(m))
  );
}

/** The closest resolution the device accepts. */
export function saneResolution(resolutions: SaneResolutions | undefined, wishDpi: number): number {
  if (!resolutions) return wishDpi;
  if (resolutions.kind === 'range') {
    const clamped = Math.min(resolutions.max, Math.max(resolutions.min, wishDpi));
    const step = resolutions.step > 0 ? resolutions.step : 1;
    return Math.round(resolutions.min + Math.round((clamped - resolutions.min) / step) * step);
  }
  let best = resolutions.values[0] ?? wishDpi;
  for (const v of resolutions.values) {
    if (Math.abs(v - wishDpi) < Math.abs(best - wishDpi)) best = v;
  }
  return best;
}

export type ProgressEvent =
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'page-started'; readonly page: number }
  | { readonly kind: 'page-done'; readonly page: number; readonly status: number | undefined }
  | { readonly kind: 'message'; readonly text: string };

/**
 * Most of an unfinished stderr line kept between chunks, characters. scanimage's own lines are
 * under 200; a longer one is not progress, and a runaway stderr without line ends (a broken
 * backend printing binary, say) must not grow memory while the scan runs. The tail is kept:
 * the end of a line says what went wrong.
 */
export const MAX_PROGRESS_REST_CHARS = 4 * 1024;

/**
 * Splits `scanimage -p` stderr into events. Input is a chunk boundary-safe remainder plus
 * new data; returns events and the unfinished tail to prepend to the next chunk, at most
 * MAX_PROGRESS_REST_CHARS (the last ones) of it.
 */
export function parseProgress(buffered: string): { events: ProgressEvent[]; rest: string } {
  const parts = buffered.split(/[\r\n]/);
  const unfinished = parts.pop() ?? '';
  const rest =
    unfinished.length > MAX_PROGRESS_REST_CHARS
      ? unfinished.slice(-MAX_PROGRESS_REST_CHARS)
      : unfinished;
  const events: ProgressEvent[] = [];
  for (const raw of parts) {
    const line = raw.trim();
    if (line === '') continue;
    let m = /^Progress:\s*([\d.]+)%$/.exec(line);
    if (m) {
      events.push({ kind: 'percent', percent: Math.min(100, Number(m[1])) });
      continue;
    }
    m = /^Scanning page (\d+)$/.exec(line);
    if (m) {
      events.push({ kind: 'page-started', page: Number(m[1]) });
      continue;
    }
    m = /^Scanned page (\d+)\.(?:\s*\(scanner status = (\d+)\))?/.exec(line);
    if (m) {
      events.push({
        kind: 'page-done',
        page: Number(m[1]),
        status: m[2] === undefined ? undefined : Number(m[2]),
      });
      continue;
    }
    events.push({ kind: 'message', text: line });
  }
  return { events, rest };
}

/** What each non-zero exit status means for the person at the kiosk. */
const EXIT_CODE_ERRORS: Record<number, { code: ScanErrorCode; message: string }> = {
  [SANE_STATUS.UNSUPPORTED]: {
    code: 'unsupported',
    message: 'the scanner does not support this request',
  },
  [SANE_STATUS.CANCELLED]: { code: 'cancelled', message: 'the scan was cancelled' },
  [SANE_STATUS.DEVICE_BUSY]: { code: 'busy', message: 'the scanner is busy' },
  [SANE_STATUS.INVAL]: {
    code: 'unsupported',
    message: 'the scanner rejected an option or the device name',
  },
  [SANE_STATUS.EOF]: { code: 'device-error', message: 'the scanner ended the data early' },
  [SANE_STATUS.JAMMED]: { code: 'feeder-jam', message: 'paper jam in the document feeder' },
  [SANE_STATUS.NO_DOCS]: { code: 'feeder-empty', message: 'the document feeder is empty' },
  [SANE_STATUS.COVER_OPEN]: { code: 'door-open', message: 'the scanner cover is open' },
  [SANE_STATUS.IO_ERROR]: {
    code: 'unavailable',
    message: 'input/output error talking to the scanner',
  },
  [SANE_STATUS.NO_MEM]: { code: 'device-error', message: 'the scanner ran out of memory' },
  [SANE_STATUS.ACCESS_DENIED]: { code: 'unavailable', message: 'access to the scanner was denied' },
};

/** Maps a `scanimage` exit status (and its last stderr line) to an error; 0 gives undefined. */
export function exitCodeError(
  exitCode: number,
  lastMessage?: string,
): { code: ScanErrorCode; message: string } | undefined {
  if (exitCode === SANE_STATUS.GOOD) return undefined;
  const detail = lastMessage ? ` (${lastMessage})` : '';
  // scanimage exits 1 by itself (not with a SANE status) when the device cannot be opened.
  if (lastMessage !== undefined && /open of device .* failed/i.test(lastMessage)) {
    return { code: 'unavailable', message: `the scanner could not be opened${detail}` };
  }
  const known = EXIT_CODE_ERRORS[exitCode];
  if (known) return { code: known.code, message: `${known.message}${detail}` };
  return { code: 'device-error', message: `scanimage exited with status ${exitCode}${detail}` };
}
