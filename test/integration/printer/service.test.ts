/** The printer family inside a real kiosk service: dev dock faults, kept receipts, reprint. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptCode } from '../../../drivers/common/codes.js';
import { demoConfig, startTestService, type TestService } from '../../support/service.js';
import { SAMPLE_RECEIPT, technicianCaller } from './harness.js';
import { readCodesFromPng } from './read-codes.js';

let running: TestService | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(devDock = true) {
  running = await startTestService(
    demoConfig({
      devices: {
        barcode: [],
        // Generous status timeout: the machine running the tests is shared and loaded.
        printer: { driver: 'simulator', paperWidthMm: 58, statusTimeoutMs: 4000 },
      },
      ui: { devDock },
    }),
  );
  const { service } = running;
  const events: { event: string; payload: unknown }[] = [];
  service.bus.listen((event, payload) => events.push({ event, payload }));
  const call = technicianCaller(service);
  return { service, events, call };
}

describe('printer family in the service', () => {
  it('keeps a receipt that failed to print, says why, and reprints it', async () => {
    const { service, events, call } = await start();
    await call('printer.simulatorAction', { action: { kind: 'open-cover' } });

    const family = service.ctx.hub.families.printer;
    const failed = await family.printReceipt(SAMPLE_RECEIPT);
    expect(failed).toMatchObject({ ok: false, error: { code: 'cover-open', printed: 'no' } });
    expect(events.find((e) => e.event === 'printer.jobFailed')?.payload).toMatchObject({
      code: 'cover-open',
      reference: 'SL-2026-000123',
      kind: 'final',
    });

    const kept = await call('printer.keptReceipts', {});
    expect(kept.value.receipts).toHaveLength(1);
    expect(kept.value.receipts[0]).toMatchObject({
      code: 'cover-open',
      stage: 'before',
      attempts: 1,
    });
    expect(JSON.stringify(kept)).not.toContain('11010519491231002X');

    await call('printer.simulatorAction', { action: { kind: 'close-cover' } });
    const reprinted = await call('printer.reprint', { id: kept.value.receipts[0].id });
    expect(reprinted.ok).toBe(true);
    expect((await call('printer.keptReceipts', {})).value.receipts).toHaveLength(0);

    const state = await call('printer.simulatorState', {});
    expect(state.value.receipts).toHaveLength(1);
    const picture = await call('printer.simulatorReceiptPicture', { number: 1 });
    const codes = await readCodesFromPng(Buffer.from(picture.value.pngBase64, 'base64'));
    const qr = codes.find((c) => c.format === 'QRCode');
    expect(parseReceiptCode(qr?.text ?? '')).toMatchObject({ ok: true });
  });

  it('answers the test print with a contract error code and reports status', async () => {
    const { call } = await start();
    await call('printer.simulatorAction', { action: { kind: 'answering', answering: false } });
    const test = await call('printer.printTest', {});
    expect(test).toMatchObject({ ok: false, error: { code: 'E_PRINTER_STATUS_UNKNOWN' } });
    await call('printer.simulatorAction', { action: { kind: 'answering', answering: true } });
    const status = await call('printer.status', {});
    expect(status.value).toMatchObject({ condition: { known: true }, keptReceipts: 1 });
  });

  it('refuses simulator controls when the dev dock is off', async () => {
    const { call } = await start(false);
    const refused = await call('printer.simulatorState', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_DEVDOCK_DISABLED' } });
  });
});
