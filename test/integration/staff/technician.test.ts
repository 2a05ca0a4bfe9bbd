/**
 * Technician features through the real service and dispatcher, on the demo config's simulated
 * devices (real protocols over real transports) and the sandbox central API: self-tests, the
 * redacted config view, safe config changes written to the file, the signed export (checked
 * with the system's tar), the heartbeat, staff card sign-in, and the audit of each action.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticDocument } from '../../../drivers/id-card/synthetic-cards.js';
import type { MethodName, ParamsOf } from '../../../electron/contract/index.js';
import { readTerminalKeyFile } from '../../../electron/service/approval/client.js';
import { loadConfig } from '../../../electron/service/config/load.js';
import { callInProcess } from '../../../electron/service/rpc/dispatcher.js';
import { type Connection, newConnection } from '../../../electron/service/rpc/connection.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { verifyArchive } from '../../../electron/service/technician/export.js';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server.js';
import { TECH_PIN, testStaffMembers } from '../../support/staff.js';

const STAFF_CARD = syntheticDocument('resident', 901).idNumber;
let dir: string;
let configPath: string;
let usb: string;
let sandbox: SandboxHandle;
let service: KioskService;
let tech: Connection;
const logger = capturingLogger();

async function call<M extends MethodName>(method: M, params: ParamsOf<M>, connection = tech) {
  return callInProcess(service.dispatcher, connection, method, params);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-tech-'));
  usb = join(dir, 'media', 'KIOSK-USB');
  mkdirSync(usb, { recursive: true });
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'kiosk.log'), '{"level":30,"event":"service.started"}\n');
  copyFileSync('kiosk-config/demo-terminal.key', join(dir, 'demo-terminal.key'));
  const demo = JSON.parse(readFileSync('kiosk-config/default.json', 'utf8')) as {
    devices: Record<string, unknown>;
  };
  const members = await testStaffMembers();
  members[0] = { ...members[0]!, cardNumbers: [STAFF_CARD] };
  configPath = join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...demo,
      devices: {
        ...demo.devices,
        idCard: {
          driver: 'simulator',
          cards: [
            { kind: 'resident', seed: 901 },
            { kind: 'resident', seed: 902 },
          ],
        },
      },
      staff: { members },
      maintenance: {
        heartbeatSeconds: 0,
        logDir: 'logs',
        exportRoots: [join(dir, 'media')],
      },
    }),
  );
  sandbox = await startSandbox({ dataDir: join(dir, 'sandbox'), generatedItems: 20 });
  service = createKioskService({
    loaded: loadConfig(configPath),
    dataDir: join(dir, 'data'),
    logger,
    approvalBaseUrl: sandbox.url,
  });
  await service.start();
  tech = newConnection('in-process');
  expect(await call('staff.signIn', { staffId: '2001', pin: TECH_PIN })).toMatchObject({
    ok: true,
  });
}, 60_000);

afterAll(async () => {
  await service.shutdown('test done');
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const families = () => service.ctx.hub.families;

describe('device self-tests', () => {
  it('prints a test receipt on the printer', async () => {
    const result = await call('tech.selfTest', { deviceId: 'printer', waitSeconds: 5 });
    expect(result).toMatchObject({
      ok: true,
      value: { family: 'printer', ok: true, message: 'test receipt printed' },
    });
  });

  it('reads a card placed on the reader, masked, and leaves no applicant session', async () => {
    const pending = call('tech.selfTest', { deviceId: 'idCard', waitSeconds: 10 });
    setTimeout(() => families().idCard.simulator!.placeCard(1), 50);
    const result = await pending;
    families().idCard.simulator!.removeCard();
    expect(result).toMatchObject({ ok: true, value: { family: 'idCard', ok: true } });
    const card = syntheticDocument('resident', 902).idNumber;
    expect(result.ok && result.value.details['cardMasked']).toBe(
      `${card.slice(0, 3)}${'*'.repeat(card.length - 7)}${card.slice(-4)}`,
    );
    expect(service.ctx.session.active).toBeUndefined();
  });

  it('reads a code on the barcode reader and reports only its kind', async () => {
    const pending = call('tech.selfTest', { deviceId: 'barcode.0', waitSeconds: 10 });
    setTimeout(
      () => void families().barcode.simulators.get('barcode.0')!.scan({ text: 'HELLO-123' }),
      50,
    );
    expect(await pending).toMatchObject({
      ok: true,
      value: { family: 'barcode', ok: true, details: { kind: 'unknown' } },
    });
  });

  it('reports an unknown device by name', async () => {
    expect(await call('tech.selfTest', { deviceId: 'fax.0', waitSeconds: 1 })).toMatchObject({
      ok: false,
      error: { code: 'E_DEVICE_UNKNOWN', message: 'no configured device has the id "fax.0"' },
    });
  });
});

describe('configuration', () => {
  it('shows the running config without PIN hashes or full card numbers', async () => {
    const view = await call('tech.configView', {});
    expect(view.ok).toBe(true);
    const text = JSON.stringify(view);
    for (const member of service.ctx.loaded.config.staff.members) {
      expect(text).not.toContain(member.pin.hash);
      expect(text).not.toContain(member.pin.salt);
    }
    expect(text).not.toContain(STAFF_CARD);
    expect(text).not.toContain(readFileSync(join(dir, 'demo-terminal.key'), 'utf8').trim());
    expect(view.ok && view.value.pendingRestart).toBe(false);
  });

  it('writes a safe change to the file, audited, pending a restart', async () => {
    expect(
      await call('tech.configSet', { path: 'ui.idleTimeoutSeconds', value: 90 }),
    ).toMatchObject({
      ok: true,
      value: { path: 'ui.idleTimeoutSeconds', value: 90, restartRequired: true },
    });
    const onDisk = JSON.parse(readFileSync(configPath, 'utf8')) as {
      ui: { idleTimeoutSeconds: number };
    };
    expect(onDisk.ui.idleTimeoutSeconds).toBe(90);
    expect(loadConfig(configPath).config.ui.idleTimeoutSeconds).toBe(90);
    const view = await call('tech.configView', {});
    expect(view.ok && view.value.pendingRestart).toBe(true);
    const last = service.ctx.staffDomain.audit.recent(1)[0]!;
    expect(last).toMatchObject({
      actor: '2001',
      action: 'config.change',
      outcome: 'success',
      details: { path: 'ui.idleTimeoutSeconds', to: 90 },
    });
  });

  it('refuses a value the schema refuses and leaves the file alone', async () => {
    const before = readFileSync(configPath, 'utf8');
    const result = await call('tech.configSet', { path: 'ui.idleTimeoutSeconds', value: 5 });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_CONFIG_INVALID' } });
    expect(!result.ok && result.error.message).toMatch(
      /ui\.idleTimeoutSeconds: expected .*30.*found 5/,
    );
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });

  it('refuses fields outside the safe list at the contract', async () => {
    expect(
      await call('tech.configSet', {
        path: 'approvalApi.baseUrl',
        value: 'https://evil.example',
      } as never),
    ).toMatchObject({ ok: false, error: { code: 'E_PARAMS' } });
  });
});

describe('export', () => {
  it('writes a tar archive with a detached signature that verifies', async () => {
    const result = await call('tech.export', { folder: usb });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const listing = execFileSync('tar', ['-tf', result.value.archive], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toEqual([
      'manifest.json',
      'audit/audit.jsonl',
      'audit/verify.json',
      'logs/kiosk.log',
    ]);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOf', result.value.archive, 'manifest.json'], { encoding: 'utf8' }),
    ) as { terminalId: string; auditChainOk: boolean; auditHeadHash: string };
    expect(manifest).toMatchObject({ terminalId: 'HK-DEMO-0001', auditChainOk: true });
    expect(manifest.auditHeadHash).toBe(result.value.auditHeadHash);

    const key = readTerminalKeyFile(join(dir, 'demo-terminal.key'));
    const archive = readFileSync(result.value.archive);
    const signature = readFileSync(result.value.signature, 'utf8');
    expect(verifyArchive(key, archive, signature).ok).toBe(true);
    const tampered = Buffer.from(archive);
    tampered[600] = tampered[600]! ^ 1;
    expect(verifyArchive(key, tampered, signature)).toMatchObject({ ok: false });
    expect(verifyArchive(new Uint8Array(32), archive, signature)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/signature does not match/),
    });
  });

  it('offers the folders under the export roots', async () => {
    expect(await call('tech.exportTargets', {})).toEqual({
      ok: true,
      value: { folders: [usb] },
    });
  });

  it('refuses a folder outside the export roots', async () => {
    expect(await call('tech.export', { folder: dir })).toMatchObject({
      ok: false,
      error: { code: 'E_EXPORT_FOLDER', message: expect.stringMatching(/exportRoots/) },
    });
    expect(await call('tech.export', { folder: join(usb, 'missing') })).toMatchObject({
      ok: false,
      error: { code: 'E_EXPORT_FOLDER', message: expect.stringMatching(/does not exist/) },
    });
  });
});

describe('heartbeat and info', () => {
  it('sends a heartbeat the sandbox acknowledges and shows it in tech.info', async () => {
    const beat = await call('tech.heartbeatNow', {});
    expect(beat).toMatchObject({ ok: true, value: { ok: true } });
    expect(beat.ok && beat.value.receivedAt).toEqual(expect.any(String));
    const info = await call('tech.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        terminalId: 'HK-DEMO-0001',
        api: { baseUrl: sandbox.url, lastHeartbeat: { ok: true } },
        availability: { state: 'in-service' },
      },
    });
    const head = service.ctx.staffDomain.audit.recent(1)[0]!;
    expect(info.ok && info.value.auditHead).toEqual({ seq: head.seq, hash: head.hash });
  });
});

describe('staff card', () => {
  it('signs a waiting screen in with a staff card and ends the session the read opened', async () => {
    const screen = newConnection('in-process');
    const pending = call('staff.signInWithCard', { waitSeconds: 10 }, screen);
    setTimeout(() => families().idCard.simulator!.placeCard(0), 50);
    const result = await pending;
    families().idCard.simulator!.removeCard();
    expect(result).toMatchObject({
      ok: true,
      value: { staffId: '1001', role: 'staff', via: 'card' },
    });
    expect(screen.role).toBe('staff');
    expect(service.ctx.session.active).toBeUndefined();
    expect(JSON.stringify(logger.lines)).not.toContain(STAFF_CARD);
  });
});

describe('assist: staff-entered identity', () => {
  it('starts the session with the typed identity, marked as staff-entered, audited masked', async () => {
    const person = syntheticDocument('resident', 903);
    const result = await call('staff.enterApplicant', {
      idNumber: person.idNumber,
      name: person.name,
      reason: 'card-unreadable',
    });
    expect(result).toEqual({ ok: true, value: { started: true, replaced: false } });
    expect(service.ctx.session.view()?.applicant).toMatchObject({ source: 'staff-entry' });
    const entry = service.ctx.staffDomain.audit.recent(1)[0]!;
    expect(entry).toMatchObject({
      action: 'session.staff-entry',
      outcome: 'success',
      actor: '2001',
    });
    expect(JSON.stringify(service.ctx.staffDomain.audit.list(0, 500))).not.toContain(
      person.idNumber,
    );
    expect(JSON.stringify(logger.lines)).not.toContain(person.idNumber);
    expect(JSON.stringify(logger.lines)).not.toContain(person.name);
    service.ctx.session.end('cancel');
  });

  it('names the problem of a mistyped ID number', async () => {
    const person = syntheticDocument('resident', 904);
    const last = person.idNumber.at(-1) === '1' ? '2' : '1';
    const result = await call('staff.enterApplicant', {
      idNumber: `${person.idNumber.slice(0, 17)}${last}`,
      name: person.name,
      reason: 'reader-fault',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'E_STAFF_ID_INVALID', message: expect.stringMatching(/mistyped/) },
    });
    expect(service.ctx.session.active).toBeUndefined();
  });
});

describe('audit of staff actions', () => {
  it('recorded every action above and the chain verifies', async () => {
    const actions = service.ctx.staffDomain.audit
      .list(0, 500)
      .map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.sign-in:success',
        'device.self-test:success',
        'device.self-test:refused',
        'config.change:success',
        'config.change:failure',
        'export.write:success',
        'export.write:failure',
        'tech.heartbeatNow:success',
      ]),
    );
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});
