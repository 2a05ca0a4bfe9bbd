/**
 * The barcode family inside a real kiosk service and through the devices CLI: several readers
 * at once (a serial reader on a socat pty and a simulated HID POS reader), masked
 * `barcode.scanned` events, the dev dock's simulated scan, and `barcode listen`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialReaderSimulator } from '../../../drivers/barcode/serial-simulator.js';
import {
  encodeAppIdentityCode,
  encodeBatchCode,
  encodePermitCode,
  encodeReceiptCode,
} from '../../../drivers/common/codes.js';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import type { KioskConfigInput } from '../../../kiosk-config/schema.js';
import { createPtyPair, type PtyPair } from '../../support/pty.js';
import { demoConfig, startTestService, type TestService } from '../../support/service.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const holder = syntheticEnterprise(2).creditCode;
const permitText = encodePermitCode(
  {
    keyId: 'psb-2026',
    permitNumber: 'YHBZ-2026-000077',
    permitType: 'fireworks-road-transport',
    holderCreditCode: holder,
    validFrom: '20261201',
    validUntil: '20261203',
  },
  generateKeyPairSync('ed25519').privateKey,
);

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function pty(): Promise<PtyPair> {
  const pair = await createPtyPair();
  cleanups.push(() => pair.close());
  return pair;
}

async function start(barcode: unknown[], devDock = true) {
  const config: KioskConfigInput = {
    ...demoConfig(),
    devices: { barcode: barcode as never },
    ui: { devDock },
  };
  const running: TestService = await startTestService(config);
  cleanups.push(() => running.close());
  const { service } = running;
  const events: { event: string; payload: unknown }[] = [];
  service.bus.listen((event, payload) => events.push({ event, payload }));
  const connection = newConnection('websocket');
  const call = async (method: string, params: unknown) =>
    (
      JSON.parse(
        await service.dispatcher.dispatch(
          connection,
          JSON.stringify({ type: 'call', id: 1, method, params }),
        ),
      ) as { result: { ok: boolean; value?: unknown; error?: { code: string } } }
    ).result;
  const scanned = () => events.filter((e) => e.event === 'barcode.scanned').map((e) => e.payload);
  return { running, service, events, call, scanned };
}

describe('barcode family in the service', () => {
  it('runs a serial and a simulated HID reader side by side and publishes masked scans', async () => {
    const pair = await pty();
    const t = await start([
      { driver: 'serial', path: pair.devicePath, suffix: 'CRLF' },
      { driver: 'simulator', reportLayout: 'newland' },
    ]);
    await until('both ready', () =>
      t.service.ctx.hub.families.barcode.readers.every((r) => r.status().state === 'ready'),
    );
    expect(
      t.service.ctx.hub
        .statuses()
        .filter((s) => s.family === 'barcode')
        .map((s) => s.id),
    ).toEqual(['barcode.0', 'barcode.1']);

    const sim = await SerialReaderSimulator.open(pair.simulatorPath, 'CRLF');
    cleanups.push(() => sim.close());
    await sim.scan({
      text: encodeReceiptCode({ trackingNumber: 'SL-2026-000123' }),
      symbologyIdentifier: ']Q1',
    });
    expect(
      await t.call('barcode.simulateScan', { text: permitText, symbologyIdentifier: ']Q1' }),
    ).toEqual({
      ok: true,
      value: { readerId: 'barcode.1' },
    });
    await until('two scans', () => t.scanned().length === 2);

    expect(t.scanned()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          readerId: 'barcode.0',
          symbology: 'qr',
          code: { kind: 'receipt', trackingNumber: 'SL-2026-000123' },
        }),
        expect.objectContaining({
          readerId: 'barcode.1',
          code: {
            kind: 'permit',
            permitNumberMasked: maskIdentifier('YHBZ-2026-000077'),
            permitType: 'fireworks-road-transport',
            holderCreditCodeMasked: maskIdentifier(holder),
            validFrom: '20261201',
            validUntil: '20261203',
          },
        }),
      ]),
    );
    // The service keeps the text for follow-up calls by scanId, until the session ends.
    const family = t.service.ctx.hub.families.barcode;
    const permitEvent = (t.scanned() as { scanId: string; readerId: string }[]).find(
      (e) => e.readerId === 'barcode.1',
    )!;
    expect(family.recentScan(permitEvent.scanId)?.text).toBe(permitText);
    expect(family.recentScan('no-such-scan')).toBeUndefined();
    t.service.ctx.session.ensure();
    t.service.ctx.session.end('cancel');
    expect(family.recentScan(permitEvent.scanId)).toBeUndefined();
    // Neither the events nor the logs carry the unmasked identifiers.
    expect(JSON.stringify(t.events)).not.toContain(holder);
    expect(JSON.stringify(t.running.lines)).not.toContain(holder);
  });

  it('scans every dev dock preset through the simulated reader and classifies it', async () => {
    const t = await start([{ driver: 'simulator' }]);
    await until(
      'ready',
      () => t.service.ctx.hub.families.barcode.readers[0]?.status().state === 'ready',
    );
    const listed = await t.call('barcode.simulatorPresets', {});
    expect(listed.ok).toBe(true);
    const { readers, presets } = listed.value as { readers: string[]; presets: { id: string }[] };
    expect(readers).toEqual(['barcode.0']);
    // No sandbox here: the permit presets say their codes are signed by a key no issuer knows.
    const labels = (presets as { id: string; label: string }[]).filter((p) =>
      p.id.startsWith('permit'),
    );
    expect(labels.map((p) => p.id)).toEqual(['permit', 'permit-expired', 'permit-cancelled']);
    for (const p of labels) expect(p.label).toMatch(/unknown key/);
    for (const p of presets) {
      expect(await t.call('barcode.simulateScan', { preset: p.id })).toMatchObject({ ok: true });
    }
    await until('all presets scanned', () => t.scanned().length === presets.length);
    const kinds = (t.scanned() as { code: { kind: string; looksLike?: string } }[]).map((e) =>
      e.code.kind === 'unknown' ? `unknown:${e.code.looksLike ?? '-'}` : e.code.kind,
    );
    expect(kinds).toEqual([
      'receipt',
      'permit',
      'permit',
      'permit',
      'batch',
      'batch',
      'e-license',
      'app-identity',
      'app-identity',
      'unknown:-',
      'unknown:permit',
    ]);
    expect(await t.call('barcode.simulateScan', { preset: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_NO_SUCH_PRESET' },
    });
    expect(await t.call('barcode.simulateScan', {})).toMatchObject({ ok: false });
  });

  it('classifies typed-in codes without revealing an app sign-in token', async () => {
    const t = await start([]);
    const token = 'AbCdEfGhIjKlMnOpQrSt_123';
    const app = await t.call('barcode.classify', {
      text: encodeAppIdentityCode({ appId: 'gov-app', token, expiresAt: 1 }),
    });
    expect(app).toEqual({
      ok: true,
      value: { kind: 'app-identity', appId: 'gov-app', expiresAt: 1, expired: true },
    });
    expect(await t.call('barcode.classify', { text: 'HKP1|broken' })).toMatchObject({
      ok: true,
      value: { kind: 'unknown', looksLike: 'permit' },
    });
  });

  it('refuses simulated scans without the dev dock or without a simulated reader', async () => {
    const off = await start([{ driver: 'simulator' }], false);
    expect(await off.call('barcode.simulateScan', { text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'E_DEVDOCK_DISABLED' },
    });
    const pair = await pty();
    const serialOnly = await start([{ driver: 'serial', path: pair.devicePath }]);
    expect(await serialOnly.call('barcode.simulateScan', { text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_NO_SIMULATOR' },
    });
  });
});

describe('npm run devices -- barcode listen', () => {
  function configFile(barcode: unknown[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'barcode-cli-'));
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ ...demoConfig(), devices: { barcode } }));
    return file;
  }

  it('prints one JSON line per code, masked, and exits 0 after --count codes', async () => {
    const pair = await pty();
    const file = configFile([{ driver: 'serial', path: pair.devicePath }]);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/service/cli/devices.ts',
        'barcode',
        'listen',
        '--config',
        file,
        '--count',
        '2',
        '--timeout',
        '40000',
      ],
      { cwd: ROOT },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    cleanups.push(async () => void (child.exitCode === null && child.kill()));

    await until(
      'reader ready in the CLI',
      () => /"deviceId":"barcode\.0","state":"ready"/.test(stderr),
      40_000,
    );
    const sim = await SerialReaderSimulator.open(pair.simulatorPath, 'CR');
    cleanups.push(() => sim.close());
    const raw = encodeBatchCode({ gtin: '09506000134352', batch: 'LOT7' }, 'raw');
    await sim.scan({ text: raw, symbologyIdentifier: ']C1' });
    await sim.scan({ text: permitText, symbologyIdentifier: ']Q1' });

    expect(await exited, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      readerId: 'barcode.0',
      symbology: 'gs1-128',
      symbologyIdentifier: ']C1',
      text: raw,
      gs1: [
        { ai: '01', value: '09506000134352' },
        { ai: '10', value: 'LOT7' },
      ],
      code: { kind: 'batch', gtin: '09506000134352', batch: 'LOT7' },
    });
    expect(lines[1]).toMatchObject({ symbology: 'qr', code: { kind: 'permit' } });
    expect(stdout + stderr).not.toContain(holder);
  });

  it('exits 1 when no code comes before --timeout and 2 on bad usage', () => {
    const file = configFile([{ driver: 'simulator' }]);
    const run = (args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'electron/service/cli/devices.ts',
          'barcode',
          'listen',
          '--config',
          file,
          ...args,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    const late = run(['--count', '1', '--timeout', '600']);
    expect(late.status, late.stderr).toBe(1);
    expect(late.stdout).toBe('');
    expect(run(['--count', 'two']).status).toBe(2);
  });
});
