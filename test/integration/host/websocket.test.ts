/**
 * The browser host's WebSocket at the wire: a real host on 127.0.0.1, real sockets, and every
 * refusal the guard makes (no token, wrong token, wrong Origin, wrong Host, wrong path,
 * oversized frame), each checked for its answer and its log line.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { MAX_FRAME_BYTES } from '../../../electron/contract/protocol.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { RPC_SUBPROTOCOL } from '../../../electron/host/guard.js';
import { type RunningHost, startHost } from '../../../electron/host/host.js';
import { demoConfig } from '../../support/service.js';

let host: RunningHost;
const logger = capturingLogger();

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  host = await startHost({
    loaded: parseConfig(demoConfig()),
    dataDir: mkdtempSync(join(tmpdir(), 'host-')),
    port: 0,
    openBrowser: false,
    logger,
    rendererDir,
  });
});
afterAll(() => host.close());

interface Attempt {
  readonly path?: string;
  readonly origin?: string | null;
  readonly host?: string;
  readonly protocols?: string[];
}

function connect(attempt: Attempt = {}): Promise<{ ws?: WebSocket; status?: number }> {
  const origin = attempt.origin === undefined ? `http://127.0.0.1:${host.port}` : attempt.origin;
  const ws = new WebSocket(
    `ws://127.0.0.1:${host.port}${attempt.path ?? '/rpc'}`,
    attempt.protocols ?? [RPC_SUBPROTOCOL, `token.${host.token}`],
    {
      headers: { ...(attempt.host ? { Host: attempt.host } : {}) },
      ...(origin === null ? {} : { origin }),
    },
  );
  // Frames can arrive in the same tick as 'open': queue them from the start.
  const queue: Record<string, unknown>[] = [];
  const waiters: ((f: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(parsed);
    else queue.push(parsed);
  });
  queues.set(ws, { queue, waiters });
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

const queues = new Map<
  WebSocket,
  { queue: Record<string, unknown>[]; waiters: ((f: Record<string, unknown>) => void)[] }
>();

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  const q = queues.get(ws)!;
  const ready = q.queue.shift();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => q.waiters.push(resolve));
}

const lastRefusal = () =>
  logger.lines.filter((l) => l.fields['event'] === 'host.ws-refused').at(-1)?.fields;

describe('browser host WebSocket', () => {
  it('serves the contract to a page that presents the token', async () => {
    const { ws } = await connect();
    expect(ws).toBeDefined();
    expect(await nextFrame(ws!)).toMatchObject({ type: 'welcome', role: 'applicant' });
    ws!.send(JSON.stringify({ type: 'call', id: 1, method: 'system.hello', params: {} }));
    expect(await nextFrame(ws!)).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { terminalId: 'HK-TEST-0001' } },
    });
    ws!.close();
  });

  it.each<[string, Attempt, number, RegExp]>([
    ['no token', { protocols: [RPC_SUBPROTOCOL] }, 401, /no token/],
    [
      'a wrong token',
      { protocols: [RPC_SUBPROTOCOL, `token.${'0'.repeat(64)}`] },
      401,
      /wrong token/,
    ],
    ['a short token', { protocols: [RPC_SUBPROTOCOL, 'token.abc'] }, 401, /wrong token/],
    ['no subprotocol', { protocols: [] }, 401, /subprotocol/],
    ['another origin', { origin: 'http://127.0.0.1:1' }, 403, /Origin/],
    ['no origin', { origin: null }, 403, /Origin/],
    ['another host name', { host: 'evil.example:80' }, 421, /Host/],
    ['localhost instead of the address', { host: 'localhost' }, 421, /Host/],
    ['another path', { path: '/admin' }, 404, /path/],
  ])('refuses a connection with %s and logs why', async (_label, attempt, status, reason) => {
    const result = await connect(attempt);
    expect(result.ws).toBeUndefined();
    expect(result.status).toBe(status);
    expect(String(lastRefusal()?.['reason'])).toMatch(reason);
  });

  it('closes a connection that sends an oversized frame (1009) and logs it', async () => {
    const { ws } = await connect();
    await nextFrame(ws!);
    const closed = new Promise<number>((resolve) => ws!.on('close', (code) => resolve(code)));
    ws!.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    await new Promise((r) => setTimeout(r, 50));
    expect(String(lastRefusal()?.['reason'])).toMatch(/too large|Max payload/i);
  });

  it('answers a binary frame as a bad frame instead of crashing', async () => {
    const { ws } = await connect();
    await nextFrame(ws!);
    ws!.send(Buffer.from([1, 2, 3]));
    expect(await nextFrame(ws!)).toMatchObject({
      type: 'result',
      id: null,
      result: { ok: false, error: { code: 'E_BAD_FRAME' } },
    });
    ws!.close();
  });

  it('serves static files with the CSP and refuses path traversal', async () => {
    const get = (path: string) =>
      new Promise<{ status: number; csp?: string }>((resolve) => {
        request({ host: '127.0.0.1', port: host.port, path }, (res) => {
          res.resume();
          resolve({
            status: res.statusCode ?? 0,
            csp: res.headers['content-security-policy'] as string | undefined,
          });
        }).end();
      });
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.csp).toContain("script-src 'self'");
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('closes sockets with 1012 on a service restart and serves again afterwards', async () => {
    const { ws } = await connect();
    await nextFrame(ws!);
    const closed = new Promise<number>((resolve) => ws!.on('close', (code) => resolve(code)));
    await host.restartService('test');
    expect(await closed).toBe(1012);
    const again = await connect();
    expect(await nextFrame(again.ws!)).toMatchObject({ type: 'welcome' });
    again.ws!.close();
  });
});
