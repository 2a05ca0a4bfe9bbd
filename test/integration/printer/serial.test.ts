import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptCode } from '../../../drivers/common/codes.js';
import type { EscposPrinter } from '../../../drivers/printer/driver.js';
import { receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import { layoutReceipt } from '../../../drivers/printer/receipt-layout.js';
import { FakePrinter, FakePrinterSerialPort } from '../../../drivers/printer/simulator.js';
import { createPtyPair, type PtyPair } from '../../support/pty.js';
import { SAMPLE_RECEIPT, eventually, makePrinter } from './harness.js';
import { readCodesFromPng } from './read-codes.js';

let pty: PtyPair | undefined;
let front: FakePrinterSerialPort | undefined;
let printer: EscposPrinter | undefined;

afterEach(async () => {
  await printer?.stop();
  await front?.close();
  await pty?.close();
  printer = undefined;
  front = undefined;
  pty = undefined;
});

describe('printing over a serial line (pty) to the fake printer', () => {
  it('prints a 58 mm receipt in English and reads its QR back from the picture', async () => {
    pty = await createPtyPair();
    const sim = new FakePrinter({ paperDots: 384 });
    front = await FakePrinterSerialPort.open(sim, pty.simulatorPath, 115200);
    printer = makePrinter({ type: 'serial', path: pty.devicePath, baudRate: 115200 }, 58).printer;
    await printer.start();
    expect(printer.status().state).toBe('ready');

    const result = await printer.printDocument(
      layoutReceipt({ ...SAMPLE_RECEIPT, language: 'en' }, 58),
    );
    expect(result.ok).toBe(true);
    expect(sim.receipts).toHaveLength(1);
    const text = receiptLines(sim.receipts[0]!.receipt).join('\n');
    expect(text).toContain('Application receipt');
    expect(text).toContain('Pujiang Service');
    expect(text).toContain('SL-2026-000123');

    const codes = await readCodesFromPng(await sim.receiptPng(sim.receipts[0]!));
    const qr = codes.find((c) => c.format === 'QRCode');
    expect(parseReceiptCode(qr?.text ?? '')).toMatchObject({
      ok: true,
      value: { trackingNumber: 'SL-2026-000123' },
    });
  });

  it('reports paper near end and cover open read over the serial line', async () => {
    pty = await createPtyPair();
    const sim = new FakePrinter();
    front = await FakePrinterSerialPort.open(sim, pty.simulatorPath, 115200);
    printer = makePrinter({ type: 'serial', path: pty.devicePath, baudRate: 115200 }).printer;
    await printer.start();

    sim.setFlags({ paperNearEnd: true });
    expect(await printer.checkStatus()).toMatchObject({
      known: true,
      warnings: ['paper-near-end'],
    });
    sim.openCover();
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({ ok: false, error: { code: 'cover-open', printed: 'no' } });
    expect(sim.receipts).toHaveLength(0);
  });

  it('goes disconnected when the adapter is unplugged and fails the job without throwing', async () => {
    pty = await createPtyPair();
    const sim = new FakePrinter();
    front = await FakePrinterSerialPort.open(sim, pty.simulatorPath, 115200);
    printer = makePrinter({ type: 'serial', path: pty.devicePath, baudRate: 115200 }).printer;
    await printer.start();
    expect(printer.status().state).toBe('ready');

    // A pty (like a USB-serial adapter) reports its loss on the next write: the status check
    // before the job (or the idle poll) is that write.
    await pty.close();
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({ ok: false, error: { printed: 'no' } });
    if (!result.ok) expect(['not-connected', 'status-unknown']).toContain(result.error.code);
    await eventually(() => printer!.status().state === 'disconnected');
    expect(sim.receipts).toHaveLength(0);
  });
});
