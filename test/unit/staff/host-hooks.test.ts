/**
 * The host hooks behind tech.restart and tech.quitApp: called after the answer, audited, and
 * refused with a named error where the host provides none (the CLI).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { callInProcess } from '../../../electron/service/rpc/dispatcher.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { demoConfig } from '../../support/service.js';
import { TECH_PIN, testStaffMembers } from '../../support/staff.js';

let service: KioskService | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await service?.shutdown('test done');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function technicianService(hooks: {
  requestRestart?: (r: string) => void;
  requestQuit?: () => void;
}) {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-hooks-'));
  service = createKioskService({
    loaded: parseConfig(
      demoConfig({
        staff: { members: await testStaffMembers() },
        maintenance: { heartbeatSeconds: 0 },
      }),
      join(process.cwd(), 'kiosk-config', 'hooks-test.json'),
    ),
    dataDir,
    logger: silentLogger,
    ...hooks,
  });
  await service.start();
  const connection = newConnection('in-process');
  const signedIn = await callInProcess(service.dispatcher, connection, 'staff.signIn', {
    staffId: '2001',
    pin: TECH_PIN,
  });
  expect(signedIn.ok).toBe(true);
  return { s: service, connection };
}

describe('host hooks', () => {
  it('restart and quit call the host after answering, and are audited', async () => {
    const requestRestart = vi.fn();
    const requestQuit = vi.fn();
    const { s, connection } = await technicianService({ requestRestart, requestQuit });
    expect(await callInProcess(s.dispatcher, connection, 'tech.restart', {})).toEqual({
      ok: true,
      value: { restarting: true },
    });
    expect(requestRestart).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(requestRestart).toHaveBeenCalledWith('technician request'));
    expect(await callInProcess(s.dispatcher, connection, 'tech.quitApp', {})).toEqual({
      ok: true,
      value: { quitting: true },
    });
    await vi.waitFor(() => expect(requestQuit).toHaveBeenCalledOnce());
    const actions = s.ctx.staffDomain.audit
      .recent(2)
      .map((e) => `${e.actor} ${e.action} ${e.outcome}`);
    expect(actions).toEqual(['2001 app.quit success', '2001 service.restart success']);
  });

  it('refuses both with a named error where the host has no hook', async () => {
    const { s, connection } = await technicianService({});
    expect(await callInProcess(s.dispatcher, connection, 'tech.restart', {})).toMatchObject({
      ok: false,
      error: { code: 'E_RESTART_UNSUPPORTED' },
    });
    expect(await callInProcess(s.dispatcher, connection, 'tech.quitApp', {})).toMatchObject({
      ok: false,
      error: { code: 'E_QUIT_UNSUPPORTED' },
    });
    expect(s.ctx.staffDomain.audit.recent(2).map((e) => e.outcome)).toEqual(['refused', 'refused']);
  });
});
