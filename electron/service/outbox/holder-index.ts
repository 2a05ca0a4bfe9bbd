/**
 * The outbox's index of holders: for each application, a keyed digest of the applicant's code
 * (ID number or credit code) and of the agent's ID number. The digest is HMAC-SHA256 under a
 * subkey derived from the outbox key (HKDF, RFC 5869), so the table says nothing to someone who
 * copies the database without the key, and a card read finds its own applications without
 * decrypting anyone else's row. Digests are removed with the personal data at purge.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { ApplicationRequestBody } from './types.js';

/** HKDF `info` of the digest subkey: a label no other use of the outbox key shares. */
const DIGEST_KEY_INFO = 'hall-kiosk outbox holder digest v1';
const DIGEST_KEY_BYTES = 32;

export type HolderRole = 'applicant' | 'agent';

/** The digest of one holder code under the outbox key. */
export function holderDigest(outboxKey: Uint8Array, code: string): string {
  const subkey = Buffer.from(
    hkdfSync('sha256', outboxKey, new Uint8Array(0), DIGEST_KEY_INFO, DIGEST_KEY_BYTES),
  );
  return createHmac('sha256', subkey).update(code.toUpperCase(), 'utf8').digest('hex');
}

/** The holders an application names: the applicant, and the agent when there is one. */
export function holdersOf(
  request: Pick<ApplicationRequestBody, 'applicant' | 'agent'>,
): { role: HolderRole; code: string }[] {
  return [
    { role: 'applicant' as const, code: request.applicant.code },
    ...(request.agent ? [{ role: 'agent' as const, code: request.agent.idNumber }] : []),
  ];
}

/** Records the holders of one application (inside the caller's transaction). */
export function recordHolders(
  db: Db,
  outboxKey: Uint8Array,
  localReference: string,
  holders: readonly { role: HolderRole; code: string }[],
): void {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO outbox_holders (local_reference, digest, role) VALUES (?, ?, ?)`,
  );
  for (const h of holders) insert.run(localReference, holderDigest(outboxKey, h.code), h.role);
}

/** Local references of the applications naming this code, with the role it plays there. */
export function referencesOfHolder(
  db: Db,
  outboxKey: Uint8Array,
  code: string,
): { localReference: string; role: HolderRole }[] {
  return (
    db
      .prepare(
        `SELECT local_reference, role FROM outbox_holders WHERE digest = ?
         ORDER BY local_reference`,
      )
      .all(holderDigest(outboxKey, code)) as { local_reference: string; role: HolderRole }[]
  ).map((r) => ({ localReference: r.local_reference, role: r.role }));
}

/** Forgets the holders of purged applications (inside the caller's transaction). */
export function forgetHolders(db: Db, localReference: string): void {
  db.prepare('DELETE FROM outbox_holders WHERE local_reference = ?').run(localReference);
}
