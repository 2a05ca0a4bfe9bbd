/**
 * The eSCL client against the eSCL simulator over real loopback HTTP.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';
import type { DeviceStatus } from '../../../drivers/common/device.js';
import {
  businessLicenseQrText,
  qualityCertificateQrText,
} from '../../../drivers/scanner/documents.js';
import { EsclScanner } from '../../../drivers/scanner/escl.js';
import { MaterialScan } from '../../../drivers/scanner/material.js';
import { DEFAULT_PIPELINE_SETTINGS } from '../../../drivers/scanner/pipeline.js';
import { EsclSimulator } from '../../../drivers/scanner/simulator.js';

let simulator: EsclSimulator;
let scanner: EsclScanner;
const lines = capturingLogger();

beforeAll(() => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
    },
    fireImmediately: true,
  });
});

beforeEach(async () => {
  lines.lines.length = 0;
  simulator = new EsclSimulator({ resolutions: [100, 150, 200, 300] });
  const url = await simulator.start();
  scanner = new EsclScanner({
    id: 'scanner',
    url,
    notReadyDelayMs: 20,
    notReadyRetries: 30,
    pollIntervalMs: 60_000,
    logger: lines,
  });
});

afterEach(async () => {
  await scanner.stop();
  await simulator.stop();
});

async function decodeQr(jpeg: Buffer): Promise<string[]> {
  const { data, info } = await sharp(jpeg)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const found = await readBarcodes(
    {
      data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      colorSpace: 'srgb',
    } as unknown as Parameters<typeof readBarcodes>[0],
    { formats: ['QRCode'] },
  );
  return found.map((r) => r.text);
}

describe('eSCL client against the simulator', () => {
  it('reads capabilities and reports ready', async () => {
    const caps = await scanner.capabilities();
    expect(caps).toEqual({
      ok: true,
      value: {
        makeAndModel: 'Hall Kiosk eSCL Simulator',
        sources: ['platen', 'feeder'],
        resolutionsDpi: [100, 150, 200, 300],
        maxWidthMm: expect.closeTo(210, 0),
        maxHeightMm: expect.closeTo(297, 0),
      },
    });
    await scanner.start();
    expect(scanner.status()).toMatchObject({ state: 'ready', family: 'scanner', driver: 'escl' });
  });

  it('scans every sheet in the feeder until the scanner answers 404', async () => {
    simulator.loadFeeder('purchase-contract', 3);
    simulator.loadFeeder('business-license', 3);
    const progress: number[] = [];
    const result = await scanner.scan({
      source: 'feeder',
      resolutionDpi: 150,
      onProgress: (p) => progress.push(p.pagesReceived),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(progress).toEqual([1, 2, 3, 4]);
    for (const page of result.value) {
      const meta = await sharp(page.image).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', channels: 1, width: 1240, height: 1754 });
      expect(page.resolutionDpi).toBe(150);
    }
    expect(simulator.state().feeder).toEqual([]);
    const paths = simulator
      .requests()
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')} ${r.status}`);
    expect(paths.filter((p) => p.includes('ScanJobs'))).toEqual([
      'POST /eSCL/ScanJobs 201',
      ...Array(4).fill('GET /eSCL/ScanJobs/ID/NextDocument 200'),
      'GET /eSCL/ScanJobs/ID/NextDocument 404',
    ]);
    // The license page carries the enterprise's QR code, readable after transfer.
    expect(await decodeQr(result.value[3]!.image)).toEqual([
      businessLicenseQrText(syntheticEnterprise(3)),
    ]);
  });

  it('scans the glass once and picks the nearest offered resolution', async () => {
    simulator.placeOnPlaten({ kind: 'quality-certificate', page: 1, seed: 8 });
    const result = await scanner.scan({ source: 'platen', resolutionDpi: 240 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(1);
    expect(result.value[0]!.resolutionDpi).toBe(200);
    expect(await decodeQr(result.value[0]!.image)).toEqual([qualityCertificateQrText(8)]);
    // The sheet stays on the glass.
    expect(simulator.state().platen).toEqual({ kind: 'quality-certificate', page: 1, seed: 8 });
  });

  it('reports an empty feeder from the scanner status', async () => {
    const result = await scanner.scan({ source: 'feeder', resolutionDpi: 200 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'feeder-empty', message: 'the feeder holds no paper' },
    });
    expect(simulator.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toContain(
      'POST /eSCL/ScanJobs 409',
    );
  });

  it('reports an open door, and scans after it is closed', async () => {
    simulator.loadFeeder('quality-certificate', 1);
    simulator.setFaults({ doorOpen: true });
    const refused = await scanner.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'door-open', message: 'the feeder door is open' },
    });
    simulator.clearFaults();
    const scanned = await scanner.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(scanned.ok && scanned.value.length).toBe(1);
  });

  it('fails a jam mid-document with no pages, shows the fault, and deletes the job', async () => {
    simulator.loadFeeder('purchase-contract', 1);
    simulator.setFaults({ jamAtSheet: 2 });
    const statuses: DeviceStatus[] = [];
    await scanner.start();
    scanner.onStatus((s) => statuses.push(s));
    const result = await scanner.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'feeder-jam', message: 'the scanner reports a paper jam in the feeder' },
    });
    expect(simulator.state().jammed).toBe(true);
    // The jam answer, the status that explains it, then the job is deleted.
    const sequence = simulator.requests().map((r) => `${r.method} ${r.status}`);
    const jamAt = sequence.indexOf('GET 409');
    expect(sequence.slice(jamAt, jamAt + 3)).toEqual(['GET 409', 'GET 200', 'DELETE 200']);
    expect(scanner.status()).toMatchObject({
      state: 'fault',
      detail: 'the scanner reports a paper jam in the feeder',
      lastError: { code: 'feeder-jam' },
    });
    expect(statuses.map((s) => s.state)).toContain('busy');
    simulator.clearFaults();
  });

  it('waits through "not ready" answers for slow pages', async () => {
    simulator.loadFeeder('quality-certificate', 1);
    simulator.loadFeeder('business-license', 1);
    simulator.setFaults({ slowPageMs: 150 });
    const result = await scanner.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(result.ok && result.value.length).toBe(2);
    expect(simulator.requests().filter((r) => r.status === 503).length).toBeGreaterThan(0);
  });

  it('gives up after the configured number of "not ready" answers', async () => {
    const impatient = new EsclScanner({
      id: 'scanner',
      url: simulator.url!,
      notReadyDelayMs: 5,
      notReadyRetries: 3,
    });
    simulator.loadFeeder('quality-certificate', 1);
    simulator.setFaults({ slowPageMs: 60_000 });
    const result = await impatient.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'busy', message: 'the scanner stayed "not ready" for 3 tries' },
    });
    expect(simulator.requests().at(-1)?.method).toBe('DELETE');
    expect(simulator.state().activeJob).toBeUndefined();
  });

  it('cancels: the job is deleted on the scanner and no page is returned', async () => {
    simulator.loadFeeder('purchase-contract', 2);
    simulator.setFaults({ slowPageMs: 400 });
    const controller = new AbortController();
    const scanning = scanner.scan({
      source: 'feeder',
      resolutionDpi: 100,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesReceived === 1) controller.abort();
      },
    });
    const result = await scanning;
    expect(result).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'the scan was cancelled' },
    });
    expect(simulator.requests().some((r) => r.method === 'DELETE' && r.status === 200)).toBe(true);
    expect(simulator.state().activeJob).toBeUndefined();
    expect(lines.lines.map((l) => l.fields['event'])).toContain('scanner.scan-cancelled');
  });

  it('a scanner that disappears mid-document fails the scan with no pages', async () => {
    simulator.loadFeeder('purchase-contract', 1);
    simulator.setFaults({ slowPageMs: 200 });
    const result = await scanner.scan({
      source: 'feeder',
      resolutionDpi: 100,
      onProgress: () => void simulator.stop(),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
    expect(scanner.status()).toMatchObject({
      state: 'disconnected',
      lastError: { code: 'unavailable' },
    });
  });

  it('reports an unreachable scanner as unavailable and disconnected', async () => {
    const url = simulator.url!;
    await simulator.stop();
    const gone = new EsclScanner({ id: 'scanner', url, requestTimeoutMs: 2_000 });
    const result = await gone.scan({ source: 'platen', resolutionDpi: 200 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
    await gone.start();
    expect(gone.status().state).toBe('disconnected');
    await gone.stop();
  });

  it('refuses a source the scanner lacks, and a URL that is not http', async () => {
    const flatbed = new EsclSimulator({ sources: ['platen'] });
    const flatbedClient = new EsclScanner({ id: 'scanner', url: await flatbed.start() });
    try {
      expect(await flatbedClient.scan({ source: 'feeder', resolutionDpi: 200 })).toEqual({
        ok: false,
        error: { code: 'unsupported', message: 'this scanner has no document feeder' },
      });
      const caps = await flatbedClient.capabilities();
      expect(caps.ok && caps.value.sources).toEqual(['platen']);
    } finally {
      await flatbed.stop();
    }
    expect(() => new EsclScanner({ id: 's', url: 'ftp://x/eSCL' })).toThrow(/http or https/);
    expect(() => new EsclScanner({ id: 's', url: 'not a url' })).toThrow(/is not a URL/);
  });
});

describe('material scans over eSCL', () => {
  const settings = { ...DEFAULT_PIPELINE_SETTINGS, resolutionDpi: 100 };

  it('drops blank backs from the feeder and assembles the PDF', async () => {
    simulator.loadSheets([
      { kind: 'purchase-contract', page: 1, seed: 1 },
      { kind: 'blank-sheet', page: 1, seed: 0 },
      { kind: 'purchase-contract', page: 2, seed: 1 },
    ]);
    const material = new MaterialScan('contract', settings);
    const outcome = await material.scanWith(scanner, { source: 'feeder' });
    expect(outcome).toEqual({ ok: true, value: { added: 2, blankDropped: 1 } });
    const pdf = await material.pdf();
    expect(pdf.pages).toBe(2);
  });

  it('keeps what fits the page limit and says which limit was hit', async () => {
    simulator.loadFeeder('purchase-contract', 1);
    const material = new MaterialScan('contract', { ...settings, maxMaterialPages: 2 });
    const outcome = await material.scanWith(scanner, { source: 'feeder' });
    expect(outcome).toEqual({
      ok: true,
      value: {
        added: 2,
        blankDropped: 0,
        limit: { code: 'too-many-pages', limitPages: 2, keptPages: 2, droppedPages: 1 },
      },
    });
    expect(material.pages).toHaveLength(2);
    // A further scan adds nothing and says so again.
    simulator.placeOnPlaten({ kind: 'quality-certificate', page: 1, seed: 1 });
    const again = await material.scanWith(scanner, { source: 'platen' });
    expect(again.ok && again.value.limit?.code).toBe('too-many-pages');
    expect(material.pages).toHaveLength(2);
  });

  it('keeps earlier pages when the material byte limit is reached', async () => {
    simulator.placeOnPlaten({ kind: 'business-license', page: 1, seed: 2 });
    const material = new MaterialScan('license', settings);
    expect((await material.scanWith(scanner, { source: 'platen' })).ok).toBe(true);
    const first = material.totalBytes;
    const tight = new MaterialScan('license', { ...settings, maxMaterialBytes: first + 10 });
    await tight.scanWith(scanner, { source: 'platen' });
    const outcome = await tight.scanWith(scanner, { source: 'platen' });
    expect(outcome).toEqual({
      ok: true,
      value: {
        added: 0,
        blankDropped: 0,
        limit: {
          code: 'material-too-large',
          limitBytes: first + 10,
          keptPages: 1,
          droppedPages: 1,
        },
      },
    });
    expect(tight.pages).toHaveLength(1);
  });

  it('adds nothing when the scan jams or is cancelled', async () => {
    const material = new MaterialScan('contract', settings);
    simulator.placeOnPlaten({ kind: 'business-license', page: 1, seed: 2 });
    await material.scanWith(scanner, { source: 'platen' });
    expect(material.pages).toHaveLength(1);

    simulator.loadFeeder('purchase-contract', 1);
    simulator.setFaults({ jamAtSheet: 3 });
    const jammed = await material.scanWith(scanner, { source: 'feeder' });
    expect(jammed.ok).toBe(false);
    expect(material.pages).toHaveLength(1);

    simulator.clearFaults();
    simulator.loadFeeder('purchase-contract', 1);
    simulator.setFaults({ slowPageMs: 300 });
    const controller = new AbortController();
    const cancelled = material.scanWith(scanner, {
      source: 'feeder',
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(await cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(material.pages).toHaveLength(1);
  });
});
