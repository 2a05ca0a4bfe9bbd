/**
 * The SANE driver against `scanimage -d test` (sane-utils' virtual scanner). The test backend
 * is enabled through SANE_CONFIG_DIR: a private dll.conf naming only `test`, and a test.conf
 * raising geometry_max to 300 mm because the backend's default 200 mm clips A4.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { MaterialScan } from '../../../drivers/scanner/material.js';
import { DEFAULT_PIPELINE_SETTINGS } from '../../../drivers/scanner/pipeline.js';
import { listSaneDevices, readSaneOptions, SaneScanner } from '../../../drivers/scanner/sane.js';

let configDir: string;

function hasScanimage(): boolean {
  try {
    execFileSync('scanimage', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function scanFolders(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith('kiosk-scan-'));
}

beforeAll(() => {
  // No silent skip: these tests are the SANE driver's acceptance, and CI installs sane-utils.
  if (!hasScanimage()) throw new Error('scanimage not found: apt-get install sane-utils');
  configDir = mkdtempSync(join(tmpdir(), 'sane-test-config-'));
  writeFileSync(join(configDir, 'dll.conf'), 'test\n');
  writeFileSync(join(configDir, 'test.conf'), 'geometry_max 300.0\n');
});

afterAll(() => {
  rmSync(configDir, { recursive: true, force: true });
});

function scanner(extraArgs: string[] = []): SaneScanner {
  return new SaneScanner({
    id: 'scanner',
    device: 'test:0',
    configDir,
    extraArgs,
    pollIntervalMs: 60_000,
  });
}

describe('SANE driver against scanimage -d test', () => {
  it('lists the test devices and reads their options', async () => {
    const devices = await listSaneDevices({ configDir });
    expect(devices.ok && devices.value.map((d) => d.name)).toEqual(['test:0', 'test:1']);
    const options = await readSaneOptions({ configDir }, 'test:0');
    expect(options.ok).toBe(true);
    if (!options.ok) return;
    expect(options.value.sources).toEqual(['Flatbed', 'Automatic Document Feeder']);
    expect(options.value.modes).toContain('Gray');
    expect(options.value.maxHeightMm).toBe(300);
    const caps = await scanner().capabilities();
    expect(caps.ok && caps.value.sources).toEqual(['platen', 'feeder']);
  });

  it('scans A4 from the flatbed in grey at 200 dpi', async () => {
    const sane = scanner(['--test-picture', 'Grid']);
    await sane.start();
    expect(sane.status()).toMatchObject({ state: 'ready', driver: 'sane' });
    const result = await sane.scan({ source: 'platen', resolutionDpi: 200 });
    await sane.stop();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(1);
    const meta = await sharp(result.value[0]!.image).metadata();
    // 210 x 297 mm at 200 dpi; the test backend rounds the width down.
    expect(meta).toMatchObject({ format: 'png', channels: 1, width: 1653, height: 2338 });
  });

  it('scans a feeder batch until the feeder is empty (10 sheets) and reports progress', async () => {
    const percents: number[] = [];
    const pages: number[] = [];
    const result = await scanner(['--test-picture', 'Grid']).scan({
      source: 'feeder',
      resolutionDpi: 100,
      onProgress: (p) =>
        p.pagePercent === undefined ? pages.push(p.pagesReceived) : percents.push(p.pagePercent),
    });
    expect(result.ok && result.value.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(percents.length).toBeGreaterThan(10);
    expect(Math.max(...percents)).toBe(100);
  });

  it.each([
    [
      'SANE_STATUS_JAMMED',
      'feeder-jam',
      /paper jam in the document feeder \(sane_read: Document feeder jammed\)/,
    ],
    ['SANE_STATUS_NO_DOCS', 'feeder-empty', /the document feeder is empty/],
    [
      'SANE_STATUS_COVER_OPEN',
      'door-open',
      /the scanner cover is open \(sane_read: Scanner cover is open\)/,
    ],
  ])('maps the simulated %s to %s and leaves no pages', async (status, code, message) => {
    const before = scanFolders().length;
    const sane = scanner(['--read-return-value', status]);
    const result = await sane.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
    expect(sane.status().lastError?.code).toBe(code);
    expect(scanFolders().length).toBeLessThanOrEqual(before);
  });

  it('cancels a running scan: scanimage is interrupted and nothing is kept', async () => {
    const log = capturingLogger();
    const sane = new SaneScanner({
      id: 'scanner',
      device: 'test:0',
      configDir,
      // Slow the backend down so the cancel lands mid-page.
      extraArgs: ['--read-delay=yes', '--read-delay-duration', '20000'],
      logger: log,
    });
    const controller = new AbortController();
    const result = await sane.scan({
      source: 'feeder',
      resolutionDpi: 150,
      signal: controller.signal,
      onProgress: (p) => {
        if ((p.pagePercent ?? 0) > 5) controller.abort();
      },
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'the scan was cancelled' },
    });
    expect(log.lines.map((l) => l.fields['event'])).toContain('scanner.scan-cancelled');
  });

  it('reports a device that does not exist, and a missing scanimage', async () => {
    const missing = new SaneScanner({ id: 'scanner', device: 'nosuch:0', configDir });
    const result = await missing.scan({ source: 'platen', resolutionDpi: 200 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
    expect(missing.status().state).toBe('disconnected');

    const noBinary = new SaneScanner({
      id: 'scanner',
      device: 'test:0',
      configDir,
      scanimagePath: '/nonexistent/scanimage',
    });
    expect(await noBinary.scan({ source: 'platen', resolutionDpi: 200 })).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: '/nonexistent/scanimage not found: install sane-utils',
      },
    });
    expect(() => new SaneScanner({ id: 's', device: 'test 0' })).toThrow(/without spaces/);
  });

  it('feeds the pipeline: grid pages kept as one-channel JPEGs, white pages dropped as blank', async () => {
    const grid = new MaterialScan('grid', { ...DEFAULT_PIPELINE_SETTINGS, maxMaterialPages: 3 });
    const kept = await grid.scanWith(scanner(['--test-picture', 'Grid']), {
      source: 'feeder',
      resolutionDpi: 100,
    });
    expect(kept).toEqual({
      ok: true,
      value: {
        added: 3,
        blankDropped: 0,
        limit: { code: 'too-many-pages', limitPages: 3, keptPages: 3, droppedPages: 7 },
      },
    });
    for (const page of grid.pages) {
      expect((await sharp(page.jpeg).metadata()).channels).toBe(1);
      expect(page.bytes).toBeLessThanOrEqual(DEFAULT_PIPELINE_SETTINGS.maxPageBytes);
    }
    const white = new MaterialScan('white', DEFAULT_PIPELINE_SETTINGS);
    const dropped = await white.scanWith(scanner(['--test-picture', 'Solid white']), {
      source: 'feeder',
      resolutionDpi: 100,
    });
    expect(dropped).toEqual({ ok: true, value: { added: 0, blankDropped: 10 } });
  });
});
