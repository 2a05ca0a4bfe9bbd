/**
 * Finds codes on scanned pages: the one place the scanner and the barcode decoder meet
 * (drivers stay independent; ARCHITECTURE.md "work that combines devices happens in the
 * service"). A license's QR, a certificate's batch code or a receipt's tracking QR on paper
 * lets the kiosk prefill or check a material without typing.
 */
import {
  createImageDecoder,
  type DecodedSymbol,
  type ImageCodeFormat,
  type ImageDecoder,
} from '../../../drivers/barcode/image-decoder.js';
import type { Logger } from '../../../drivers/common/logger.js';
import type { ScannedPage } from '../../../drivers/scanner/pipeline.js';

/** What a page can carry: QR (licenses, receipts, permits), DataMatrix and GS1-128 (batches). */
const PAGE_CODE_FORMATS: readonly ImageCodeFormat[] = ['qr', 'datamatrix', 'code128', 'pdf417'];

export interface PageCode {
  /** 1-based page within the pages given. */
  readonly page: number;
  readonly format: string;
  readonly kind: DecodedSymbol['code']['kind'];
  /** Absent for app-identity codes: their one-time token is a secret. */
  readonly text?: string;
}

export class PageCodeFinder {
  private decoder: ImageDecoder | undefined;

  constructor(private readonly logger: Logger) {}

  /**
   * Codes on each page, in page order. A decoder failure is logged and yields no codes for
   * that page: finding codes is a help, never a reason to lose a scan.
   */
  async find(pages: readonly ScannedPage[], firstPage = 1): Promise<PageCode[]> {
    const found: PageCode[] = [];
    for (const [i, page] of pages.entries()) {
      try {
        this.decoder ??= createImageDecoder({ logger: this.logger });
        const symbols = await this.decoder.decode(page.jpeg, { formats: PAGE_CODE_FORMATS });
        for (const symbol of symbols) {
          found.push({
            page: firstPage + i,
            format: symbol.format,
            kind: symbol.code.kind,
            ...(symbol.code.kind === 'app-identity' ? {} : { text: symbol.text }),
          });
        }
      } catch (error) {
        this.logger.warn({
          event: 'scanner.code-search-failed',
          page: firstPage + i,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (found.length > 0) {
      // Kinds only: the texts may carry credit codes or tracking numbers.
      this.logger.info({ event: 'scanner.codes-found', kinds: found.map((c) => c.kind) });
    }
    return found;
  }

  async close(): Promise<void> {
    const decoder = this.decoder;
    this.decoder = undefined;
    await decoder?.close();
  }
}
