/**
 * The pages of one material (one required document of an application) as the applicant
 * scans them, possibly over several scans (a contract from the feeder, then a missing page
 * on the glass). Each scan is all-or-nothing against device failures and cancel: a failed or
 * cancelled scan adds no page. Limits are different: the pages that fit are kept, the rest
 * are dropped, and the result says which limit was hit so the applicant can act.
 */
import type { Result } from '../common/result.js';
import { err, ok } from '../common/result.js';
import type { LimitProblem, MaterialPdf, PipelineSettings, ScannedPage } from './pipeline.js';
import { assemblePdf, processPage } from './pipeline.js';
import type { ScanError, ScannerDriver, ScanRequest } from './types.js';
import { scanError } from './types.js';

export interface MaterialScanOutcome {
  /** Pages added to the material by this scan. */
  readonly added: number;
  /** Blank pages left out (feeder scans with blank dropping on). */
  readonly blankDropped: number;
  /** Set when a limit stopped the scan short; the pages before it were kept. */
  readonly limit?: LimitProblem;
}

export type MaterialScanFailure =
  ScanError | { readonly code: 'unreadable-image'; readonly message: string };

export class MaterialScan {
  private readonly scanned: ScannedPage[] = [];
  private busy = false;

  constructor(
    /** Shown in the PDF's title; use the material's code, never personal data. */
    readonly title: string,
    private readonly settings: PipelineSettings,
  ) {}

  get pages(): readonly ScannedPage[] {
    return [...this.scanned];
  }

  get totalBytes(): number {
    return this.scanned.reduce((sum, p) => sum + p.bytes, 0);
  }

  /** Scans with `driver` and appends the pages that pass the pipeline and the limits. */
  async scanWith(
    driver: ScannerDriver,
    request: Omit<ScanRequest, 'resolutionDpi'> & { resolutionDpi?: number },
  ): Promise<Result<MaterialScanOutcome, MaterialScanFailure>> {
    if (this.busy) return err(scanError('busy', 'this material is already being scanned'));
    if (this.scanned.length >= this.settings.maxMaterialPages) {
      return ok({
        added: 0,
        blankDropped: 0,
        limit: {
          code: 'too-many-pages',
          limitPages: this.settings.maxMaterialPages,
          keptPages: this.scanned.length,
          droppedPages: 0,
        },
      });
    }
    this.busy = true;
    try {
      const raw = await driver.scan({
        ...request,
        resolutionDpi: request.resolutionDpi ?? this.settings.resolutionDpi,
      });
      if (!raw.ok) return raw;

      const dropBlank = this.settings.dropBlankPages && request.source === 'feeder';
      const fresh: ScannedPage[] = [];
      let blankDropped = 0;
      let limit: LimitProblem | undefined;
      let bytes = this.totalBytes;
      for (const [i, page] of raw.value.entries()) {
        if (request.signal?.aborted) return err(scanError('cancelled', 'the scan was cancelled'));
        const processed = await processPage(page, this.settings, { dropBlank });
        if (!processed.ok) {
          if (processed.error.code === 'unreadable-image') {
            return err({
              code: 'unreadable-image',
              message: `page ${processed.error.page} could not be decoded: ${processed.error.message}`,
            });
          }
          limit = processed.error;
          break;
        }
        if (processed.value === undefined) {
          blankDropped++;
          continue;
        }
        const remaining = raw.value.length - i;
        if (this.scanned.length + fresh.length >= this.settings.maxMaterialPages) {
          limit = {
            code: 'too-many-pages',
            limitPages: this.settings.maxMaterialPages,
            keptPages: this.scanned.length + fresh.length,
            droppedPages: remaining,
          };
          break;
        }
        if (bytes + processed.value.bytes > this.settings.maxMaterialBytes) {
          limit = {
            code: 'material-too-large',
            limitBytes: this.settings.maxMaterialBytes,
            keptPages: this.scanned.length + fresh.length,
            droppedPages: remaining,
          };
          break;
        }
        bytes += processed.value.bytes;
        fresh.push(processed.value);
      }
      if (request.signal?.aborted) return err(scanError('cancelled', 'the scan was cancelled'));

      this.scanned.push(...fresh);
      return ok({ added: fresh.length, blankDropped, ...(limit ? { limit } : {}) });
    } finally {
      this.busy = false;
    }
  }

  /** Removes one page (1-based), e.g. when the applicant retakes it. */
  removePage(page: number): boolean {
    if (!Number.isInteger(page) || page < 1 || page > this.scanned.length) return false;
    this.scanned.splice(page - 1, 1);
    return true;
  }

  /** Throws all pages away (cancel of the whole material, or session end). */
  clear(): void {
    this.scanned.length = 0;
  }

  /** The material as one PDF; needs at least one page. */
  async pdf(): Promise<MaterialPdf> {
    return assemblePdf(this.scanned, this.title);
  }
}
