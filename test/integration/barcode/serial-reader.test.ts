/**
 * The serial reader driver against the serial reader simulator over a real socat pty pair:
 * bytes go through the kernel's tty layer exactly as from a USB-COM reader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Backoff } from '../../../drivers/common/backoff.js';
import { encodeBatchCode, encodeReceiptCode } from '../../../drivers/common/codes.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import type { BarcodeScan } from '../../../drivers/barcode/scan.js';
import type { SerialSuffix } from '../../../drivers/barcode/serial-framing.js';
import { SerialBarcodeReader } from '../../../drivers/barcode/serial-reader.js';
import { SerialReaderSimulator } from '../../../drivers/barcode/serial-simulator.js';
import { createPtyPair, makePtyDir, type PtyPair } from '../../support/pty.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(suffix: SerialSuffix, interByteTimeoutMs = 60) {
  const dir = makePtyDir();
  let pty: PtyPair = await createPtyPair(dir, 'scanner');
  const logger = capturingLogger();
  const reader = new SerialBarcodeReader(
    { id: 'barcode.0', path: pty.devicePath, baudRate: 9600, suffix, interByteTimeoutMs },
    { logger, backoff: new Backoff({ initialMs: 50, maxMs: 200 }) },
  );
  let sim = await SerialReaderSimulator.open(pty.simulatorPath, suffix);
  const scans: BarcodeScan[] = [];
  reader.onScan((s) => scans.push(s));
  await reader.start();
  cleanups.push(async () => {
    await reader.stop();
    await sim.close();
    await pty.close();
  });
  return {
    reader,
    logger,
    scans,
    sim: () => sim,
    async unplug() {
      await sim.close();
      await pty.close();
    },
    async replug() {
      pty = await createPtyPair(dir, 'scanner');
      sim = await SerialReaderSimulator.open(pty.simulatorPath, suffix);
    },
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('serial barcode reader over a pty', () => {
  it('reads a receipt QR with AIM prefix and CR suffix, split across USB packets', async () => {
    const t = await setup('CR');
    expect(t.reader.status().state).toBe('ready');
    const text = encodeReceiptCode({ trackingNumber: 'SL-2026-000123', terminalId: 'hall-01' });
    await t.sim().scan({ text, symbologyIdentifier: ']Q1' }, { chunkSizes: [5, 7, 11] });
    await until(() => t.scans.length === 1, 'one scan');
    expect(t.scans[0]).toMatchObject({
      readerId: 'barcode.0',
      symbology: 'qr',
      symbologyIdentifier: ']Q1',
      text,
      encoding: 'ascii',
      code: { kind: 'receipt', trackingNumber: 'SL-2026-000123', terminalId: 'hall-01' },
    });
  });

  it('keeps Chinese text intact in UTF-8 and in GB18030, with CR LF suffix', async () => {
    const t = await setup('CRLF');
    await t
      .sim()
      .scan({ text: '浏阳市红星烟花爆竹有限公司', encoding: 'utf-8', symbologyIdentifier: ']Q1' });
    await t
      .sim()
      .scan({ text: '萍乡市莲花县示例路12号', encoding: 'gb18030', symbologyIdentifier: ']Q1' });
    await t.sim().scan({ text: '中文', encoding: 'gb18030' });
    await until(() => t.scans.length === 3, 'three scans');
    expect(t.scans.map((s) => [s.text, s.encoding])).toEqual([
      ['浏阳市红星烟花爆竹有限公司', 'utf-8'],
      ['萍乡市莲花县示例路12号', 'gb18030'],
      ['中文', 'gb18030'],
    ]);
    expect(t.scans[2]!.symbology).toBe('unknown');
  });

  it('parses GS1-128 element strings with FNC1 as GS and frames on the idle gap with no suffix', async () => {
    const t = await setup('none', 80);
    const raw = encodeBatchCode({ gtin: '09506000134352', batch: 'ABC123', serial: 'S9' }, 'raw');
    await t
      .sim()
      .scan({ text: raw, symbologyIdentifier: ']C1' }, { chunkSizes: [4, 4], chunkDelayMs: 5 });
    await until(() => t.scans.length === 1, 'the GS1 scan');
    expect(t.scans[0]).toMatchObject({
      symbology: 'gs1-128',
      gs1: [
        { ai: '01', value: '09506000134352' },
        { ai: '10', value: 'ABC123' },
        { ai: '21', value: 'S9' },
      ],
      code: { kind: 'batch', gtin: '09506000134352', batch: 'ABC123', serial: 'S9' },
    });
  });

  it('drops an unterminated fragment instead of gluing it to the next code', async () => {
    const t = await setup('CR', 60);
    await t.sim().sendBytes(new TextEncoder().encode('NOISE'));
    await until(
      () => t.logger.lines.some((l) => l.fields['event'] === 'barcode.fragment-dropped'),
      'drop',
    );
    await t.sim().scan({ text: 'hello' });
    await until(() => t.scans.length === 1, 'the scan');
    expect(t.scans[0]!.text).toBe('hello');
    expect(t.scans[0]!.code).toEqual({ kind: 'unknown', reason: 'not a code this kiosk knows' });
  });

  it('waits for a reader that is not plugged in at start', async () => {
    const dir = makePtyDir();
    const logger = capturingLogger();
    const reader = new SerialBarcodeReader(
      {
        id: 'barcode.3',
        path: `${dir}/late-driver`,
        baudRate: 9600,
        suffix: 'CR',
        interByteTimeoutMs: 50,
      },
      { logger, backoff: new Backoff({ initialMs: 30, maxMs: 100 }) },
    );
    const scans: BarcodeScan[] = [];
    reader.onScan((s) => scans.push(s));
    await reader.start();
    cleanups.push(() => reader.stop());
    expect(reader.status()).toMatchObject({
      state: 'disconnected',
      lastError: { code: 'open-failed' },
    });

    const pty = await createPtyPair(dir, 'late');
    cleanups.push(() => pty.close());
    await until(() => reader.status().state === 'ready', 'ready once plugged in');
    const sim = await SerialReaderSimulator.open(pty.simulatorPath, 'CR');
    cleanups.push(() => sim.close());
    await sim.scan({ text: 'late but fine' });
    await until(() => scans.length === 1, 'scan');
    expect(scans[0]!.text).toBe('late but fine');
  });

  it('goes disconnected when unplugged and reads again after replugging', async () => {
    const t = await setup('CR');
    await t.unplug();
    await until(() => t.reader.status().state === 'disconnected', 'disconnected');
    await t.replug();
    await until(() => t.reader.status().state === 'ready', 'ready again');
    await t.sim().scan({ text: 'after replug' });
    await until(() => t.scans.length === 1, 'scan after replug');
    expect(t.scans[0]!.text).toBe('after replug');
    expect(t.logger.lines.map((l) => l.fields['event'])).toEqual(
      expect.arrayContaining(['device.disconnected', 'device.reconnected']),
    );
    // Scanned text never reaches the log.
    expect(JSON.stringify(t.logger.lines)).not.toContain('after replug');
  });
});
