/** The SQLite store of receipts kept after failed prints (cap, resolutions, audit rows). */
import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import type { ReceiptDocument } from '../../../drivers/printer/receipt-document.js';
import {
  KeptReceiptStore,
  type KeptFailure,
} from '../../../electron/service/devices/printer-kept.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

const document: ReceiptDocument = {
  blocks: [
    { kind: 'text', text: '测试大厅', align: 'center', bold: true, large: true },
    { kind: 'pair', label: '申请人', value: '张*' },
    { kind: 'qr', payload: 'https://example.test/r/SL-2026-000001?t=K1', moduleSize: 5 },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ],
};
const coverOpen: KeptFailure = {
  code: 'cover-open',
  stage: 'before',
  printed: 'no',
  message: 'the printer cover is open',
};
const paperEnd: KeptFailure = {
  code: 'paper-end',
  stage: 'after',
  printed: 'partly',
  message: 'the printer is out of paper',
};

let db: Db | undefined;
afterEach(() => db?.close());

function makeStore(limits = { open: 100, resolved: 1000 }) {
  const logger = capturingLogger();
  db = openStore({ path: ':memory:', migrations: MIGRATIONS, logger });
  return { store: new KeptReceiptStore(db, logger, limits), logger, db };
}

const receipt = (n: number) => ({
  kind: 'final' as const,
  reference: `SL-2026-${String(n).padStart(6, '0')}`,
  document,
});

describe('kept receipt store', () => {
  it('keeps a receipt with its document and records further failed attempts', () => {
    const { store } = makeStore();
    const kept = store.keep(receipt(1), coverOpen, '2026-03-04T02:05:00.000Z');
    expect(store.list()).toEqual([kept]);
    expect(store.document(kept.id)).toEqual(document);

    const again = store.recordFailedAttempt(kept.id, paperEnd, '2026-03-04T02:06:00.000Z');
    expect(again).toEqual({
      ...kept,
      failure: paperEnd,
      attempts: 2,
      lastAttemptAt: '2026-03-04T02:06:00.000Z',
    });
  });

  it('resolves a receipt once: it leaves the list and its document is cleared', () => {
    const { store, db } = makeStore();
    const a = store.keep(receipt(1), coverOpen);
    const b = store.keep(receipt(2), coverOpen);
    expect(store.resolve(a.id, 'reprinted')).toBe(true);
    expect(store.resolve(a.id, 'reprinted')).toBe(false);
    expect(store.resolve(b.id, 'discarded')).toBe(true);
    expect(store.list()).toEqual([]);
    expect(store.document(a.id)).toBeNull();
    expect(store.recordFailedAttempt(b.id, paperEnd)).toBeNull();
    expect(
      db.prepare('SELECT reference, resolution, document FROM printer_kept_receipts').all(),
    ).toEqual([
      { reference: 'SL-2026-000001', resolution: 'reprinted', document: null },
      { reference: 'SL-2026-000002', resolution: 'discarded', document: null },
    ]);
  });

  it('drops the oldest beyond the cap with a log line, and bounds the audit rows', () => {
    const { store, logger, db } = makeStore({ open: 3, resolved: 2 });
    const ids = [1, 2, 3, 4, 5, 6].map((n) => store.keep(receipt(n), coverOpen).id);
    expect(store.list().map((k) => k.reference)).toEqual([
      'SL-2026-000004',
      'SL-2026-000005',
      'SL-2026-000006',
    ]);
    const dropped = logger.lines.filter((l) => l.fields.event === 'printer.kept-receipt-dropped');
    expect(dropped.map((l) => l.fields.keptId)).toEqual(ids.slice(0, 3));
    expect(dropped[0]).toMatchObject({
      level: 'warn',
      fields: { reference: 'SL-2026-000001', limit: 3 },
    });
    // Three were dropped; only the newest two resolved rows remain.
    expect(
      db
        .prepare(
          'SELECT reference FROM printer_kept_receipts WHERE resolution IS NOT NULL ORDER BY seq',
        )
        .all(),
    ).toEqual([{ reference: 'SL-2026-000002' }, { reference: 'SL-2026-000003' }]);
  });

  it('names the receipt when its stored document is not a receipt document', () => {
    const { store, db } = makeStore();
    const kept = store.keep(receipt(1), coverOpen);
    db.prepare('UPDATE printer_kept_receipts SET document = ? WHERE id = ?').run(
      JSON.stringify({ blocks: [{ kind: 'laser' }] }),
      kept.id,
    );
    expect(() => store.document(kept.id)).toThrow(
      new RegExp(`kept receipt ${kept.id}: the stored document is not a receipt document`),
    );
  });
});
