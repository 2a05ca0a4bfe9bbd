/**
 * Receipts whose print failed, kept in SQLite (table `printer_kept_receipts`, migration 002)
 * so a service restart does not lose them. What is stored is the laid-out `ReceiptDocument`:
 * the layout has already masked the applicant's name and identifier, so nothing unmasked
 * reaches the disk. Reprinted, discarded and dropped receipts keep their row without the
 * document, for the audit (see the migration for the columns).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../../drivers/common/logger.js';
import type { PrintFailure, ReceiptDocument } from '../../../drivers/printer/index.js';
import { printFailureCodeSchema } from '../../contract/methods/printer.js';
import type { Db } from '../store/db.js';

/** Receipts waiting for reprint; beyond this the oldest is dropped (and logged). */
export const MAX_KEPT_RECEIPTS = 100;
/**
 * Resolved rows (no document, a few hundred bytes each) kept for the audit; older ones are
 * deleted so a long run of failures cannot fill the disk.
 */
export const MAX_RESOLVED_KEPT_RECEIPTS = 1000;

export type KeptReceiptKind = 'final' | 'provisional' | 'test';
export type KeptReceiptResolution = 'reprinted' | 'discarded' | 'dropped';
/** Why the last attempt failed (the printer's condition is not kept: it is stale by then). */
export type KeptFailure = Omit<PrintFailure, 'condition'>;

/** A receipt whose print failed and that waits for a reprint. */
export interface KeptReceipt {
  readonly id: string;
  readonly kind: KeptReceiptKind;
  /** Tracking number or local reference printed on it (not personal data). */
  readonly reference: string;
  /** When it was first kept, ISO 8601. */
  readonly keptAt: string;
  readonly failure: KeptFailure;
  readonly attempts: number;
  /** When it was last tried, ISO 8601. */
  readonly lastAttemptAt: string;
}

/** A receipt to keep: already laid out (and so masked). */
export interface ReceiptToKeep {
  readonly kind: KeptReceiptKind;
  readonly reference: string;
  readonly document: ReceiptDocument;
}

const align = z.enum(['left', 'center', 'right']);
/** The shape of `ReceiptDocument` (drivers/printer/receipt-document.ts), checked on read. */
const receiptDocumentSchema = z.strictObject({
  blocks: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('text'),
        text: z.string(),
        align: align.optional(),
        bold: z.boolean().optional(),
        large: z.boolean().optional(),
      }),
      z.strictObject({ kind: z.literal('pair'), label: z.string(), value: z.string() }),
      z.strictObject({ kind: z.literal('rule') }),
      z.strictObject({
        kind: z.literal('qr'),
        payload: z.string(),
        moduleSize: z.number().int().min(1).max(16).optional(),
      }),
      z.strictObject({ kind: z.literal('barcode'), data: z.string() }),
      z.strictObject({ kind: z.literal('feed'), lines: z.number().int().min(0) }),
      z.strictObject({ kind: z.literal('cut') }),
    ]),
  ),
});

const rowSchema = z.object({
  id: z.string(),
  kind: z.enum(['final', 'provisional', 'test']),
  reference: z.string(),
  created_at: z.string(),
  failure_code: printFailureCodeSchema,
  failure_stage: z.enum(['before', 'sending', 'after']),
  failure_printed: z.enum(['no', 'partly', 'unknown']),
  failure_message: z.string(),
  attempts: z.number().int(),
  last_attempt_at: z.string(),
});

const OPEN_COLUMNS = `id, kind, reference, created_at, failure_code, failure_stage, failure_printed,
  failure_message, attempts, last_attempt_at`;

export class KeptReceiptStore {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly limits = { open: MAX_KEPT_RECEIPTS, resolved: MAX_RESOLVED_KEPT_RECEIPTS },
  ) {
    this.statements = {
      list: db.prepare(
        `SELECT ${OPEN_COLUMNS} FROM printer_kept_receipts WHERE resolution IS NULL ORDER BY seq`,
      ),
      get: db.prepare(
        `SELECT ${OPEN_COLUMNS} FROM printer_kept_receipts WHERE id = ? AND resolution IS NULL`,
      ),
      document: db.prepare(
        'SELECT document FROM printer_kept_receipts WHERE id = ? AND resolution IS NULL',
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM printer_kept_receipts WHERE resolution IS NULL'),
      insert: db.prepare(
        `INSERT INTO printer_kept_receipts (id, kind, reference, created_at, document,
           failure_code, failure_stage, failure_printed, failure_message, attempts, last_attempt_at)
         VALUES (@id, @kind, @reference, @at, @document, @code, @stage, @printed, @message, 1, @at)`,
      ),
      attempt: db.prepare(
        `UPDATE printer_kept_receipts SET failure_code = @code, failure_stage = @stage,
           failure_printed = @printed, failure_message = @message, attempts = attempts + 1,
           last_attempt_at = @at
         WHERE id = @id AND resolution IS NULL`,
      ),
      resolve: db.prepare(
        `UPDATE printer_kept_receipts SET resolution = @resolution, resolved_at = @at,
           document = NULL
         WHERE id = @id AND resolution IS NULL`,
      ),
      oldestOpen: db.prepare(
        `SELECT id, reference FROM printer_kept_receipts WHERE resolution IS NULL
         ORDER BY seq LIMIT ?`,
      ),
      pruneResolved: db.prepare(
        `DELETE FROM printer_kept_receipts WHERE resolution IS NOT NULL AND seq NOT IN (
           SELECT seq FROM printer_kept_receipts WHERE resolution IS NOT NULL
           ORDER BY seq DESC LIMIT ?)`,
      ),
    };
  }

  /** Receipts waiting for a reprint, oldest first. */
  list(): KeptReceipt[] {
    return this.statements.list.all().map(toKept);
  }

  get(id: string): KeptReceipt | null {
    const row = this.statements.get.get(id);
    return row === undefined ? null : toKept(row);
  }

  /** The kept receipt's document, for a reprint; null when it is not (or no longer) kept. */
  document(id: string): ReceiptDocument | null {
    const row = this.statements.document.get(id) as { document: string } | undefined;
    if (row === undefined) return null;
    const parsed = receiptDocumentSchema.safeParse(JSON.parse(row.document));
    if (!parsed.success) {
      throw new Error(
        `kept receipt ${id}: the stored document is not a receipt document (${parsed.error.message})`,
      );
    }
    return parsed.data;
  }

  /** Keeps a receipt after its first failed print; drops the oldest beyond the cap. */
  keep(receipt: ReceiptToKeep, failure: KeptFailure, at = new Date().toISOString()): KeptReceipt {
    const id = randomUUID();
    this.db.transaction(() => {
      this.statements.insert.run({
        id,
        kind: receipt.kind,
        reference: receipt.reference,
        at,
        document: JSON.stringify(receipt.document),
        ...failureColumns(failure),
      });
      const { n } = this.statements.count.get() as { n: number };
      const excess = n - this.limits.open;
      if (excess > 0) {
        const oldest = this.statements.oldestOpen.all(excess) as {
          id: string;
          reference: string;
        }[];
        for (const dropped of oldest) {
          this.statements.resolve.run({ id: dropped.id, resolution: 'dropped', at });
          this.logger.warn({
            event: 'printer.kept-receipt-dropped',
            keptId: dropped.id,
            reference: dropped.reference,
            limit: this.limits.open,
          });
        }
        this.statements.pruneResolved.run(this.limits.resolved);
      }
    })();
    return {
      id,
      kind: receipt.kind,
      reference: receipt.reference,
      keptAt: at,
      failure,
      attempts: 1,
      lastAttemptAt: at,
    };
  }

  /** Records another failed attempt; null when the receipt is no longer kept. */
  recordFailedAttempt(
    id: string,
    failure: KeptFailure,
    at = new Date().toISOString(),
  ): KeptReceipt | null {
    this.statements.attempt.run({ id, at, ...failureColumns(failure) });
    return this.get(id);
  }

  /** Ends a kept receipt (printed again, or discarded by staff); false when not kept. */
  resolve(
    id: string,
    resolution: Exclude<KeptReceiptResolution, 'dropped'>,
    at = new Date().toISOString(),
  ): boolean {
    return this.db.transaction(() => {
      const changed = this.statements.resolve.run({ id, resolution, at }).changes > 0;
      if (changed) this.statements.pruneResolved.run(this.limits.resolved);
      return changed;
    })();
  }
}

function failureColumns(failure: KeptFailure) {
  return {
    code: failure.code,
    stage: failure.stage,
    printed: failure.printed,
    message: failure.message,
  };
}

function toKept(raw: unknown): KeptReceipt {
  const row = rowSchema.parse(raw);
  return {
    id: row.id,
    kind: row.kind,
    reference: row.reference,
    keptAt: row.created_at,
    failure: {
      code: row.failure_code,
      stage: row.failure_stage,
      printed: row.failure_printed,
      message: row.failure_message,
    },
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
  };
}
