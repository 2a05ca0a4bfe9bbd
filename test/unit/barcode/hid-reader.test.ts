/**
 * The HID POS driver against the HID reader simulator. node-hid cannot be exercised with a
 * real virtual device here: creating one needs the kernel's uhid support (/dev/uhid), which
 * these machines and containers do not have. The simulator therefore stands where node-hid's
 * HIDAsync object stands and emits the byte-exact 64-byte reports of each vendor layout; the
 * driver parses and reassembles them exactly as it does from hidraw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Backoff } from '../../../drivers/common/backoff.js';
import { encodePermitCode } from '../../../drivers/common/codes.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';
import { HidPosBarcodeReader } from '../../../drivers/barcode/hid-reader.js';
import {
  MAX_REASSEMBLED_BYTES,
  type HidReportLayout,
} from '../../../drivers/barcode/hid-reports.js';
import { HidReaderSimulator } from '../../../drivers/barcode/hid-simulator.js';
import type { BarcodeScan } from '../../../drivers/barcode/scan.js';
import { generateKeyPairSync } from 'node:crypto';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

async function setup(layout: HidReportLayout) {
  const sim = new HidReaderSimulator(layout);
  const logger = capturingLogger();
  const reader = new HidPosBarcodeReader(
    {
      id: 'barcode.1',
      vendorId: 0x0c2e,
      productId: 0x0ca1,
      reportLayout: layout,
      reassemblyTimeoutMs: 40,
    },
    { open: sim.open, logger, backoff: new Backoff({ initialMs: 20, maxMs: 50 }) },
  );
  const scans: BarcodeScan[] = [];
  reader.onScan((s) => scans.push(s));
  await reader.start();
  stops.push(() => reader.stop());
  return { sim, reader, scans, logger };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const longText = '浏阳市红星烟花爆竹有限公司 道路运输许可 '.repeat(6); // > 3 reports of 56 bytes

describe.each(['honeywell', 'newland'] as const)('HID POS reader, %s layout', (layout) => {
  it('reads a one-report code', async () => {
    const t = await setup(layout);
    expect(t.reader.status()).toMatchObject({ state: 'ready', detail: `0c2e:0ca1 ${layout}` });
    await t.sim.scan({ text: 'HELLO-123', symbologyIdentifier: ']C0' });
    await until(() => t.scans.length === 1, 'scan');
    expect(t.scans[0]).toMatchObject({
      text: 'HELLO-123',
      symbology: 'code128',
      symbologyIdentifier: ']C0',
    });
  });

  it.each(['utf-8', 'gb18030'] as const)(
    'reassembles a long %s Chinese QR spread over several reports',
    async (encoding) => {
      const t = await setup(layout);
      await t.sim.scan(
        { text: longText, encoding, symbologyIdentifier: ']Q1' },
        { reportGapMs: 2 },
      );
      await until(() => t.scans.length === 1, 'scan');
      expect(t.sim.sentReports.length).toBeGreaterThan(3);
      expect(t.sim.sentReports.every((r) => r.length === 64 && r[0] === 0x02)).toBe(true);
      expect(t.scans[0]).toMatchObject({ text: longText, encoding, symbology: 'qr' });
    },
  );

  it('reads a code of exactly one full report (56 bytes)', async () => {
    const t = await setup(layout);
    const text = 'X'.repeat(layout === 'newland' ? 53 : 56); // Newland carries the AIM inline
    await t.sim.scan({ text, symbologyIdentifier: ']X0' });
    await until(() => t.scans.length === 1, 'scan');
    expect(t.scans[0]!.text).toBe(text);
  });

  it('ignores a trigger report and reconnects after unplugging', async () => {
    const t = await setup(layout);
    const trigger = Buffer.alloc(64);
    trigger[0] = 0x04;
    await t.sim.emitReport(trigger);
    t.sim.unplug();
    expect(t.reader.status().state).toBe('disconnected');
    t.sim.plug();
    await until(() => t.reader.status().state === 'ready', 'ready again');
    await t.sim.scan({ text: 'AGAIN' });
    await until(() => t.scans.length === 1, 'scan');
    expect(t.scans.map((s) => s.text)).toEqual(['AGAIN']);
    expect(t.logger.lines.map((l) => l.fields['event'])).toEqual(
      expect.arrayContaining(['device.disconnected', 'device.reconnected', 'barcode.scanned']),
    );
  });
});

describe('HID POS reader specifics', () => {
  it('takes the Honeywell AIM field for a signed permit and classifies it', async () => {
    const t = await setup('honeywell');
    const { privateKey } = generateKeyPairSync('ed25519');
    const text = encodePermitCode(
      {
        keyId: 'k1',
        permitNumber: 'YHBZ-0007',
        permitType: 'fireworks-road-transport',
        holderCreditCode: syntheticEnterprise(3).creditCode,
        validFrom: '20261201',
        validUntil: '20261205',
      },
      privateKey,
    );
    await t.sim.scan({ text, symbologyIdentifier: ']Q1' }, { vendorSymbologyId: 0x73 });
    await until(() => t.scans.length === 1, 'scan');
    expect(t.scans[0]!.code).toMatchObject({ kind: 'permit', permitNumber: 'YHBZ-0007' });
    // The permit holder's credit code must not reach the log.
    expect(JSON.stringify(t.logger.lines)).not.toContain(syntheticEnterprise(3).creditCode);
  });

  it('drops a Honeywell code whose last report never arrives', async () => {
    const t = await setup('honeywell');
    const reports: Buffer[] = [];
    const sim2 = new HidReaderSimulator('honeywell');
    await sim2.open(0, 0);
    await sim2.scan({ text: 'Y'.repeat(100) });
    reports.push(...sim2.sentReports);
    await t.sim.emitReport(reports[0]!); // first of two, more-flag set
    await until(
      () => t.logger.lines.some((l) => l.fields['event'] === 'barcode.incomplete-dropped'),
      'drop',
    );
    expect(t.scans).toEqual([]);
  });

  it.each(['honeywell', 'newland'] as const)(
    '%s: drops a code longer than the reassembly cap with a reported error and reads the next',
    async (layout) => {
      const t = await setup(layout);
      // A faulty reader: a code of 5,000 bytes, past the 4,096-byte cap, then a normal one.
      await t.sim.scan({ text: 'Z'.repeat(MAX_REASSEMBLED_BYTES + 904) });
      await t.sim.scan({ text: 'NEXT-CODE-1', symbologyIdentifier: ']C0' });
      await until(() => t.scans.length === 1, 'the next code');
      expect(t.scans.map((s) => s.text)).toEqual(['NEXT-CODE-1']);
      const drop = t.logger.lines.find((l) => l.fields['event'] === 'barcode.incomplete-dropped');
      expect(drop).toMatchObject({
        level: 'warn',
        fields: { reason: 'too-long', maxBytes: MAX_REASSEMBLED_BYTES },
      });
      expect(drop!.fields['bytes']).toBeGreaterThan(MAX_REASSEMBLED_BYTES);
      expect(t.reader.status().state).toBe('ready');
    },
  );

  it('with the real node-hid opener, reports a missing reader and keeps retrying', async () => {
    // This machine has no HID POS reader: node-hid enumerates, finds none, and the driver
    // says what to check instead of failing silently.
    const reader = new HidPosBarcodeReader(
      { id: 'barcode.9', vendorId: 0x0c2e, productId: 0x0ca1, reportLayout: 'honeywell' },
      { backoff: new Backoff({ initialMs: 20, maxMs: 50 }) },
    );
    stops.push(() => reader.stop());
    await reader.start();
    expect(reader.status()).toMatchObject({
      state: 'disconnected',
      lastError: {
        code: 'open-failed',
        message: expect.stringContaining('no HID POS interface (usage page 0x8C) for 0c2e:0ca1'),
      },
    });
  });
});
