/**
 * Permits the sandbox issues and the goods batches they move. Permit codes use the one format
 * in drivers/common/codes.ts, signed with the sandbox's own Ed25519 key. The key is created
 * once per data directory; its public half is served by GET /v1/permit-keys and written to
 * `<dataDir>/permit-signing-public.pem` for kiosk configs that verify offline.
 *
 * A permit's live state follows the 2019 flow-management practice: issued, in transit once its
 * window opens, cancelled on arrival (核销) when the goods are booked into the destination
 * warehouse, expired when the window closes first.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeBatchCode,
  encodePermitCode,
  parseBatchCode,
  parsePermitCode,
  verifyPermitCode,
} from '../drivers/common/codes.js';
import { maskIdentifier } from '../drivers/common/mask.js';
import type { WorkingCalendar } from './calendar.js';
import type { Db } from './db.js';
import type { GoodsLine, PermitState } from './types.js';

export const PERMIT_PRIVATE_KEY_FILE = 'permit-signing-key.pem';
export const PERMIT_PUBLIC_KEY_FILE = 'permit-signing-public.pem';
/** The permit type token in permit codes for the fireworks road transport permit. */
export const FIREWORKS_PERMIT_TYPE = 'fireworks-road-transport';

export interface PermitKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  readonly createdAt: string;
}

/** Loads the data directory's permit key, creating it on first use. */
export function loadOrCreatePermitKey(dataDir: string, now: Date): PermitKey {
  const privatePath = join(dataDir, PERMIT_PRIVATE_KEY_FILE);
  const publicPath = join(dataDir, PERMIT_PUBLIC_KEY_FILE);
  if (!existsSync(privatePath)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
  }
  const privateKey = createPrivateKey(readFileSync(privatePath));
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(publicPath)) writeFileSync(publicPath, publicKeyPem);
  // Key id from the key itself, so two data directories never share an id for different keys.
  const raw = rawPublicKey(publicKey);
  const keyId = `sbx-${createHash('sha256').update(raw).digest('hex').slice(0, 8)}`;
  return { keyId, privateKey, publicKey, publicKeyPem, createdAt: now.toISOString() };
}

/** The 32 raw bytes of an Ed25519 public key (the tail of its SPKI DER encoding). */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

export interface PartyRecord {
  readonly name: string;
  readonly creditCode: string;
}

export interface PermitRecord {
  readonly permitNumber: string;
  readonly itemImplementCode: string;
  readonly applicationId?: string;
  readonly consignor: PartyRecord;
  readonly carrier: PartyRecord;
  readonly vehiclePlate: string;
  readonly origin: string;
  readonly destination: string;
  readonly route?: string;
  readonly stopovers?: readonly string[];
  readonly goods: readonly GoodsLine[];
  /** YYYY-MM-DD, local dates, inclusive. */
  readonly validFrom: string;
  readonly validUntil: string;
  readonly issuedAt: string;
  readonly issuer: string;
  readonly keyId: string;
  readonly ecertIdentifier?: string;
  readonly revoked?: boolean;
  /** GS1 human-readable batch codes of the goods moved. */
  readonly batchCodes: readonly string[];
}

const compactDate = (isoDate: string): string => isoDate.replace(/-/g, '');

/** Signs and stores a permit; returns its code text. */
export function issuePermit(db: Db, key: PermitKey, record: PermitRecord): string {
  const code = encodePermitCode(
    {
      keyId: key.keyId,
      permitNumber: record.permitNumber,
      permitType: FIREWORKS_PERMIT_TYPE,
      holderCreditCode: record.consignor.creditCode,
      validFrom: compactDate(record.validFrom),
      validUntil: compactDate(record.validUntil),
    },
    key.privateKey,
  );
  db.prepare(
    'INSERT INTO permits (permit_number, application_id, code, record) VALUES (?, ?, ?, ?)',
  ).run(record.permitNumber, record.applicationId ?? null, code, JSON.stringify(record));
  return code;
}

/** The next permit number for a region and year, e.g. `YH-360322-2026-000001`. */
export function nextPermitNumber(db: Db, regionCode: string, year: string): string {
  const prefix = `YH-${regionCode}-${year}-`;
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM permits WHERE permit_number LIKE ?')
    .get(`${prefix}%`) as { n: number };
  return `${prefix}${String(row.n + 1).padStart(6, '0')}`;
}

function arrival(db: Db, permitNumber: string): string | undefined {
  const row = db
    .prepare(
      "SELECT at FROM flow_events WHERE permit_number = ? AND json_extract(record, '$.type') = 'ARRIVED' ORDER BY at LIMIT 1",
    )
    .get(permitNumber) as { at: string } | undefined;
  return row?.at;
}

export function permitState(
  record: PermitRecord,
  arrivedAt: string | undefined,
  now: Date,
  calendar: WorkingCalendar,
): PermitState {
  if (record.revoked) return 'REVOKED';
  if (arrivedAt !== undefined) return 'CANCELLED_ON_ARRIVAL';
  const today = calendar.localDate(now);
  if (today > record.validUntil) return 'EXPIRED';
  if (today >= record.validFrom) return 'IN_TRANSIT';
  return 'ISSUED';
}

export interface LoadedPermit {
  readonly record: PermitRecord;
  readonly code: string;
  readonly state: PermitState;
  readonly arrivedAt?: string;
}

export function loadPermit(
  db: Db,
  permitNumber: string,
  now: Date,
  calendar: WorkingCalendar,
): LoadedPermit | undefined {
  const row = db
    .prepare('SELECT code, record FROM permits WHERE permit_number = ?')
    .get(permitNumber) as { code: string; record: string } | undefined;
  if (!row) return undefined;
  const record = JSON.parse(row.record) as PermitRecord;
  const arrivedAt = arrival(db, permitNumber);
  return {
    record,
    code: row.code,
    state: permitState(record, arrivedAt, now, calendar),
    ...(arrivedAt === undefined ? {} : { arrivedAt }),
  };
}

const party = (p: PartyRecord) => ({
  name: p.name,
  creditCodeMasked: maskIdentifier(p.creditCode),
});

/** The API's Permit representation (identifiers masked). */
export function permitView(p: LoadedPermit): Record<string, unknown> {
  const r = p.record;
  return {
    permitNumber: r.permitNumber,
    itemImplementCode: r.itemImplementCode,
    ...(r.applicationId ? { applicationId: r.applicationId } : {}),
    consignor: party(r.consignor),
    carrier: party(r.carrier),
    vehiclePlate: r.vehiclePlate,
    origin: r.origin,
    destination: r.destination,
    ...(r.route ? { route: r.route } : {}),
    ...(r.stopovers ? { stopovers: r.stopovers } : {}),
    goods: r.goods,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    issuedAt: r.issuedAt,
    issuer: r.issuer,
    state: p.state,
    ...(p.arrivedAt ? { arrivedAt: p.arrivedAt } : {}),
    batchCodes: r.batchCodes,
  };
}

export type Verification =
  | { signature: 'MALFORMED'; reason: string }
  | { signature: 'UNKNOWN_KEY' | 'INVALID'; keyId: string }
  | { signature: 'VALID'; keyId: string; permit?: LoadedPermit };

/** Checks a scanned permit code's signature against the sandbox's keys, then its live state. */
export function verifyScannedPermit(
  db: Db,
  keys: readonly PermitKey[],
  text: string,
  now: Date,
  calendar: WorkingCalendar,
): Verification {
  const parsed = parsePermitCode(text.trim());
  if (!parsed.ok) return { signature: 'MALFORMED', reason: parsed.error };
  const publicKeys = new Map(keys.map((k) => [k.keyId, k.publicKey] as const));
  const verified = verifyPermitCode(parsed.value, publicKeys);
  if (!verified.ok) {
    return {
      signature: verified.error === 'unknown-key' ? 'UNKNOWN_KEY' : 'INVALID',
      keyId: parsed.value.keyId,
    };
  }
  const permit = loadPermit(db, parsed.value.permitNumber, now, calendar);
  return { signature: 'VALID', keyId: parsed.value.keyId, ...(permit ? { permit } : {}) };
}

// ---- Batches and flow events ------------------------------------------------------------

export interface BatchRecord {
  readonly gtin: string;
  readonly batch: string;
  readonly productName: string;
  readonly line: GoodsLine;
  readonly manufacturer: PartyRecord;
}

export interface FlowEventRecord {
  readonly type: 'PRODUCED' | 'WAREHOUSED' | 'SHIPPED' | 'ARRIVED' | 'SOLD';
  readonly at: string;
  readonly place: string;
  readonly party: PartyRecord;
  readonly permitNumber?: string;
}

export function storeBatch(db: Db, batch: BatchRecord): void {
  db.prepare('INSERT OR IGNORE INTO batches (gtin, batch, record) VALUES (?, ?, ?)').run(
    batch.gtin,
    batch.batch,
    JSON.stringify(batch),
  );
}

export function storeFlowEvent(db: Db, gtin: string, batch: string, event: FlowEventRecord): void {
  db.prepare(
    'INSERT INTO flow_events (gtin, batch, at, permit_number, record) VALUES (?, ?, ?, ?, ?)',
  ).run(gtin, batch, event.at, event.permitNumber ?? null, JSON.stringify(event));
}

export function batchCodeText(gtin: string, batch: string): string {
  return encodeBatchCode({ gtin, batch });
}

/** Finds a batch by a scanned GS1 code; `undefined` when unknown, a string when unreadable. */
export function findBatch(
  db: Db,
  text: string,
): { batch: BatchRecord } | { problem: string } | undefined {
  const parsed = parseBatchCode(text.trim(), { gs1: !text.trim().startsWith('(') });
  if (!parsed.ok) return { problem: parsed.error };
  const row = db
    .prepare('SELECT record FROM batches WHERE gtin = ? AND batch = ?')
    .get(parsed.value.gtin, parsed.value.batch) as { record: string } | undefined;
  return row ? { batch: JSON.parse(row.record) as BatchRecord } : undefined;
}

export function batchTrace(db: Db, batch: BatchRecord): Record<string, unknown> {
  const events = (
    db
      .prepare('SELECT record FROM flow_events WHERE gtin = ? AND batch = ? ORDER BY at, id')
      .all(batch.gtin, batch.batch) as { record: string }[]
  ).map((r) => {
    const e = JSON.parse(r.record) as FlowEventRecord;
    return {
      type: e.type,
      at: e.at,
      place: e.place,
      party: party(e.party),
      ...(e.permitNumber ? { permitNumber: e.permitNumber } : {}),
    };
  });
  return {
    code: batchCodeText(batch.gtin, batch.batch),
    gtin: batch.gtin,
    batch: batch.batch,
    product: { name: batch.productName, line: batch.line },
    manufacturer: party(batch.manufacturer),
    events,
  };
}
