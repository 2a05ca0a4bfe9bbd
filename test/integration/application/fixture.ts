/**
 * Applications for the outbox tests: deterministic per index (so a restarted process and the
 * test that checks the sandbox agree on every byte), from synthetic parties the sandbox knows,
 * each with one or two small scans that start with the PDF magic the sandbox checks.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { OutboxEntryInput } from '../../../electron/service/outbox/store.js';
import { DB_FILE_NAME } from '../../../sandbox/db.js';
import { FIREWORKS_TRANSPORT_CODE } from '../../../sandbox/seed/items.js';

export const TEST_CONSIGNOR = syntheticEnterprise(8);
export const TEST_AGENT = syntheticPerson(1);
/** The marker form field that tells the sandbox's copy of application `i` apart. */
export const MARKER_FIELD = 'trip.route';
export const marker = (i: number): string => `outbox-test-${i}`;

/** Deterministic pseudo-random bytes: SHA-256 in counter mode over a label. */
function bytesFor(label: string, length: number): Buffer {
  const out: Buffer[] = [];
  for (let block = 0; out.length * 32 < length; block++) {
    out.push(createHash('sha256').update(`${label}:${block}`).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

/** The scans of application `i`: 1 or 2 files of 600 to 2,600 bytes. */
export function testFiles(i: number): Buffer[] {
  const count = 1 + (i % 2);
  return Array.from({ length: count }, (_, j) =>
    Buffer.concat([
      Buffer.from(`%PDF-1.4\n% outbox test ${i}.${j}\n`),
      bytesFor(`file-${i}-${j}`, 600 + ((i * 7 + j * 13) % 20) * 100),
    ]),
  );
}

export function testApplication(i: number, terminalId: string): OutboxEntryInput {
  const files = testFiles(i);
  const materialCodes = ['PURCHASE_CONTRACT', 'QUALITY_CERTIFICATES'];
  return {
    request: {
      itemImplementCode: FIREWORKS_TRANSPORT_CODE,
      itemVersion: 2,
      channel: 'KIOSK',
      terminalId,
      applicant: { type: 'ENTERPRISE', code: TEST_CONSIGNOR.creditCode, name: TEST_CONSIGNOR.name },
      agent: { idNumber: TEST_AGENT.idNumber, name: TEST_AGENT.name },
      formData: { [MARKER_FIELD]: marker(i) } as unknown as Record<string, never>,
      materials: files.map((_, j) => ({
        materialCode: materialCodes[j]!,
        source: 'SCAN' as const,
      })),
      completeness: { engineVersion: 'outbox-test', result: 'INCOMPLETE', deficiencies: [] },
    },
    files: files.map((bytes, j) => ({
      materialIndex: j,
      mediaType: 'application/pdf' as const,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      pages: 1,
    })),
    receipt: {
      itemName: { 'zh-CN': '烟花爆竹道路运输许可', en: 'Fireworks road transport permit' },
      itemCode: FIREWORKS_TRANSPORT_CODE,
      itemVersion: 2,
      applicantNameMasked: '萍*********',
      applicantCodeMasked: 'masked',
      submittedAt: new Date().toISOString(),
      promisedWorkingDays: 3,
      visitsToHall: 1,
    },
    audit: {
      terminalId,
      sessionId: `test-${i}`,
      consent: { at: new Date().toISOString(), scope: ['documents-on-file'], textVersion: 'test' },
      completeness: { engineVersion: 'outbox-test', result: 'INCOMPLETE', deficiencyCodes: [] },
      materials: files.map((_, j) => ({
        materialCode: materialCodes[j]!,
        source: 'SCAN',
        trustLevel: 'C' as const,
      })),
    },
  };
}

export interface DeliveryReport {
  /** How many copies of each marker the sandbox holds. */
  readonly copies: Map<string, number>;
  /** Markers whose files differ from what was queued (missing, other bytes). */
  readonly byteMismatches: string[];
  /** Tracking numbers the sandbox gave, by marker. */
  readonly trackingNumbers: Map<string, string>;
}

/** Reads what the sandbox received from this terminal and checks every file byte. */
export function sandboxDeliveries(sandboxDataDir: string, terminalId: string): DeliveryReport {
  const db = new Database(join(sandboxDataDir, DB_FILE_NAME), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT tracking_number, request FROM applications WHERE terminal_id = ?')
      .all(terminalId) as { tracking_number: string; request: string }[];
    const copies = new Map<string, number>();
    const trackingNumbers = new Map<string, string>();
    const byteMismatches: string[] = [];
    for (const row of rows) {
      const request = JSON.parse(row.request) as {
        formData: Record<string, unknown>;
        materials: { fileId?: string; sha256?: string }[];
      };
      const m = String(request.formData[MARKER_FIELD]);
      // The sandbox's seed holds earlier applications of the demo terminal: not ours.
      if (!m.startsWith(marker(0).slice(0, -1))) continue;
      copies.set(m, (copies.get(m) ?? 0) + 1);
      trackingNumbers.set(m, row.tracking_number);
      const i = Number(m.slice(marker(0).length - 1));
      const expected = testFiles(i);
      const sent = request.materials.map((mat) => {
        const file = db
          .prepare('SELECT sha256 FROM files WHERE file_id = ? AND terminal_id = ?')
          .get(mat.fileId ?? '', terminalId) as { sha256: string } | undefined;
        return file ? readFileSync(join(sandboxDataDir, 'files', file.sha256)) : undefined;
      });
      const same =
        sent.length === expected.length &&
        sent.every((b, j) => b !== undefined && b.equals(expected[j]!));
      if (!same) byteMismatches.push(m);
    }
    return { copies, byteMismatches, trackingNumbers };
  } finally {
    db.close();
  }
}

/** Every personal value of the test applications, as UTF-8 bytes to look for in files. */
export function personalSecrets(): { label: string; bytes: Buffer }[] {
  return [
    { label: 'agent ID number', bytes: Buffer.from(TEST_AGENT.idNumber) },
    { label: 'agent name', bytes: Buffer.from(TEST_AGENT.name) },
    { label: 'enterprise name', bytes: Buffer.from(TEST_CONSIGNOR.name) },
  ];
}
