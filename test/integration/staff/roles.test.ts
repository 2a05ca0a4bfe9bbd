/**
 * Roles at the wire: a real browser host on 127.0.0.1, a real WebSocket, hand-written JSON
 * frames. An applicant connection is refused technician methods; a sign-in raises only that
 * connection; the raised role expires by itself (the clock is moved, not waited for).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { RPC_SUBPROTOCOL } from '../../../electron/host/guard.js';
import { type RunningHost, startHost } from '../../../electron/host/host.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { demoConfig } from '../../support/service.js';
import { STAFF_PIN, TECH_PIN, testStaffMembers } from '../../support/staff.js';

let host: RunningHost;
const logger = capturingLogger();

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  host = await startHost({
    loaded: parseConfig(
      demoConfig({
        staff: { sessionMinutes: 15, members: await testStaffMembers() },
        maintenance: { heartbeatSeconds: 0 },
      }),
      join(process.cwd(), 'kiosk-config', 'inline-test.json'),
    ),
    dataDir: mkdtempSync(join(tmpdir(), 'host-staff-')),
    port: 0,
    openBrowser: false,
    logger,
    rendererDir,
  });
});
afterAll(() => host.close());
afterEach(() => {
  vi.useRealTimers();
});

interface Socket {
  send(text: string): void;
  next(): Promise<Record<string, unknown>>;
  close(): void;
}

async function open(): Promise<Socket> {
  const ws = new WebSocket(
    `ws://127.0.0.1:${host.port}/rpc`,
    [RPC_SUBPROTOCOL, `token.${host.token}`],
    {
      origin: `http://127.0.0.1:${host.port}`,
    },
  );
  const queue: Record<string, unknown>[] = [];
  const waiters: ((f: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    // Only call answers and the welcome matter here; events are skipped.
    if (frame['type'] === 'event') return;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else queue.push(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    send: (text) => ws.send(text),
    next: () => {
      const ready = queue.shift();
      return ready ? Promise.resolve(ready) : new Promise((r) => waiters.push(r));
    },
    close: () => ws.close(),
  };
}

let nextId = 100;
/** Sends a literal frame and returns the `result` member of its answer. */
async function call(
  socket: Socket,
  method: string,
  params: object = {},
): Promise<Record<string, unknown>> {
  const id = nextId++;
  socket.send(
    `{"type":"call","id":${id},"method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}`,
  );
  const frame = await socket.next();
  expect(frame).toMatchObject({ type: 'result', id });
  return frame['result'] as Record<string, unknown>;
}

describe('roles over the WebSocket', () => {
  it('refuses technician methods to an applicant, allows them after sign-in, refuses again after expiry', async () => {
    const page = await open();
    expect(await page.next()).toMatchObject({ type: 'welcome', role: 'applicant' });

    for (const method of ['audit.recent', 'tech.info', 'devices.reconnect']) {
      const params = method === 'devices.reconnect' ? { id: 'printer' } : {};
      expect(await call(page, method, params)).toMatchObject({
        ok: false,
        error: { code: 'E_ROLE', message: `role "applicant" may not call ${method}` },
      });
    }
    expect(await call(page, 'staff.signIn', { staffId: '2001', pin: '00000000' })).toMatchObject({
      ok: false,
      error: { code: 'E_STAFF_DENIED' },
    });

    const signIn = await call(page, 'staff.signIn', { staffId: '2001', pin: TECH_PIN });
    expect(signIn).toMatchObject({
      ok: true,
      value: { staffId: '2001', role: 'technician', via: 'pin' },
    });
    const expiresAt = Date.parse((signIn['value'] as { expiresAt: string }).expiresAt);

    const recent = await call(page, 'audit.recent', { limit: 10 });
    expect(recent['ok']).toBe(true);
    const actions = (recent['value'] as { action: string; outcome: string; actor: string }[]).map(
      (e) => `${e.actor} ${e.action} ${e.outcome}`,
    );
    expect(actions.slice(0, 2)).toEqual([
      '2001 staff.sign-in success',
      '2001 staff.sign-in failure',
    ]);
    expect(await call(page, 'tech.info')).toMatchObject({
      ok: true,
      value: { terminalId: 'HK-TEST-0001' },
    });

    // Another page on the same kiosk stays an applicant: the role belongs to the connection.
    const other = await open();
    await other.next();
    expect(await call(other, 'audit.recent', { limit: 1 })).toMatchObject({
      error: { code: 'E_ROLE' },
    });
    other.close();

    // Move the clock past the end of the staff session (only Date is faked; sockets run).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(expiresAt + 1);
    expect(await call(page, 'audit.recent', { limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'E_ROLE', message: 'role "applicant" may not call audit.recent' },
    });
    expect(await call(page, 'staff.status')).toMatchObject({
      ok: true,
      value: { role: 'applicant' },
    });
    vi.useRealTimers();
    page.close();
  });

  it('gives staff the assist methods but not the technician ones, and signs out', async () => {
    const page = await open();
    await page.next();
    expect(await call(page, 'staff.signIn', { staffId: '1001', pin: STAFF_PIN })).toMatchObject({
      ok: true,
      value: { role: 'staff' },
    });
    expect(await call(page, 'staff.endApplicantSession')).toMatchObject({
      ok: true,
      value: { ended: false },
    });
    expect(await call(page, 'tech.configView')).toMatchObject({ error: { code: 'E_ROLE' } });
    expect(await call(page, 'staff.signOut')).toMatchObject({
      ok: true,
      value: { signedOut: true },
    });
    expect(await call(page, 'staff.endApplicantSession')).toMatchObject({
      error: { code: 'E_ROLE' },
    });
    page.close();

    const refusals = logger.lines.filter(
      (l) => l.fields['event'] === 'rpc.refused' && l.fields['code'] === 'E_ROLE',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(4);
  });
});
