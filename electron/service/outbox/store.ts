/**
 * The outbox table: every submitted application with its files, written in one transaction
 * (WAL, synchronous FULL: committed means on disk), with the idempotency key created in that
 * same transaction, before anything is sent. Personal data (the application body and the
 * file bytes) is sealed with AES-256-GCM; the clear columns hold only what the forwarder,
 * a receipt reprint and an audit need.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { keyId, open, seal, type KeyProvider } from './crypto.js';
import {
  forgetHolders,
  holdersOf,
  recordHolders,
  referencesOfHolder,
  type HolderRole,
} from './holder-index.js';
import type { ApplicationRequestBody, ReceiptFacts, AuditFacts } from './types.js';

export type OutboxState = 'pending' | 'forwarded' | 'refused';

/** A file of an application: a scan (PDF, JPEG or PNG) for one material. */
export interface OutboxFileInput {
  /** Index into `request.materials` of the SCAN entry this file satisfies. */
  readonly materialIndex: number;
  readonly mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly pages: number;
}

export interface OutboxEntryInput {
  /** The application as it will be sent, SCAN materials without `fileId` yet. */
  readonly request: ApplicationRequestBody;
  readonly files: readonly OutboxFileInput[];
  /** Clear, masked facts for the receipt (kept after purge). */
  readonly receipt: ReceiptFacts;
  /** Clear facts for the audit (kept after purge): no personal data. */
  readonly audit: AuditFacts;
}

export interface EnqueuedEntry {
  readonly localReference: string;
  readonly idempotencyKey: string;
  readonly createdAt: number;
}

/** One row without its sealed columns. */
export interface OutboxRow {
  readonly localReference: string;
  readonly idempotencyKey: string;
  readonly itemCode: string;
  readonly itemVersion: number;
  readonly state: OutboxState;
  readonly createdAt: number;
  readonly nextAttemptAt: number;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly lastErrorAt: number | null;
  readonly applicationId: string | null;
  readonly trackingNumber: string | null;
  readonly status: string | null;
  readonly forwardedAt: number | null;
  readonly purgeAfter: number | null;
  readonly purgedAt: number | null;
  readonly receipt: ReceiptFacts;
  readonly audit: AuditFacts;
}

export interface OutboxFileRow {
  readonly position: number;
  readonly materialIndex: number;
  readonly mediaType: OutboxFileInput['mediaType'];
  readonly sha256: string;
  readonly size: number;
  readonly pages: number;
  readonly fileId: string | null;
}

/** What the forwarder needs to send one application. */
export interface OutboxWork {
  readonly row: OutboxRow;
  readonly request: ApplicationRequestBody;
  readonly files: readonly OutboxFileRow[];
}

export interface OutboxStats {
  readonly pending: number;
  /** Age of the oldest pending application, milliseconds; null when none is pending. */
  readonly oldestPendingAgeMs: number | null;
  readonly lastError: {
    readonly localReference: string;
    readonly message: string;
    readonly at: string;
  } | null;
  /** Applications acknowledged by the central API since local midnight. */
  readonly forwardedToday: number;
  /** Refused by the central API: staff must look at them. */
  readonly refused: number;
  /** Rows whose personal data is still on the kiosk. */
  readonly holdingPersonalData: number;
}

interface SealedPayload {
  readonly request: ApplicationRequestBody;
  /** materialIndex of each file, by position. */
  readonly fileMaterials: readonly number[];
}

interface RawRow {
  local_reference: string;
  idempotency_key: string;
  item_code: string;
  item_version: number;
  state: OutboxState;
  created_at: number;
  next_attempt_at: number;
  attempts: number;
  last_error: string | null;
  last_error_at: number | null;
  application_id: string | null;
  tracking_number: string | null;
  status: string | null;
  forwarded_at: number | null;
  purge_after: number | null;
  purged_at: number | null;
  key_id: string;
  receipt: string;
  audit: string;
}

const ROW_COLUMNS = `local_reference, idempotency_key, item_code, item_version, state, created_at,
  next_attempt_at, attempts, last_error, last_error_at, application_id, tracking_number, status,
  forwarded_at, purge_after, purged_at, key_id, receipt, audit`;

/** WAL pages before SQLite checkpoints by itself (default 1000); 4000 pages = 16 MB at 4 KB. */
const WAL_AUTOCHECKPOINT_PAGES = 4000;

/** Crockford base32 without I, L, O, U: unambiguous on paper and when read aloud. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_RANDOM_CHARS = 6;

/**
 * A local reference a person can read off a receipt: `L` + local date + 6 random characters,
 * e.g. `L20261203-7K4QMX`. It identifies the application on this kiosk until (and after) the
 * central API gives it a tracking number.
 */
export function newLocalReference(now: Date): string {
  const bytes = randomBytes(REFERENCE_RANDOM_CHARS);
  let tail = '';
  for (const b of bytes) tail += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `L${y}${m}${d}-${tail}`;
}

const applicationContext = (ref: string): string => `outbox-application:${ref}`;
const fileContext = (ref: string, position: number): string => `outbox-file:${ref}:${position}`;

export class OutboxStore {
  private readonly keyIdValue: string;

  constructor(
    private readonly db: Db,
    private readonly keys: KeyProvider,
  ) {
    this.keyIdValue = keyId(keys.key());
    // Deleted and overwritten pages are zeroed, so purged ciphertext does not linger either.
    db.pragma('secure_delete = ON');
    // Checkpoints run in the forwarder's background pass (checkpoint()), not inside an
    // applicant's submit; the automatic one stays as a safety net at a larger WAL.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  }

  /** Writes the application and its files in one transaction; returns its local reference. */
  enqueue(input: OutboxEntryInput, now = Date.now()): EnqueuedEntry {
    const localReference = newLocalReference(new Date(now));
    const idempotencyKey = randomUUID();
    const key = this.keys.key();
    const payload: SealedPayload = {
      request: input.request,
      fileMaterials: input.files.map((f) => f.materialIndex),
    };
    const sealedPayload = seal(
      key,
      Buffer.from(JSON.stringify(payload), 'utf8'),
      applicationContext(localReference),
    );

    const insertRow = this.db.prepare(
      `INSERT INTO outbox_applications (local_reference, idempotency_key, item_code, item_version,
         state, created_at, next_attempt_at, key_id, payload, receipt, audit)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
    );
    const insertFile = this.db.prepare(
      `INSERT INTO outbox_files (local_reference, position, media_type, sha256, size, pages, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      insertRow.run(
        localReference,
        idempotencyKey,
        input.request.itemImplementCode,
        input.request.itemVersion,
        now,
        now,
        this.keyIdValue,
        sealedPayload,
        JSON.stringify(input.receipt),
        JSON.stringify(input.audit),
      );
      recordHolders(this.db, key, localReference, holdersOf(input.request));
      input.files.forEach((file, position) => {
        insertFile.run(
          localReference,
          position,
          file.mediaType,
          file.sha256,
          file.bytes.length,
          file.pages,
          seal(key, file.bytes, fileContext(localReference, position)),
        );
      });
    })();
    return { localReference, idempotencyKey, createdAt: now };
  }

  /** Local references of pending applications due by `now`, oldest first. */
  due(now: number, limit = 50): string[] {
    return (
      this.db
        .prepare(
          `SELECT local_reference FROM outbox_applications
           WHERE state = 'pending' AND next_attempt_at <= ?
           ORDER BY created_at, local_reference LIMIT ?`,
        )
        .all(now, limit) as { local_reference: string }[]
    ).map((r) => r.local_reference);
  }

  /** When the next pending application becomes due, or undefined when none is pending. */
  nextDueAt(): number | undefined {
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox_applications WHERE state = 'pending'`)
      .get() as { t: number | null };
    return row.t ?? undefined;
  }

  row(localReference: string): OutboxRow | undefined {
    const raw = this.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM outbox_applications WHERE local_reference = ?`)
      .get(localReference) as RawRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  rowByTrackingNumber(trackingNumber: string): OutboxRow | undefined {
    const raw = this.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM outbox_applications WHERE tracking_number = ?`)
      .get(trackingNumber) as RawRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  /** The decrypted application and its file list; undefined once purged or unknown. */
  work(localReference: string): OutboxWork | undefined {
    const raw = this.db
      .prepare(`SELECT ${ROW_COLUMNS}, payload FROM outbox_applications WHERE local_reference = ?`)
      .get(localReference) as (RawRow & { payload: Buffer | null }) | undefined;
    if (!raw || raw.payload === null) return undefined;
    this.assertKey(raw);
    const payload = JSON.parse(
      open(this.keys.key(), raw.payload, applicationContext(localReference)).toString('utf8'),
    ) as SealedPayload;
    const files = (
      this.db
        .prepare(
          `SELECT position, media_type, sha256, size, pages, file_id FROM outbox_files
           WHERE local_reference = ? ORDER BY position`,
        )
        .all(localReference) as {
        position: number;
        media_type: OutboxFileInput['mediaType'];
        sha256: string;
        size: number;
        pages: number;
        file_id: string | null;
      }[]
    ).map((f): OutboxFileRow => ({
      position: f.position,
      materialIndex: payload.fileMaterials[f.position] ?? -1,
      mediaType: f.media_type,
      sha256: f.sha256,
      size: f.size,
      pages: f.pages,
      fileId: f.file_id,
    }));
    return { row: toRow(raw), request: payload.request, files };
  }

  /** The decrypted bytes of one file. */
  fileBytes(localReference: string, position: number): Buffer {
    const raw = this.db
      .prepare('SELECT data FROM outbox_files WHERE local_reference = ? AND position = ?')
      .get(localReference, position) as { data: Buffer | null } | undefined;
    if (!raw || raw.data === null) {
      throw new Error(`outbox ${localReference} file ${position}: no bytes (purged or unknown)`);
    }
    return open(this.keys.key(), raw.data, fileContext(localReference, position));
  }

  recordUpload(localReference: string, position: number, fileId: string, now = Date.now()): void {
    this.db
      .prepare(
        `UPDATE outbox_files SET file_id = ?, uploaded_at = ?
         WHERE local_reference = ? AND position = ?`,
      )
      .run(fileId, now, localReference, position);
  }

  recordForwarded(
    localReference: string,
    created: { applicationId: string; trackingNumber: string; status: string },
    retentionMs: number,
    now = Date.now(),
  ): void {
    this.db
      .prepare(
        `UPDATE outbox_applications
         SET state = 'forwarded', application_id = ?, tracking_number = ?, status = ?,
             forwarded_at = ?, purge_after = ?, attempts = attempts + 1
         WHERE local_reference = ? AND state = 'pending'`,
      )
      .run(
        created.applicationId,
        created.trackingNumber,
        created.status,
        now,
        now + retentionMs,
        localReference,
      );
  }

  /** A failed attempt that will be retried at `nextAttemptAt`. */
  recordFailure(
    localReference: string,
    message: string,
    nextAttemptAt: number,
    now = Date.now(),
  ): void {
    this.db
      .prepare(
        `UPDATE outbox_applications
         SET attempts = attempts + 1, last_error = ?, last_error_at = ?, next_attempt_at = ?
         WHERE local_reference = ? AND state = 'pending'`,
      )
      .run(message, now, nextAttemptAt, localReference);
  }

  /** The central API refused the application for good; staff take it from here. */
  recordRefused(localReference: string, message: string, now = Date.now()): void {
    this.db
      .prepare(
        `UPDATE outbox_applications
         SET state = 'refused', attempts = attempts + 1, last_error = ?, last_error_at = ?
         WHERE local_reference = ? AND state = 'pending'`,
      )
      .run(message, now, localReference);
  }

  /** Status seen later (status queries), kept for reprints. */
  recordStatus(localReference: string, status: string): void {
    this.db
      .prepare('UPDATE outbox_applications SET status = ? WHERE local_reference = ?')
      .run(status, localReference);
  }

  /**
   * Drops the personal data of forwarded applications whose retention has passed. The row
   * keeps its receipt and audit facts, the tracking number and the files' digests.
   */
  purgeDue(now = Date.now()): number {
    const refs = (
      this.db
        .prepare(
          `SELECT local_reference FROM outbox_applications
           WHERE state = 'forwarded' AND purged_at IS NULL AND purge_after <= ?`,
        )
        .all(now) as { local_reference: string }[]
    ).map((r) => r.local_reference);
    if (refs.length === 0) return 0;
    const clearRow = this.db.prepare(
      'UPDATE outbox_applications SET payload = NULL, purged_at = ? WHERE local_reference = ?',
    );
    const clearFiles = this.db.prepare(
      'UPDATE outbox_files SET data = NULL WHERE local_reference = ?',
    );
    this.db.transaction(() => {
      for (const ref of refs) {
        clearRow.run(now, ref);
        clearFiles.run(ref);
        forgetHolders(this.db, ref);
      }
    })();
    return refs.length;
  }

  /**
   * Applications naming this applicant code or agent ID number (by keyed digest, see
   * holder-index.ts), newest first, while their personal data is on this kiosk.
   */
  rowsOfHolder(code: string): { row: OutboxRow; role: HolderRole }[] {
    return referencesOfHolder(this.db, this.keys.key(), code)
      .map(({ localReference, role }) => ({ row: this.row(localReference), role }))
      .filter((r): r is { row: OutboxRow; role: HolderRole } => r.row !== undefined)
      .sort((a, b) => b.row.createdAt - a.row.createdAt);
  }

  /**
   * Indexes the holders of rows queued before the holder index existed (migration 012): opens
   * only rows that still hold personal data and have no index entry yet. Returns how many.
   */
  indexUnindexedHolders(): number {
    const refs = (
      this.db
        .prepare(
          `SELECT local_reference FROM outbox_applications a
           WHERE payload IS NOT NULL AND key_id = ?
             AND NOT EXISTS (SELECT 1 FROM outbox_holders h
                             WHERE h.local_reference = a.local_reference)`,
        )
        .all(this.keyIdValue) as { local_reference: string }[]
    ).map((r) => r.local_reference);
    for (const ref of refs) {
      const work = this.work(ref);
      if (work) recordHolders(this.db, this.keys.key(), ref, holdersOf(work.request));
    }
    return refs.length;
  }

  /** Copies the WAL into the database without waiting for readers (background work). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  stats(now = Date.now()): OutboxStats {
    return outboxStats(this.db, now);
  }

  private assertKey(raw: RawRow): void {
    if (raw.key_id !== this.keyIdValue) {
      throw new Error(
        `outbox ${raw.local_reference} was sealed with key ${raw.key_id}, ` +
          `but ${this.keys.source} holds key ${this.keyIdValue}`,
      );
    }
  }
}

/**
 * The outbox summary for staff and the CLI; needs no key (it reads only clear columns).
 */
export function outboxStats(db: Db, now = Date.now()): OutboxStats {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const counts = db
    .prepare(
      `SELECT
         SUM(state = 'pending') AS pending,
         MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldest,
         SUM(state = 'forwarded' AND forwarded_at >= ?) AS today,
         SUM(state = 'refused') AS refused,
         SUM(payload IS NOT NULL) AS holding
       FROM outbox_applications`,
    )
    .get(midnight.getTime()) as {
    pending: number | null;
    oldest: number | null;
    today: number | null;
    refused: number | null;
    holding: number | null;
  };
  const last = db
    .prepare(
      `SELECT local_reference, last_error, last_error_at FROM outbox_applications
       WHERE last_error IS NOT NULL ORDER BY last_error_at DESC LIMIT 1`,
    )
    .get() as { local_reference: string; last_error: string; last_error_at: number } | undefined;
  return {
    pending: counts.pending ?? 0,
    oldestPendingAgeMs: counts.oldest === null ? null : Math.max(0, now - counts.oldest),
    lastError: last
      ? {
          localReference: last.local_reference,
          message: last.last_error,
          at: new Date(last.last_error_at).toISOString(),
        }
      : null,
    forwardedToday: counts.today ?? 0,
    refused: counts.refused ?? 0,
    holdingPersonalData: counts.holding ?? 0,
  };
}

function toRow(raw: RawRow): OutboxRow {
  return {
    localReference: raw.local_reference,
    idempotencyKey: raw.idempotency_key,
    itemCode: raw.item_code,
    itemVersion: raw.item_version,
    state: raw.state,
    createdAt: raw.created_at,
    nextAttemptAt: raw.next_attempt_at,
    attempts: raw.attempts,
    lastError: raw.last_error,
    lastErrorAt: raw.last_error_at,
    applicationId: raw.application_id,
    trackingNumber: raw.tracking_number,
    status: raw.status,
    forwardedAt: raw.forwarded_at,
    purgeAfter: raw.purge_after,
    purgedAt: raw.purged_at,
    receipt: JSON.parse(raw.receipt) as ReceiptFacts,
    audit: JSON.parse(raw.audit) as AuditFacts,
  };
}
