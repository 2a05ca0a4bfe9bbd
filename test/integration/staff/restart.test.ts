/**
 * A technician's config change taking effect: over the real WebSocket of a real browser host,
 * tech.configSet writes the file, tech.restart restarts the service (the socket closes with
 * 1012 "service restart"), and a new connection sees the new value from the re-read file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { RPC_SUBPROTOCOL } from '../../../electron/host/guard.js';
import { type RunningHost, startHost } from '../../../electron/host/host.js';
import { loadConfig } from '../../../electron/service/config/load.js';
import { demoConfig } from '../../support/service.js';
import { TECH_PIN, testStaffMembers } from '../../support/staff.js';

let host: RunningHost;
const logger = capturingLogger();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-restart-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  copyFileSync('kiosk-config/demo-terminal.key', join(dir, 'demo-terminal.key'));
  const configPath = join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      demoConfig({
        staff: { members: await testStaffMembers() },
        maintenance: { heartbeatSeconds: 0 },
      }),
    ),
  );
  host = await startHost({
    loaded: loadConfig(configPath),
    dataDir: join(dir, 'data'),
    port: 0,
    openBrowser: false,
    logger,
    rendererDir,
  });
});
afterAll(() => host.close());

interface Peer {
  call(method: string, params?: object): Promise<Record<string, unknown>>;
  closed: Promise<number>;
}

async function connect(): Promise<Peer> {
  const ws = new WebSocket(
    `ws://127.0.0.1:${host.port}/rpc`,
    [RPC_SUBPROTOCOL, `token.${host.token}`],
    {
      origin: `http://127.0.0.1:${host.port}`,
    },
  );
  const pending = new Map<number, (r: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as {
      type: string;
      id?: number;
      result?: Record<string, unknown>;
    };
    if (frame.type === 'result' && frame.id !== undefined) pending.get(frame.id)?.(frame.result!);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  return {
    closed,
    call: (method, params = {}) =>
      new Promise((resolve) => {
        id++;
        pending.set(id, resolve);
        ws.send(
          `{"type":"call","id":${id},"method":"${method}","params":${JSON.stringify(params)}}`,
        );
      }),
  };
}

it('a saved change takes effect after the technician restarts the service', async () => {
  const tech = await connect();
  expect(await tech.call('staff.signIn', { staffId: '2001', pin: TECH_PIN })).toMatchObject({
    ok: true,
  });
  expect(await tech.call('system.hello')).toMatchObject({
    value: { idle: { timeoutSeconds: 120 } },
  });
  expect(
    await tech.call('tech.configSet', { path: 'ui.idleTimeoutSeconds', value: 240 }),
  ).toMatchObject({ ok: true, value: { restartRequired: true } });
  // Saved but not applied yet.
  expect(await tech.call('system.hello')).toMatchObject({
    value: { idle: { timeoutSeconds: 120 } },
  });

  expect(await tech.call('tech.restart')).toEqual({ ok: true, value: { restarting: true } });
  expect(await tech.closed).toBe(1012);
  await expect
    .poll(() => logger.lines.some((l) => l.fields['event'] === 'host.service-restarted'), {
      timeout: 20_000,
    })
    .toBe(true);

  const after = await connect();
  expect(await after.call('system.hello')).toMatchObject({
    value: { idle: { timeoutSeconds: 240 }, role: 'applicant' },
  });
  // The audit trail kept the change and the restart across the restart.
  const restartEntries = logger.lines.filter((l) => l.fields['event'] === 'config.changed');
  expect(restartEntries).toHaveLength(1);
  expect(await after.call('staff.signIn', { staffId: '2001', pin: TECH_PIN })).toMatchObject({
    ok: true,
  });
  const recent = (await after.call('audit.recent', { limit: 5 }))['value'] as { action: string }[];
  expect(recent.map((e) => e.action)).toEqual(
    expect.arrayContaining(['service.restart', 'config.change']),
  );
  expect(
    JSON.parse(readFileSync(host.service().ctx.loaded.path, 'utf8')).ui.idleTimeoutSeconds,
  ).toBe(240);
});
