/**
 * The scanner family inside a real kiosk service: contract calls through the dispatcher, the
 * simulator behind real loopback HTTP, materials kept per session, codes found on new pages,
 * and the technician CLI as a child process.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';
import { businessLicenseQrText } from '../../../drivers/scanner/documents.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import type { KioskConfigInput } from '../../../kiosk-config/schema.js';
import { demoConfig, startTestService, type TestService } from '../../support/service.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

let running: TestService | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

// Answers are checked field by field below; the wire shape is JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type CallResult = { ok: boolean; value?: Json; error?: { code: string; message: string } };

function configWith(scanner: Record<string, unknown>, devDock = true): KioskConfigInput {
  return { ...demoConfig(), devices: { barcode: [], scanner: scanner as never }, ui: { devDock } };
}

async function start(config: KioskConfigInput) {
  running = await startTestService(config);
  const { service } = running;
  const events: { event: string; payload: Json }[] = [];
  service.bus.listen((event, payload) => events.push({ event, payload }));
  const connection = newConnection('websocket');
  const call = async (method: string, params: unknown): Promise<CallResult> => {
    const frame = JSON.parse(
      await service.dispatcher.dispatch(
        connection,
        JSON.stringify({ type: 'call', id: 1, method, params }),
      ),
    ) as { result: CallResult };
    return frame.result;
  };
  return { service, events, call };
}

describe('scanner family in the service', () => {
  it('scans the demo feeder into a material, finds the license QR, and reviews pages', async () => {
    const { events, call } = await start(
      configWith({ driver: 'simulator', pipeline: { resolutionDpi: 150 } }),
    );
    const scan = await call('scanner.scan', { materialId: 'contract', source: 'feeder' });
    expect(scan.ok, JSON.stringify(scan.error)).toBe(true);
    const report = scan.value;
    // Default demo feeder: a 3-page contract and a business license.
    expect(report.added).toBe(4);
    expect(report.material.pages.map((p: { page: number }) => p.page)).toEqual([1, 2, 3, 4]);
    expect(report.material.pages[0]).toMatchObject({
      width: 1240,
      height: 1754,
      resolutionDpi: 150,
    });
    expect(report.codes).toEqual([
      {
        page: 4,
        format: 'QRCode',
        kind: 'e-license',
        text: businessLicenseQrText(syntheticEnterprise(1)),
      },
    ]);
    const progress = events
      .filter((e) => e.event === 'scanner.progress')
      .map((e) => e.payload.pagesReceived);
    expect(progress).toEqual([1, 2, 3, 4]);

    const preview = await call('scanner.preview', { materialId: 'contract', page: 2, width: 300 });
    expect(preview.ok).toBe(true);
    const meta = await sharp(Buffer.from(preview.value.jpegBase64, 'base64')).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 300, channels: 1 });

    const removed = await call('scanner.removePage', { materialId: 'contract', page: 4 });
    expect(removed.ok && removed.value.pages.length).toBe(3);
    expect(
      (await call('scanner.removePage', { materialId: 'contract', page: 9 })).error?.code,
    ).toBe('E_SCANNER_NO_PAGE');
    expect((await call('scanner.discard', { materialId: 'contract' })).value).toEqual({
      discarded: true,
    });
    expect((await call('scanner.material', { materialId: 'contract' })).error?.code).toBe(
      'E_SCANNER_NO_MATERIAL',
    );
  });

  it('turns device faults into E_SCANNER_* errors and adds nothing', async () => {
    const { call } = await start(configWith({ driver: 'simulator', feeder: [] }));
    const empty = await call('scanner.scan', { materialId: 'm', source: 'feeder' });
    expect(empty.error?.code).toBe('E_SCANNER_FEEDER_EMPTY');

    await call('scanner.simulator.load', {
      action: 'feeder',
      document: 'purchase-contract',
      seed: 2,
    });
    await call('scanner.simulator.fault', { fault: 'jam', atSheet: 2 });
    const jam = await call('scanner.scan', { materialId: 'm', source: 'feeder' });
    expect(jam.error?.code).toBe('E_SCANNER_FEEDER_JAM');
    expect((await call('scanner.material', { materialId: 'm' })).error?.code).toBe(
      'E_SCANNER_NO_MATERIAL',
    );
    const state = await call('scanner.simulator.state', {});
    expect(state.value).toMatchObject({ jammed: true });

    await call('scanner.simulator.fault', { fault: 'clear' });
    await call('scanner.simulator.fault', { fault: 'door-open' });
    await call('scanner.simulator.load', {
      action: 'feeder',
      document: 'quality-certificate',
      seed: 2,
    });
    expect((await call('scanner.scan', { materialId: 'm', source: 'feeder' })).error?.code).toBe(
      'E_SCANNER_DOOR_OPEN',
    );
    expect(
      (
        await call('scanner.simulator.load', {
          action: 'platen',
          document: 'business-license',
          page: 2,
        })
      ).error?.code,
    ).toBe('E_SCANNER_NO_SUCH_SHEET');
  });

  it('cancels a running scan from another call; the material stays as it was', async () => {
    const { service, call } = await start(configWith({ driver: 'simulator', slowPageMs: 300 }));
    const scanning = call('scanner.scan', { materialId: 'm', source: 'feeder' });
    const started = Date.now();
    while (!service.ctx.hub.families.scanner.scanning && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await call('scanner.cancel', {})).value).toEqual({ cancelled: true });
    expect((await scanning).error?.code).toBe('E_SCANNER_CANCELLED');
    expect((await call('scanner.material', { materialId: 'm' })).error?.code).toBe(
      'E_SCANNER_NO_MATERIAL',
    );
    expect((await call('scanner.cancel', {})).value).toEqual({ cancelled: false });
  });

  it('ending the session wipes its materials', async () => {
    const { service, call } = await start(
      configWith({ driver: 'simulator', platen: { document: 'business-license', seed: 3 } }),
    );
    expect((await call('scanner.scan', { materialId: 'license', source: 'platen' })).ok).toBe(true);
    expect((await call('scanner.material', { materialId: 'license' })).ok).toBe(true);
    expect(await service.ctx.hub.families.scanner.pdf('license')).toMatchObject({ pages: 1 });
    service.ctx.session.end('cancel');
    expect((await call('scanner.material', { materialId: 'license' })).error?.code).toBe(
      'E_SCANNER_NO_MATERIAL',
    );
  });

  it('refuses simulator controls when the dev dock is off, and scans when not configured', async () => {
    const { call } = await start(configWith({ driver: 'simulator' }, false));
    expect((await call('scanner.simulator.state', {})).error?.code).toBe('E_DEVDOCK_DISABLED');
    await running?.close();
    running = undefined;
    const bare = await start({ ...demoConfig(), devices: { barcode: [] } });
    expect(
      (await bare.call('scanner.scan', { materialId: 'm', source: 'platen' })).error?.code,
    ).toBe('E_SCANNER_NOT_CONFIGURED');
  });
});

/** `npm run devices -- ...` as a child process, the way a technician runs it. */
function devices(args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'electron/service/cli/devices.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('scanner CLI', () => {
  it('writes the pages and the PDF and prints their sizes and SHA-256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanner-cli-'));
    try {
      const config = join(dir, 'kiosk.json');
      writeFileSync(
        config,
        JSON.stringify(
          configWith({
            driver: 'simulator',
            feeder: [{ document: 'quality-certificate', seed: 5 }],
            pipeline: { resolutionDpi: 150 },
          }),
        ),
      );
      const out = join(dir, 'out');
      const run = devices(['scanner', 'scan', '--config', config, '--out', out]);
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as {
        pages: { file: string; size: number; sha256: string }[];
        pdf: { file: string; size: number; sha256: string; pages: number };
        codes: { kind: string }[];
      };
      expect(result.pages).toHaveLength(1);
      for (const file of [...result.pages, result.pdf]) {
        const bytes = readFileSync(file.file);
        expect(bytes.length).toBe(file.size);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      }
      expect(result.pdf.pages).toBe(1);
      expect(result.codes.map((c) => c.kind)).toEqual(['batch']);

      const bad = devices([
        'scanner',
        'scan',
        '--config',
        config,
        '--out',
        out,
        '--source',
        'roof',
      ]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--source must be feeder or platen, not "roof"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
