/**
 * The id-card family inside a real kiosk service: a card read starts the applicant session,
 * the renderer's events carry masked data only, the dev dock drives the simulator, and the CLI
 * prints one identity.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import { syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { KioskConfigInput } from '../../../kiosk-config/schema.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { demoConfig, startTestService, type TestService } from '../../support/service.js';
import { waitUntil } from './rig.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

let running: TestService | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function configWith(idCard: Record<string, unknown>, devDock = true): KioskConfigInput {
  const base = demoConfig();
  return {
    ...base,
    devices: { barcode: [], idCard: idCard as never },
    ui: { devDock },
  };
}

async function start(config: KioskConfigInput) {
  running = await startTestService(config);
  const { service } = running;
  const events: { event: string; payload: unknown }[] = [];
  service.bus.listen((event, payload) => events.push({ event, payload }));
  const connection = newConnection('websocket');
  const call = async (method: string, params: unknown) => {
    const frame = JSON.parse(
      await service.dispatcher.dispatch(
        connection,
        JSON.stringify({ type: 'call', id: 1, method, params }),
      ),
    ) as { result: { ok: boolean; value?: unknown; error?: { code: string } } };
    return frame.result;
  };
  return { service, events, call };
}

describe('id-card family in the service', () => {
  it('a card placed from the dev dock starts a session the renderer sees masked', async () => {
    const { service, events, call } = await start(
      configWith({ driver: 'simulator', pollIntervalMs: 300 }),
    );
    const state = await call('idCard.simulatorState', {});
    expect(state.ok).toBe(true);

    expect((await call('idCard.placeCard', { index: 0 })).ok).toBe(true);
    await waitUntil('session', () => service.ctx.session.active?.applicant !== undefined);

    const person = syntheticPerson(1);
    const read = events.find((e) => e.event === 'idCard.read');
    expect(read?.payload).toMatchObject({
      documentType: 'resident',
      idNumberMasked: maskIdentifier(person.idNumber),
      identified: true,
    });
    const view = service.ctx.session.view();
    expect(view?.applicant).toMatchObject({
      source: 'id-card',
      documentType: 'resident',
      idNumberMasked: maskIdentifier(person.idNumber),
    });
    // Nothing unmasked travels to the renderer.
    expect(JSON.stringify(events)).not.toContain(person.idNumber);
    expect(JSON.stringify(events)).not.toContain(person.name);
    expect(service.ctx.session.active?.applicant?.idNumber).toBe(person.idNumber);
  });

  it('keeps the running session on a second card unless replaceSession is set', async () => {
    const keep = await start(configWith({ driver: 'simulator', pollIntervalMs: 300 }));
    await keep.call('idCard.placeCard', { index: 0 });
    await waitUntil(
      'first session',
      () => keep.service.ctx.session.active?.applicant !== undefined,
    );
    const firstId = keep.service.ctx.session.active?.id;
    await keep.call('idCard.placeCard', { index: 9 });
    await waitUntil(
      'second read',
      () => keep.events.filter((e) => e.event === 'idCard.read').length === 2,
    );
    expect(keep.service.ctx.session.active?.id).toBe(firstId);
    expect(keep.events.filter((e) => e.event === 'idCard.read').at(-1)?.payload).toMatchObject({
      documentType: 'foreigner-permanent-2017',
      identified: false,
    });
    await running?.close();
    running = undefined;

    const replace = await start(
      configWith({ driver: 'simulator', pollIntervalMs: 300, replaceSession: true }),
    );
    await replace.call('idCard.placeCard', { index: 0 });
    await waitUntil(
      'first session',
      () => replace.service.ctx.session.active?.applicant !== undefined,
    );
    const before = replace.service.ctx.session.active?.id;
    await replace.call('idCard.placeCard', { index: 10 });
    await waitUntil('replaced', () => replace.service.ctx.session.active?.id !== before);
    expect(replace.service.ctx.session.active?.applicant?.documentType).toBe(
      'foreigner-permanent-2023',
    );
  });

  it('dev dock methods refuse when the dock is disabled or a card index does not exist', async () => {
    const { call } = await start(configWith({ driver: 'simulator' }));
    expect(await call('idCard.placeCard', { index: 40 })).toMatchObject({
      ok: false,
      error: { code: 'E_IDCARD_NO_SUCH_CARD' },
    });
    await running?.close();
    running = undefined;
    const off = await start(configWith({ driver: 'simulator' }, false));
    expect(await off.call('idCard.placeCard', { index: 0 })).toMatchObject({
      ok: false,
      error: { code: 'E_DEVDOCK_DISABLED' },
    });
  });
});

describe('npm run devices -- id-card read', () => {
  function configFile(idCard: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'id-card-cli-'));
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify(configWith(idCard)));
    return file;
  }
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

  it('prints one masked identity, or the whole document with --unmasked', () => {
    const file = configFile({ driver: 'simulator', autoPlaceMs: 100, pollIntervalMs: 300 });
    const person = syntheticPerson(1);

    const masked = devices(['id-card', 'read', '--config', file, '--timeout', '20000']);
    expect(masked.status, masked.stderr).toBe(0);
    const out = JSON.parse(masked.stdout) as { ok: boolean; identity: Record<string, unknown> };
    expect(out.identity).toMatchObject({
      documentType: 'resident',
      idNumber: maskIdentifier(person.idNumber),
    });
    expect(masked.stdout).not.toContain(person.idNumber);
    expect(masked.stdout).not.toContain(person.address);
    expect(masked.stderr).not.toContain(person.idNumber);

    const full = devices(['id-card', 'read', '--config', file, '--unmasked']);
    expect(full.status, full.stderr).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({
      ok: true,
      identity: {
        idNumber: person.idNumber,
        name: person.name,
        address: person.address,
        photoBytes: 1024,
      },
    });
  });

  it('exits 1 when no card comes in time, and 2 on a bad timeout', () => {
    const file = configFile({ driver: 'simulator' });
    const late = devices(['id-card', 'read', '--config', file, '--timeout', '700']);
    expect(late.status).toBe(1);
    expect(JSON.parse(late.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_IDCARD_TIMEOUT' },
    });
    expect(devices(['id-card', 'read', '--config', file, '--timeout', 'soon']).status).toBe(2);
  });
});
