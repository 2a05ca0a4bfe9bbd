import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReceiptCode } from '../../../drivers/common/codes.js';
import type { EscposPrinter } from '../../../drivers/printer/driver.js';
import { receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import { layoutReceipt, layoutTestReceipt } from '../../../drivers/printer/receipt-layout.js';
import { encodeReceipt } from '../../../drivers/printer/receipt-encoder.js';
import { FakePrinter, FakePrinterTcpServer } from '../../../drivers/printer/simulator.js';
import type { PrinterStatusFlags } from '../../../drivers/printer/status.js';
import { SAMPLE_RECEIPT, eventually, makePrinter } from './harness.js';
import { readCodesFromPng } from './read-codes.js';

let sim: FakePrinter;
let server: FakePrinterTcpServer;
let printer: EscposPrinter;
let logLines: ReturnType<typeof makePrinter>['logger']['lines'];

beforeEach(async () => {
  sim = new FakePrinter({ paperDots: 576 });
  server = await FakePrinterTcpServer.listen(sim);
  const made = makePrinter({ type: 'tcp', host: '127.0.0.1', port: server.port });
  printer = made.printer;
  logLines = made.logger.lines;
  await printer.start();
});

afterEach(async () => {
  await printer.stop();
  await server.close();
});

describe('printing over TCP to the fake printer', () => {
  it('prints a receipt whose text decodes and whose QR reads back from the picture', async () => {
    expect(printer.status().state).toBe('ready');
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.before.known && result.value.after.known).toBe(true);

    expect(sim.receipts).toHaveLength(1);
    const printed = sim.receipts[0]!;
    expect(printed.interrupted).toBe(false);
    const text = receiptLines(printed.receipt).join('\n');
    expect(text).toContain('浦江市政务服务中心');
    expect(text).toContain('110***********002X');
    expect(text).toContain('SL-2026-000123');
    // The masked name starts with 䶮, which GBK fonts lack: that line travels as an image.
    expect(text).not.toContain('䶮');
    expect(printed.receipt.items.some((i) => i.kind === 'raster')).toBe(true);

    const png = await sim.receiptPng(printed);
    const codes = await readCodesFromPng(png);
    const qr = codes.find((c) => c.format === 'QRCode');
    expect(qr).toBeDefined();
    expect(parseReceiptCode(qr!.text)).toMatchObject({
      ok: true,
      value: { trackingNumber: 'SL-2026-000123', terminalId: 'KIOSK-01' },
    });
  });

  it('prints the test receipt with a barcode that also reads back from the picture', async () => {
    const result = await printer.printDocument(
      layoutTestReceipt({ terminalId: 'KIOSK-01', paperWidthMm: 80 }),
    );
    expect(result.ok).toBe(true);
    const printed = sim.receipts[0]!;
    const text = receiptLines(printed.receipt).join('\n');
    expect(text).toContain('中文：政务服务大厅自助终端');
    expect(text).toContain('English: Hall Kiosk self-service terminal');
    expect(printed.receipt.cut).toBe('partial');
    const codes = await readCodesFromPng(await sim.receiptPng(printed));
    expect(codes.map((c) => c.format).sort()).toEqual(['Code128', 'QRCode']);
    expect(codes.find((c) => c.format === 'Code128')?.text).toBe('TEST-000000');
  });

  it.each<[string, Partial<PrinterStatusFlags>, string]>([
    ['paper end', { paperEnd: true, offline: true }, 'paper-end'],
    ['cover open', { coverOpen: true, offline: true }, 'cover-open'],
    ['offline', { offline: true }, 'offline'],
    ['cutter error', { cutterError: true }, 'cutter-error'],
    ['unrecoverable error', { unrecoverableError: true }, 'unrecoverable-error'],
  ])('refuses to print with %s and prints nothing', async (_name, flags, code) => {
    sim.setFlags(flags);
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({ ok: false, error: { code, stage: 'before', printed: 'no' } });
    expect(sim.receipts).toHaveLength(0);
    expect(printer.status().state).toBe('fault');
    expect(printer.status().lastError?.code).toBe(code);
    expect(logLines.some((l) => l.fields['event'] === 'printer.job-failed')).toBe(true);
  });

  it('prints with paper near end and reports it as a warning', async () => {
    sim.setFlags({ paperNearEnd: true });
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({ ok: true, value: { warnings: ['paper-near-end'] } });
    expect(printer.status()).toMatchObject({ state: 'ready', detail: 'paper-near-end' });
  });

  it('reports paper running out mid-job as a partly printed failure to reprint', async () => {
    sim.runOutOfPaperAfter(200);
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'paper-end', stage: 'after', printed: 'partly' },
    });
    expect(sim.receipts[0]?.interrupted).toBe(true);

    // New roll: the reprint comes out whole.
    sim.loadPaper();
    const again = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(again.ok).toBe(true);
    expect(sim.receipts[1]?.interrupted).toBe(false);
  });

  it('opening the cover between the check and the job is caught by the check after', async () => {
    const bytes = await encodeReceipt(layoutReceipt(SAMPLE_RECEIPT, 80), {
      model: 'epson-tm-t88vi',
      paperWidthMm: 80,
    });
    // The cover opens once the first 100 bytes of the job have arrived.
    sim.setFlagsAfter(100, { coverOpen: true, offline: true });
    const result = await printer.printBytes(bytes);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'cover-open', stage: 'after', printed: 'partly' },
    });
    expect(sim.receipts[0]?.interrupted).toBe(true);
  });

  it('treats a printer that stops answering as status unknown, never ready', async () => {
    sim.setAnswering(false);
    const condition = await printer.checkStatus();
    expect(condition).toEqual({ known: false, reason: 'no-answer' });
    expect(printer.status()).toMatchObject({
      state: 'fault',
      detail: 'status unknown (no-answer)',
    });
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'status-unknown', stage: 'before', printed: 'no' },
    });
    expect(sim.receipts).toHaveLength(0);

    sim.setAnswering(true);
    expect((await printer.checkStatus()).known).toBe(true);
    expect(printer.status().state).toBe('ready');
  });

  it('reports a connection dropped mid-job, then reconnects by itself', async () => {
    sim.dropConnectionAfter(300);
    const result = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(['connection-lost', 'write-failed', 'status-unknown']).toContain(result.error.code);
      expect(result.error.printed).not.toBe('no');
    }
    await eventually(() => sim.receipts.length === 1);
    expect(sim.receipts[0]?.interrupted).toBe(true);

    await eventually(() => printer.status().state === 'ready', 10_000);
    const again = await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(again.ok).toBe(true);
    expect(sim.counters.connections).toBe(2);
  });

  it('survives stop and start (the hub\'s "reconnect" button)', async () => {
    await printer.stop();
    expect(printer.status()).toMatchObject({ state: 'disconnected', detail: 'stopped' });
    await printer.start();
    expect(printer.status().state).toBe('ready');
    expect((await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80))).ok).toBe(true);
    expect(sim.counters.connections).toBe(2);
  });

  it('logs state changes without personal data', async () => {
    await printer.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    const logged = JSON.stringify(logLines);
    expect(logged).toContain('printer.job-printed');
    expect(logged).not.toContain('11010519491231002X');
    expect(logged).not.toContain('䶮');
  });
});

describe('the simulator at the wire', () => {
  it('answers DLE EOT even inside image data, as real printers do', async () => {
    const { Socket } = await import('node:net');
    const socket = new Socket();
    await new Promise<void>((r) => socket.connect(server.port, '127.0.0.1', () => r()));
    const replies: number[] = [];
    socket.on('data', (d: Buffer) => replies.push(...d));
    // GS v 0 band, 3 bytes wide, 1 row, whose pixels spell 10 04 03.
    socket.write(Buffer.from([0x1d, 0x76, 0x30, 0, 3, 0, 1, 0, 0x10, 0x04, 0x03]));
    await eventually(() => replies.length === 1);
    expect(replies).toEqual([0x12]);
    socket.destroy();
  });
});

describe('a printer that is not there', () => {
  it('reports the refused connection, fails the job as not connected and keeps retrying', async () => {
    // A port that was just free: nothing listens there.
    const probe = await FakePrinterTcpServer.listen(new FakePrinter());
    const port = probe.port;
    await probe.close();

    const { printer: lonely, logger } = makePrinter({ type: 'tcp', host: '127.0.0.1', port });
    await lonely.start();
    expect(lonely.status().state).toBe('disconnected');
    expect(lonely.status().lastError?.code).toBe('open-failed');
    const result = await lonely.printDocument(layoutReceipt(SAMPLE_RECEIPT, 80));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-connected', printed: 'no' } });
    // Start, the job's own attempt, then the backoff timer's: it keeps trying by itself.
    const failures = () =>
      logger.lines.filter((l) => l.fields['event'] === 'printer.connect-failed').length;
    await eventually(() => failures() >= 3);
    await lonely.stop();
  });
});
