/**
 * Kept receipts live in the service's SQLite store: one kept by a service is still there after
 * a restart on the same data folder, reprints through the simulator, and the database file
 * never holds the applicant's unmasked name or ID number.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptCode } from '../../../drivers/common/codes.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import { receiptLines, receiptQrPayloads } from '../../../drivers/printer/escpos-decoder.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { demoConfig } from '../../support/service.js';
import { SAMPLE_RECEIPT, technicianCaller } from './harness.js';

const config = demoConfig({
  devices: {
    barcode: [],
    // Generous status timeout: the machine running the tests is shared and loaded.
    printer: { driver: 'simulator', paperWidthMm: 58, statusTimeoutMs: 4000 },
  },
});

const name = SAMPLE_RECEIPT.applicant.name;
const idNumber = SAMPLE_RECEIPT.applicant.identifier!;

let dataDir: string | undefined;
const running: KioskService[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.shutdown('test done');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** A service on `dir`, as startTestService builds one, but on a folder that outlives it. */
async function startOn(dir: string) {
  const service = createKioskService({
    loaded: parseConfig(config),
    dataDir: dir,
    logger: capturingLogger(),
  });
  running.push(service);
  await service.start();
  const call = technicianCaller(service);
  return { service, call };
}

async function stop(service: KioskService) {
  await service.shutdown('restart');
  running.splice(running.indexOf(service), 1);
}

/** Every byte SQLite wrote for the store (WAL and shared memory too, when present). */
function storeBytes(dir: string): string {
  return ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm']
    .map((file) => join(dir, file))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('utf8'))
    .join('\n');
}

describe('kept receipts across a service restart', () => {
  it('keeps a failed receipt on disk, masked, and reprints it after a restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-kept-'));

    const first = await startOn(dataDir);
    first.service.ctx.hub.families.printer.simulator!.openCover();
    const failed = await first.service.ctx.hub.families.printer.printReceipt(SAMPLE_RECEIPT);
    expect(failed).toMatchObject({ ok: false, error: { code: 'cover-open', printed: 'no' } });
    const keptId = failed.ok ? '' : failed.error.keptId;
    await stop(first.service);

    // The document is on disk with the masked values, and nothing unmasked is.
    const keptBytes = storeBytes(dataDir);
    expect(keptBytes).toContain(maskIdentifier(idNumber));
    expect(keptBytes).toContain(maskName(name));
    expect(keptBytes).not.toContain(idNumber);
    expect(keptBytes).not.toContain(name);

    const second = await startOn(dataDir);
    const kept = await second.call('printer.keptReceipts', {});
    expect(kept.value.receipts).toEqual([
      expect.objectContaining({
        id: keptId,
        kind: 'final',
        reference: SAMPLE_RECEIPT.reference,
        code: 'cover-open',
        stage: 'before',
        printed: 'no',
        attempts: 1,
      }),
    ]);
    expect((await second.call('printer.status', {})).value.keptReceipts).toBe(1);

    // The new service's simulator is a fresh printer with its cover closed.
    const reprinted = await second.call('printer.reprint', { id: keptId });
    expect(reprinted.ok).toBe(true);
    expect((await second.call('printer.keptReceipts', {})).value.receipts).toEqual([]);
    expect((await second.call('printer.reprint', { id: keptId })).ok).toBe(false);

    const printed = second.service.ctx.hub.families.printer.simulator!.receipts;
    expect(printed).toHaveLength(1);
    const lines = receiptLines(printed[0]!.receipt).join('\n');
    expect(lines).toContain(SAMPLE_RECEIPT.reference);
    expect(lines).toContain(maskIdentifier(idNumber));
    const qr = receiptQrPayloads(printed[0]!.receipt);
    expect(parseReceiptCode(qr[0] ?? '')).toMatchObject({ ok: true });
    await stop(second.service);

    // The row stays for the audit, without the document; still nothing unmasked on disk.
    const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true });
    const row = db
      .prepare('SELECT resolution, resolved_at, document, attempts FROM printer_kept_receipts')
      .all();
    db.close();
    expect(row).toEqual([
      { resolution: 'reprinted', resolved_at: expect.any(String), document: null, attempts: 1 },
    ]);
    const after = storeBytes(dataDir);
    expect(after).not.toContain(idNumber);
    expect(after).not.toContain(name);
  });
});
