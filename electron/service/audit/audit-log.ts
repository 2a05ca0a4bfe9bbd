/**
 * The kiosk's audit log: every staff and technician action and every sign-in attempt, in one
 * SQLite table that only grows. Each row carries `hash = SHA-256(prev_hash || canonical row)`
 * where the canonical row includes its sequence number, so
 * - an edited row no longer matches its hash,
 * - a removed row breaks the next row's `prev_hash` (and leaves a gap in `seq`),
 * - two swapped rows fail both checks.
 * Triggers (migration 020) refuse UPDATE and DELETE from inside the service. A cut-off tail is
 * the one change the chain alone cannot show; the signed export and the head hash shown to
 * technicians are the anchors for that (docs/staff.md).
 *
 * Details must never hold personal data: staff ids, masked card numbers, config paths.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../contract/protocol.js';
import type { Db } from '../store/db.js';
import { canonicalJson, type JsonValue } from './canonical.js';

/** `prev_hash` of the first row: 64 zero hex digits. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'success' | 'failure' | 'refused';

export interface AuditEntryInput {
  /** Who acted: a staff id, `unknown`, or `system` for the service itself. */
  readonly actor: string;
  readonly role: Role | 'system';
  /** Dotted action name, e.g. `staff.sign-in`, `config.change`, `export.write`. */
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly details?: { readonly [key: string]: JsonValue };
}

export interface AuditEntry {
  readonly seq: number;
  /** ISO time the service recorded it. */
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly outcome: string;
  readonly details: { readonly [key: string]: JsonValue };
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditProblemKind = 'hash-mismatch' | 'chain-broken' | 'sequence-gap' | 'bad-row';

export interface AuditProblem {
  readonly seq: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Hash of the last row (the chain's head), GENESIS_HASH when empty. */
  readonly headHash: string;
  readonly lastSeq: number;
  /** The first problems found (at most 20), in order. */
  readonly problems: readonly AuditProblem[];
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  outcome: string;
  details: string;
  prev_hash: string;
  hash: string;
}

const MAX_PROBLEMS = 20;

/** The hash of one row given the previous row's hash. */
export function entryHash(prevHash: string, row: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    outcome: row.outcome,
    details: row.details,
  });
  return createHash('sha256').update(prevHash, 'ascii').update(canonical, 'utf8').digest('hex');
}

export class AuditLog {
  private readonly insert;
  private readonly last;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (seq, at, actor, role, action, outcome, details, prev_hash, hash)
       VALUES (@seq, @at, @actor, @role, @action, @outcome, @details, @prev_hash, @hash)`,
    );
    this.last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  }

  /** Appends one entry (in a transaction, so the chain stays linear) and returns it. */
  append(input: AuditEntryInput): AuditEntry {
    const details = input.details ?? {};
    // Fail on values that cannot be hashed before anything is written.
    const detailsText = canonicalJson(details);
    return this.db.transaction((): AuditEntry => {
      const previous = this.last.get() as { seq: number; hash: string } | undefined;
      const seq = (previous?.seq ?? 0) + 1;
      const prevHash = previous?.hash ?? GENESIS_HASH;
      const base = {
        seq,
        at: this.now().toISOString(),
        actor: input.actor,
        role: input.role,
        action: input.action,
        outcome: input.outcome,
        details,
      };
      const hash = entryHash(prevHash, base);
      this.insert.run({ ...base, details: detailsText, prev_hash: prevHash, hash });
      return { ...base, prevHash, hash };
    })();
  }

  /** The newest entry's sequence number and hash (the chain's head), for anchoring it. */
  head(): { readonly seq: number; readonly hash: string } {
    const last = this.last.get() as { seq: number; hash: string } | undefined;
    return last ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Entries in order, after `afterSeq` (0 = from the start), at most `limit`. */
  list(afterSeq = 0, limit = 100): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, limit) as Row[];
    return rows.map(toEntry);
  }

  /** The newest entries, newest first. */
  recent(limit = 50): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit) as Row[];
    return rows.map(toEntry);
  }

  /** Every row, oldest first, as stored (for export). */
  *all(): IterableIterator<AuditEntry> {
    const rows = this.db
      .prepare('SELECT * FROM audit_log ORDER BY rowid')
      .iterate() as Iterable<Row>;
    for (const row of rows) yield toEntry(row);
  }

  /**
   * Walks the table in order and recomputes every link. `seq` is the rowid, so rows whose
   * contents were swapped are read where they now sit and fail their hash.
   */
  verify(): AuditVerification {
    const rows = this.db
      .prepare('SELECT * FROM audit_log ORDER BY rowid')
      .iterate() as Iterable<Row>;
    return verifyRows(rows);
  }
}

/** Verifies rows in the order given; exported for checking an exported audit.jsonl too. */
export function verifyRows(rows: Iterable<Row>): AuditVerification {
  const problems: AuditProblem[] = [];
  const note = (seq: number, kind: AuditProblemKind, message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, kind, message });
  };
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let lastSeq = 0;
  for (const row of rows) {
    entries++;
    lastSeq = row.seq;
    if (row.seq !== expectedSeq) {
      note(row.seq, 'sequence-gap', `expected entry ${expectedSeq} here, found entry ${row.seq}`);
    }
    if (row.prev_hash !== expectedPrev) {
      note(
        row.seq,
        'chain-broken',
        `entry ${row.seq} does not follow the entry before it (an entry was removed, added or moved)`,
      );
    }
    let details: AuditEntry['details'];
    try {
      details = JSON.parse(row.details) as AuditEntry['details'];
    } catch {
      note(row.seq, 'bad-row', `entry ${row.seq} has details that are not JSON`);
      expectedPrev = row.hash;
      expectedSeq = row.seq + 1;
      continue;
    }
    const recomputed = entryHash(row.prev_hash, { ...row, details });
    if (recomputed !== row.hash) {
      note(row.seq, 'hash-mismatch', `entry ${row.seq} was changed after it was written`);
    }
    expectedPrev = row.hash;
    expectedSeq = row.seq + 1;
  }
  return { ok: problems.length === 0, entries, headHash: expectedPrev, lastSeq, problems };
}

/** Converts an exported entry back to the stored row shape, for verifyRows. */
export function entryToRow(entry: AuditEntry): Row {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    outcome: entry.outcome,
    details: canonicalJson(entry.details),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function toEntry(row: Row): AuditEntry {
  let details: AuditEntry['details'];
  try {
    details = JSON.parse(row.details) as AuditEntry['details'];
  } catch {
    details = { unreadable: row.details.slice(0, 200) };
  }
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    outcome: row.outcome,
    details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
