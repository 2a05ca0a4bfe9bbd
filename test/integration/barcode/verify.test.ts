/**
 * `barcode.verify` against the sandbox central API: a permit scanned through the simulated
 * reader is checked by scanId (the renderer never holds its text), an altered one is caught,
 * an unknown batch is reported, and a scan the session no longer holds is refused.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBatchCode, encodePermitCode } from '../../../drivers/common/codes.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import {
  DEMO_PEOPLE_SEEDS,
  syntheticEnterprise,
  syntheticPerson,
} from '../../../drivers/common/synthetic.js';
import type { MethodName, ParamsOf } from '../../../electron/contract/index.js';
import { loadConfig } from '../../../electron/service/config/load.js';
import { callInProcess } from '../../../electron/service/rpc/dispatcher.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { simulatorPresets } from '../../../electron/service/devices/barcode.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { PERMIT_PRIVATE_KEY_FILE } from '../../../sandbox/permits.js';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server.js';

let dir: string;
let sandbox: SandboxHandle;
let service: KioskService;
const scans: { scanId: string }[] = [];
const connection = newConnection('in-process');

async function call<M extends MethodName>(method: M, params: ParamsOf<M>) {
  return callInProcess(service.dispatcher, connection, method, params);
}

async function scan(text: string, preset?: string): Promise<string> {
  const before = scans.length;
  const params = preset ? { preset } : { text, symbologyIdentifier: ']Q1' };
  expect(await call('barcode.simulateScan', params)).toMatchObject({ ok: true });
  const started = Date.now();
  while (scans.length === before) {
    if (Date.now() - started > 10_000) throw new Error('no barcode.scanned event');
    await new Promise((r) => setTimeout(r, 10));
  }
  return scans.at(-1)!.scanId;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'barcode-verify-'));
  copyFileSync('kiosk-config/demo-terminal.key', join(dir, 'demo-terminal.key'));
  const demo = JSON.parse(readFileSync('kiosk-config/default.json', 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ ...demo, devices: { barcode: [{ driver: 'simulator' }] } }),
  );
  sandbox = await startSandbox({ dataDir: join(dir, 'sandbox'), generatedItems: 5 });
  service = createKioskService({
    loaded: loadConfig(join(dir, 'config.json')),
    dataDir: join(dir, 'data'),
    logger: capturingLogger(),
    approvalBaseUrl: sandbox.url,
  });
  service.bus.listen((event, payload) => {
    if (event === 'barcode.scanned') scans.push(payload as { scanId: string });
  });
  await service.start();
  const started = Date.now();
  while (service.ctx.hub.families.barcode.readers[0]?.status().state !== 'ready') {
    if (Date.now() - started > 10_000) throw new Error('simulated reader not ready');
    await new Promise((r) => setTimeout(r, 10));
  }
}, 60_000);

afterAll(async () => {
  await service?.shutdown('test done');
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

function sandboxSignedPermit(validUntil = '20261203'): string {
  const privateKey = createPrivateKey(readFileSync(join(sandbox.dataDir, PERMIT_PRIVATE_KEY_FILE)));
  return encodePermitCode(
    {
      keyId: sandbox.permitKeyId,
      permitNumber: 'YHBZ-TEST-0001',
      permitType: 'fireworks-road-transport',
      holderCreditCode: syntheticEnterprise(5).creditCode,
      validFrom: '20261201',
      validUntil,
    },
    privateKey,
  );
}

describe('barcode.verify', () => {
  it("checks a scanned permit's signature with the central API", async () => {
    const scanId = await scan(sandboxSignedPermit());
    expect(await call('barcode.verify', { scanId })).toMatchObject({
      ok: true,
      value: {
        kind: 'permit',
        signature: 'VALID',
        checkedAt: expect.any(String),
        source: 'central-api',
      },
    });
  });

  it('catches a permit altered after signing', async () => {
    const altered = sandboxSignedPermit().replace('|20261203|', '|20261231|');
    const scanId = await scan(altered);
    expect(await call('barcode.verify', { scanId })).toMatchObject({
      ok: true,
      value: { kind: 'permit', signature: 'INVALID' },
    });
  });

  it('reports a batch the central API does not know, and refuses codes with nothing to verify', async () => {
    const batchId = await scan(encodeBatchCode({ gtin: '09506000134352', batch: 'NOPE' }));
    expect(await call('barcode.verify', { scanId: batchId })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_UNKNOWN_BATCH' },
    });
    const textId = await scan('just text');
    expect(await call('barcode.verify', { scanId: textId })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_NOT_VERIFIABLE' },
    });
  });

  it('refuses a scan that is no longer held once the session ended', async () => {
    const scanId = await scan(sandboxSignedPermit());
    service.ctx.session.ensure();
    service.ctx.session.end('cancel');
    expect(await call('barcode.verify', { scanId })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_SCAN_GONE' },
    });
  });

  it('signs in with a government-app code once, masked, and refuses it the second time', async () => {
    // The dev dock preset asks the sandbox (playing the app) for a real code.
    const scanId = await scan('', 'app-identity');
    const person = syntheticPerson(DEMO_PEOPLE_SEEDS[0]);
    expect(await call('barcode.signIn', { scanId })).toEqual({
      ok: true,
      value: {
        identified: true,
        nameMasked: maskName(person.name),
        idNumberMasked: maskIdentifier(person.idNumber),
      },
    });
    expect(service.ctx.session.active?.applicant).toMatchObject({
      source: 'app-qr',
      idNumber: person.idNumber,
    });
    expect(await call('barcode.signIn', { scanId })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_APP_CODE_USED' },
    });
    service.ctx.session.end('cancel');

    // Someone else's running session is not taken over.
    service.ctx.session.identify({
      kind: 'person',
      source: 'id-card',
      documentType: 'resident',
      idNumber: syntheticPerson(DEMO_PEOPLE_SEEDS[1]).idNumber,
      name: syntheticPerson(DEMO_PEOPLE_SEEDS[1]).name,
    });
    const second = await scan('', 'app-identity');
    expect(await call('barcode.signIn', { scanId: second })).toMatchObject({
      ok: true,
      value: { identified: false },
    });
    expect(service.ctx.session.active?.applicant?.source).toBe('id-card');
    service.ctx.session.end('cancel');

    // An expired code is refused by the kiosk before the central API is asked.
    const expired = await scan('', 'app-identity-expired');
    expect(await call('barcode.signIn', { scanId: expired })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_APP_CODE_EXPIRED' },
    });
    expect(service.ctx.session.active?.applicant).toBeUndefined();

    const notSignIn = await scan('just text');
    expect(await call('barcode.signIn', { scanId: notSignIn })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_NOT_SIGN_IN' },
    });
  });

  it("verifies the dev dock's permit presets, which the sandbox signs, with their live states", async () => {
    const listed = await call('barcode.simulatorPresets', {});
    if (!listed.ok) throw new Error('presets');
    const permits = listed.value.presets.filter((p) => p.id.startsWith('permit'));
    expect(permits.map((p) => p.id)).toEqual(['permit', 'permit-expired', 'permit-cancelled']);
    for (const p of permits) expect(p.label).toMatch(/signed by the sandbox/);

    const expected = {
      permit: 'IN_TRANSIT',
      'permit-expired': 'EXPIRED',
      'permit-cancelled': 'CANCELLED_ON_ARRIVAL',
    } as const;
    for (const [preset, state] of Object.entries(expected)) {
      const scanId = await scan('', preset);
      expect(await call('barcode.verify', { scanId })).toMatchObject({
        ok: true,
        value: { kind: 'permit', signature: 'VALID', state, source: 'central-api' },
      });
    }
  });

  it('checks the signature with cached keys while the central API is down', async () => {
    const valid = await scan(sandboxSignedPermit());
    const altered = await scan(sandboxSignedPermit().replace('|20261203|', '|20261231|'));
    // Scanned while the sandbox runs: a permit the sandbox issued, in transit.
    const preset = await scan('', 'permit');
    await sandbox.close();
    expect(await call('barcode.verify', { scanId: valid })).toMatchObject({
      ok: true,
      value: { kind: 'permit', signature: 'VALID', source: 'kiosk-offline' },
    });
    // Offline the kiosk checks the signature alone, against the keys the sandbox published.
    expect(await call('barcode.verify', { scanId: preset })).toEqual({
      ok: true,
      value: {
        kind: 'permit',
        signature: 'VALID',
        checkedAt: expect.any(String),
        source: 'kiosk-offline',
      },
    });
    // With the sandbox away the preset scans the code it gave last time: still genuine.
    const again = await scan('', 'permit');
    expect(await call('barcode.verify', { scanId: again })).toMatchObject({
      ok: true,
      value: { kind: 'permit', signature: 'VALID', source: 'kiosk-offline' },
    });
    const permitOf = (id: string) =>
      (scans.find((x) => x.scanId === id) as unknown as { code: { permitNumberMasked: string } })
        .code.permitNumberMasked;
    expect(permitOf(again)).toBe(permitOf(preset));
    // A preset that never reached a sandbox is signed by a key no issuer publishes.
    const permitPreset = simulatorPresets('HK-DEMO-0001').find((p) => p.id === 'permit')!;
    const fallback = await scan((await permitPreset.scan({})).text);
    expect(await call('barcode.verify', { scanId: fallback })).toMatchObject({
      ok: true,
      value: { kind: 'permit', signature: 'UNKNOWN_KEY', source: 'kiosk-offline' },
    });
    expect(await call('barcode.verify', { scanId: altered })).toMatchObject({
      ok: true,
      value: { kind: 'permit', signature: 'INVALID', source: 'kiosk-offline' },
    });
    const batch = await scan(encodeBatchCode({ gtin: '09506000134352', batch: 'NOPE' }));
    expect(await call('barcode.verify', { scanId: batch })).toMatchObject({
      ok: false,
      error: { code: 'E_BARCODE_VERIFY_UNAVAILABLE' },
    });
  });
});
