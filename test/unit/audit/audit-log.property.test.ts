/**
 * Property: any single tampering with a stored audit chain other than at its end — editing
 * any field of any entry (with or without recomputing that entry's hash), removing an entry,
 * inserting a forged one, or moving one — is reported by verification; an untouched chain
 * always verifies. Rows are checked as exported (verifyRows), so each run is pure.
 *
 * Not detectable by the chain alone, and so left out: cutting entries off the end, and
 * rewriting the last entry with a recomputed hash (the same thing: cut one, append a forgery).
 * The anchors against those are the head hashes kept outside (docs/staff.md).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import {
  AuditLog,
  entryHash,
  entryToRow,
  verifyRows,
  type AuditEntry,
} from '../../../electron/service/audit/audit-log.js';
import { canonicalJson } from '../../../electron/service/audit/canonical.js';
import { openStore } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { fuzzRuns } from '../../support/fuzz.js';

const CHAIN_LENGTH = 12;
let chain: AuditEntry[];

beforeAll(() => {
  const db = openStore({ path: ':memory:', migrations: MIGRATIONS, logger: silentLogger });
  let second = 0;
  const audit = new AuditLog(db, () => new Date(Date.UTC(2026, 11, 3, 9, 0, second++)));
  const outcomes = ['success', 'failure', 'refused'] as const;
  for (let i = 0; i < CHAIN_LENGTH; i++) {
    audit.append({
      actor: String(1000 + (i % 3)),
      role: i % 2 ? 'staff' : 'technician',
      action: ['staff.sign-in', 'config.change', 'device.self-test'][i % 3]!,
      outcome: outcomes[i % 3]!,
      details: { i, path: 'ui.idleTimeoutSeconds', nested: { to: i * 10 } },
    });
  }
  chain = [...audit.all()];
  db.close();
});

type Field = 'at' | 'actor' | 'role' | 'action' | 'outcome' | 'details';
const FIELDS: readonly Field[] = ['at', 'actor', 'role', 'action', 'outcome', 'details'];

const tampering = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    at: fc.nat({ max: CHAIN_LENGTH - 1 }),
    field: fc.constantFrom(...FIELDS),
    text: fc.string({ minLength: 1, maxLength: 8 }),
    rehash: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat({ max: CHAIN_LENGTH - 2 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat({ max: CHAIN_LENGTH - 1 }),
    actor: fc.string({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    from: fc.nat({ max: CHAIN_LENGTH - 1 }),
    to: fc.nat({ max: CHAIN_LENGTH - 1 }),
  }),
);

type Tampering = typeof tampering extends fc.Arbitrary<infer T> ? T : never;

function tamper(entries: readonly AuditEntry[], t: Tampering): AuditEntry[] | undefined {
  const copy = entries.map((e) => ({ ...e }));
  switch (t.kind) {
    case 'edit': {
      const target = copy[t.at]!;
      const changed =
        t.field === 'details'
          ? { ...target, details: { ...target.details, forged: t.text } }
          : { ...target, [t.field]: `${String(target[t.field])}${t.text}` };
      copy[t.at] = t.rehash ? { ...changed, hash: entryHash(changed.prevHash, changed) } : changed;
      return copy;
    }
    case 'remove':
      copy.splice(t.at, 1);
      return copy;
    case 'insert': {
      const previous = copy[t.at - 1];
      const prevHash = previous?.hash ?? '0'.repeat(64);
      const forged = { ...copy[t.at]!, actor: t.actor };
      // A forger who knows the scheme links the entry in and hashes it properly.
      copy.splice(t.at, 0, { ...forged, prevHash, hash: entryHash(prevHash, forged) });
      return copy;
    }
    case 'move': {
      if (t.from === t.to) return undefined;
      const [moved] = copy.splice(t.from, 1);
      copy.splice(t.to, 0, moved!);
      return copy;
    }
  }
}

describe('audit chain verification (property)', () => {
  it('the documented limit: the last entry rewritten with a recomputed hash still verifies', () => {
    const copy = chain.map((e) => ({ ...e }));
    const last = { ...copy.at(-1)!, outcome: 'success' };
    copy[copy.length - 1] = { ...last, hash: entryHash(last.prevHash, last) };
    const verdict = verifyRows(copy.map(entryToRow));
    expect(verdict.ok).toBe(true);
    // ...but its head hash differs from the one anchored outside before the rewrite.
    expect(verdict.headHash).not.toBe(chain.at(-1)!.hash);
  });

  it('an untouched chain verifies', () => {
    expect(verifyRows(chain.map(entryToRow))).toMatchObject({ ok: true, entries: CHAIN_LENGTH });
  });

  it('detects every edit, removal, insertion or move that is not a cut at the end', () => {
    fc.assert(
      fc.property(tampering, (t) => {
        const tampered = tamper(chain, t);
        fc.pre(tampered !== undefined);
        // An edit that changes nothing is not tampering.
        fc.pre(canonicalJson(tampered) !== canonicalJson(chain));
        fc.pre(!(t.kind === 'edit' && t.rehash && t.at === CHAIN_LENGTH - 1));
        const verdict = verifyRows(tampered!.map(entryToRow));
        expect(verdict.ok).toBe(false);
        expect(verdict.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
