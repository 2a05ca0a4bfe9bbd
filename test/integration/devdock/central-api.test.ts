/**
 * The dev dock's "central API down / up" at the wire: the embedded sandbox the host starts (as
 * electron/host/embedded-sandbox.ts does for demo configs), the real service and dispatcher,
 * and the service's own signed approval client over real HTTP. Down means refused connections
 * and reset keep-alive sockets; up means the same URL answers again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import type { MethodName, ParamsOf } from '../../../electron/contract/index.js';
import {
  approvalEndpoint,
  type ApprovalEndpoint,
} from '../../../electron/host/embedded-sandbox.js';
import { loadConfig, type LoadedConfig } from '../../../electron/service/config/load.js';
import { callInProcess } from '../../../electron/service/rpc/dispatcher.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';

let dir: string;
let loaded: LoadedConfig;
let endpoint: ApprovalEndpoint;
let service: KioskService;
const logger = capturingLogger();
const renderer = newConnection('in-process');

function call<M extends MethodName>(svc: KioskService, method: M, params: ParamsOf<M>) {
  return callInProcess(svc.dispatcher, renderer, method, params);
}

/** Opens a plain TCP connection; resolves with the socket or the connect error's code. */
function tcp(port: number): Promise<{ socket?: Socket; code?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve({ socket }));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve({ code: e.code ?? 'unknown' }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-central-api-'));
  copyFileSync('kiosk-config/demo-terminal.key', join(dir, 'demo-terminal.key'));
  const demo = JSON.parse(readFileSync('kiosk-config/default.json', 'utf8')) as object;
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ ...demo, maintenance: { heartbeatSeconds: 0 } }),
  );
  loaded = loadConfig(join(dir, 'config.json'));
  endpoint = await approvalEndpoint(loaded, join(dir, 'data'), logger);
  service = createKioskService({
    loaded,
    dataDir: join(dir, 'data'),
    logger,
    approvalBaseUrl: endpoint.baseUrl,
    ...(endpoint.centralApiSwitch ? { centralApiSwitch: endpoint.centralApiSwitch } : {}),
  });
});
afterAll(async () => {
  await service?.shutdown('test done');
  await endpoint?.sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('central API switch over the embedded sandbox', () => {
  it('starts up, and the service calls the sandbox', async () => {
    expect(endpoint.centralApiSwitch).toBeDefined();
    const state = await call(service, 'devdock.centralApi.get', {});
    expect(state).toEqual({ ok: true, value: { down: false, url: endpoint.baseUrl } });
    const health = await service.ctx.approval.client!.health();
    expect(health.ok).toBe(true);
  });

  it('down: connections are refused and open ones are reset; the client reports a network error', async () => {
    const port = Number(new URL(endpoint.baseUrl).port);
    const open = await tcp(port);
    expect(open.socket).toBeDefined();
    const closed = new Promise<void>((resolve) => open.socket!.once('close', () => resolve()));

    const r = await call(service, 'devdock.centralApi.set', { down: true });
    expect(r).toEqual({ ok: true, value: { down: true, url: endpoint.baseUrl } });
    await closed;

    expect((await tcp(port)).code).toBe('ECONNREFUSED');
    const health = await service.ctx.approval.client!.health();
    expect(health.ok).toBe(false);
    if (!health.ok) {
      expect(health.error.kind).toBe('network');
      expect(health.error.message).toContain('ECONNREFUSED');
    }
    expect(await call(service, 'devdock.centralApi.get', {})).toMatchObject({
      value: { down: true },
    });
    expect(logger.lines.some((l) => l.fields['event'] === 'devdock.central-api-down')).toBe(true);
  });

  it('up: the same URL answers again', async () => {
    const r = await call(service, 'devdock.centralApi.set', { down: false });
    expect(r).toEqual({ ok: true, value: { down: false, url: endpoint.baseUrl } });
    const health = await service.ctx.approval.client!.health();
    expect(health.ok).toBe(true);
    // Setting the same state twice is harmless.
    expect((await call(service, 'devdock.centralApi.set', { down: false })).ok).toBe(true);
  });

  it('is refused without the dev dock, and when the API is not the embedded sandbox', async () => {
    const noDock = createKioskService({
      loaded: {
        ...loaded,
        config: { ...loaded.config, ui: { ...loaded.config.ui, devDock: false } },
      },
      dataDir: join(dir, 'no-dock'),
      logger,
      approvalBaseUrl: endpoint.baseUrl,
      ...(endpoint.centralApiSwitch ? { centralApiSwitch: endpoint.centralApiSwitch } : {}),
    });
    const notEmbedded = createKioskService({
      loaded,
      dataDir: join(dir, 'not-embedded'),
      logger,
      approvalBaseUrl: endpoint.baseUrl,
    });
    try {
      const refused = await call(noDock, 'devdock.centralApi.set', { down: true });
      expect(refused.ok || refused.error.code).toBe('E_DEVDOCK_DISABLED');
      const real = await call(notEmbedded, 'devdock.centralApi.get', {});
      expect(real.ok || real.error.code).toBe('E_DEVDOCK_NOT_EMBEDDED');
      expect(endpoint.centralApiSwitch!.isDown()).toBe(false);
    } finally {
      await noDock.shutdown('test done');
      await notEmbedded.shutdown('test done');
    }
  });
});
