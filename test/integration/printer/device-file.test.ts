import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EscposPrinter } from '../../../drivers/printer/driver.js';
import { decodeEscPos, receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import { layoutReceipt } from '../../../drivers/printer/receipt-layout.js';
import { encodeReceipt } from '../../../drivers/printer/receipt-encoder.js';
import { FakePrinter, FakePrinterSerialPort } from '../../../drivers/printer/simulator.js';
import { DeviceFileTransport } from '../../../drivers/printer/transports.js';
import { createPtyPair, type PtyPair } from '../../support/pty.js';
import { SAMPLE_RECEIPT, makePrinter } from './harness.js';

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

describe('printing through a device file', () => {
  it('prints and reads status through a bidirectional character device (a pty end)', async () => {
    // The pty's driver end stands in for /dev/usb/lp0: a character device opened as a file.
    pty = await createPtyPair();
    const sim = new FakePrinter();
    front = await FakePrinterSerialPort.open(sim, pty.simulatorPath, 115200);
    printer = makePrinter({ type: 'device', path: pty.devicePath }).printer;
    await printer.start();
    expect(printer.status().state).toBe('ready');

    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result.ok).toBe(true);
    expect(receiptLines(sim.receipts[0]!.receipt).join('\n')).toContain('SL-2026-000123');

    sim.setFlags({ paperEnd: true, offline: true });
    const refused = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(refused).toMatchObject({ ok: false, error: { code: 'paper-end', printed: 'no' } });
  });

  it('writes a job to a one-way file and calls its status unknown (never ready)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-lp-')), 'lp0');
    const transport = new DeviceFileTransport(path, { openTimeoutMs: 1000, writeTimeoutMs: 2000 });
    const missing = await transport.open();
    expect(missing).toMatchObject({ ok: false, error: { code: 'open-failed' } });
    if (!missing.ok) expect(missing.error.message).toContain(path);

    // A plain file never answers: the job is refused before sending, as "status unknown".
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '');
    printer = makePrinter({ type: 'device', path }).printer;
    await printer.start();
    expect(printer.status()).toMatchObject({
      state: 'fault',
      detail: 'status unknown (no-answer)',
    });
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({ ok: false, error: { code: 'status-unknown', printed: 'no' } });

    // What reached the file is only the status requests, never receipt bytes.
    const written = readFileSync(path);
    expect(decodeEscPos(written).tokens.every((t) => t.kind === 'status-request')).toBe(true);

    // The transport itself writes whole jobs to the file.
    const raw = new DeviceFileTransport(path, { openTimeoutMs: 1000, writeTimeoutMs: 2000 });
    expect((await raw.open()).ok).toBe(true);
    const job = await encodeReceipt(layoutReceipt(SAMPLE_RECEIPT, 80), {
      model: 'epson-tm-t88vi',
      paperWidthMm: 80,
    });
    expect((await raw.write(job)).ok).toBe(true);
    await raw.close();
    const [receipt] = decodeEscPos(readFileSync(path)).receipts;
    expect(receiptLines(receipt!).join('\n')).toContain('SL-2026-000123');
  });
});
