/**
 * The document-scanner family's interface. Every driver (eSCL over HTTP, SANE through
 * `scanimage`, the simulator, which is an eSCL server) hands back raw page images; the page
 * pipeline (`pipeline.ts`) turns them into grey JPEGs and a PDF.
 */
import type { Device } from '../common/device.js';
import type { DeviceError, Result } from '../common/result.js';

/** Where the paper lies: on the glass (`platen`) or in the automatic document feeder. */
export type ScanSource = 'platen' | 'feeder';
export const SCAN_SOURCES: readonly ScanSource[] = ['platen', 'feeder'];

/**
 * What a person can cause (and the service turns into a message), plus the technician-level
 * failures. Codes are stable: the contract and the dev dock use them.
 */
export type ScanErrorCode =
  /** Paper stuck in the feeder (eSCL `ScannerAdfJam`/`Mispick`, SANE status 6). */
  | 'feeder-jam'
  /** The feeder has no paper (eSCL `ScannerAdfEmpty`, SANE status 7). */
  | 'feeder-empty'
  /** Feeder door or scanner cover open (eSCL `ScannerAdfHatchOpen`, SANE status 8). */
  | 'door-open'
  /** The scanner is doing another job or stayed "not ready" too long. */
  | 'busy'
  /** The scan was cancelled (UI, or the SANE backend reported `CANCELLED`). */
  | 'cancelled'
  /** The scanner does not answer (network, USB, `scanimage` missing). */
  | 'unavailable'
  /** The request asks for something the scanner cannot do (source, resolution). */
  | 'unsupported'
  /** The scanner answered something this driver cannot understand. */
  | 'protocol'
  /** The device reported an I/O or internal error. */
  | 'device-error';

export interface ScanError extends DeviceError {
  readonly code: ScanErrorCode;
}

/** A scan area in millimetres from the top-left corner of the glass or the feeder guide. */
export interface ScanAreaMm {
  readonly leftMm: number;
  readonly topMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

/** ISO 216 A4, the paper size of nearly every material a hall receives. */
export const A4_AREA_MM: ScanAreaMm = { leftMm: 0, topMm: 0, widthMm: 210, heightMm: 297 };

export interface ScanRequest {
  readonly source: ScanSource;
  /** Dots per inch asked of the device; drivers pick the nearest supported value. */
  readonly resolutionDpi: number;
  /** Defaults to A4. */
  readonly area?: ScanAreaMm;
  /** Aborting cancels the job on the device; the scan then ends with `cancelled`. */
  readonly signal?: AbortSignal;
  /** Called once per page received (1-based) and with percentages when the device tells them. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  /** Pages fully received so far. */
  readonly pagesReceived: number;
  /** Percentage of the current page, when the device reports it (SANE `-p`). */
  readonly pagePercent?: number;
}

/** One page as the device delivered it, before the pipeline. */
export interface RawPage {
  /** 1-based position in this scan. */
  readonly index: number;
  readonly image: Buffer;
  readonly mediaType: 'image/jpeg' | 'image/png';
  /** The resolution the device actually scanned at (may differ from the request). */
  readonly resolutionDpi: number;
}

export interface ScannerCapabilities {
  readonly makeAndModel: string;
  readonly sources: readonly ScanSource[];
  /** Resolutions the device offers, ascending. */
  readonly resolutionsDpi: readonly number[];
  /** Largest area, millimetres. */
  readonly maxWidthMm: number;
  readonly maxHeightMm: number;
}

/** Implemented by `EsclScanner`, `SaneScanner`; the simulator is reached through `EsclScanner`. */
export interface ScannerDriver extends Device {
  readonly family: 'scanner';
  capabilities(): Promise<Result<ScannerCapabilities, ScanError>>;
  /**
   * Scans every page the source gives (one for the platen; the feeder until empty). All or
   * nothing: on any error or cancel no pages are returned.
   */
  scan(request: ScanRequest): Promise<Result<RawPage[], ScanError>>;
}

export function scanError(code: ScanErrorCode, message: string): ScanError {
  return { code, message };
}

/** Millimetres per inch; eSCL regions are in 1/300 inch, SANE areas in mm. */
export const MM_PER_INCH = 25.4;

/** Picks the supported resolution closest to the wish (ties go to the higher one). */
export function nearestResolution(supported: readonly number[], wishDpi: number): number {
  if (supported.length === 0) return wishDpi;
  let best = supported[0]!;
  for (const dpi of supported) {
    const d = Math.abs(dpi - wishDpi);
    const bestD = Math.abs(best - wishDpi);
    if (d < bestD || (d === bestD && dpi > best)) best = dpi;
  }
  return best;
}
