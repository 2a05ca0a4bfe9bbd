import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/protocol.js';
import { startKioskShell, type KioskShell } from '../../../electron/main/shell.js';
import {
  electronFake as fake,
  fakeEvent,
  FakeFrame,
  type FakeBrowserWindow,
  type FakeUtilityProcess,
  keyInput,
} from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const MAIN_DIR = '/opt/hall-kiosk/resources/app/out/main';
let signals: EventEmitter;
let logger: ReturnType<typeof capturingLogger>;
let shell: KioskShell | undefined;

/** Lets promise callbacks (whenReady, stop) run; timers stay fake. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function start(env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  const started = startKioskShell({
    mainDir: MAIN_DIR,
    logger,
    argv: ['/opt/hall-kiosk/hall-kiosk'],
    env,
    signals,
    onStarted: (s) => (shell = s),
  });
  fake.app.becomeReady();
  await settle();
  return started;
}

const service = (): FakeUtilityProcess => {
  const child = fake.forks.at(-1);
  if (!child) throw new Error('service was not forked');
  return child;
};
const kioskWindow = (): FakeBrowserWindow => {
  const window = fake.windows.filter((w) => !w.isDestroyed()).at(-1);
  if (!window) throw new Error('no kiosk window');
  return window;
};
const events = (): unknown[] => logger.lines.map((l) => l.fields['event']);

/** Electron's sequence for a page load: navigation commits, then the load finishes. */
function pageLoads(window: FakeBrowserWindow): void {
  window.webContents.emit('did-navigate');
  window.webContents.emit('did-finish-load');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  fake.reset();
  signals = new EventEmitter();
  logger = capturingLogger();
  shell = undefined;
});
afterEach(() => {
  shell?.recovery.dispose();
  vi.useRealTimers();
});

describe('Electron shell composition', () => {
  it('exits at once when another instance holds the lock', async () => {
    fake.app.hasLock = false;
    expect(await start()).toBe(false);
    expect(fake.app.exitCode).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.forks).toHaveLength(0);
    expect(fake.privilegedSchemes).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await start();
    kioskWindow().minimized = true;
    fake.app.emit('second-instance', fakeEvent(), ['hall-kiosk'], '/');
    expect(kioskWindow().restored).toBe(1);
    expect(kioskWindow().focused).toBe(1);
  });

  it('removes the menu and registers the app scheme before the app is ready', () => {
    startKioskShell({ mainDir: MAIN_DIR, logger, argv: [], env: {}, signals });
    expect(fake.calls).toEqual(['Menu.setApplicationMenu', 'protocol.registerSchemesAsPrivileged']);
    expect(fake.applicationMenu).toBeNull();
    expect(fake.privilegedSchemes).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
    expect(fake.windows).toHaveLength(0);
    expect(fake.forks).toHaveLength(0);
  });

  it('when ready: denies permissions, serves app://, blocks display sleep, forks the service', async () => {
    await start({ KIOSK_CONFIG: '/etc/hall-kiosk/east.json' });

    const answers: boolean[] = [];
    fake.defaultSession.requestHandler?.(null, 'media', (granted: boolean) =>
      answers.push(granted),
    );
    expect(answers).toEqual([false]);

    const handler = fake.protocolHandlers.get('app');
    const response = await handler?.(new Request('app://kiosk/__kiosk/out-of-service.html'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    expect([...fake.powerBlockers.values()]).toEqual(['prevent-display-sleep']);

    expect(service().modulePath).toBe(`${MAIN_DIR}/service.js`);
    expect(service().args).toEqual([
      '--config',
      '/etc/hall-kiosk/east.json',
      '--data-dir',
      '/home/kiosk/.config/hall-kiosk/data',
    ]);
  });

  it('unwraps the outbox key with safeStorage and hands it to the service first', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shell-outbox-key-'));
    try {
      fake.safeStorage.available = true;
      startKioskShell({
        mainDir: MAIN_DIR,
        logger,
        argv: ['/opt/hall-kiosk/hall-kiosk', '--data-dir', dataDir],
        env: {},
        signals,
        onStarted: (s) => (shell = s),
      });
      fake.app.becomeReady();
      await settle();
      expect(existsSync(path.join(dataDir, 'outbox-key.safe'))).toBe(true);
      expect(service().args.at(-1)).toBe('--outbox-key-from-main');
      const first = service().spawned().posted[0]?.message as { type: string; key: string };
      expect(first.type).toBe('outbox-key');
      expect(Buffer.from(first.key, 'base64')).toHaveLength(32);
      expect(events()).toContain('outbox-key.created');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('without a keyring the service keeps its key file: no flag, no key message', async () => {
    await start();
    expect(service().args).not.toContain('--outbox-key-from-main');
    expect(service().spawned().posted).toEqual([]);
    expect(events()).toContain('outbox-key.no-keyring');
  });

  it('opens one locked-down kiosk window on app://kiosk and shows it when painted', async () => {
    await start();
    expect(fake.windows).toHaveLength(1);
    const window = kioskWindow();
    expect(window.options).toMatchObject({ kiosk: true, frame: false, show: false });
    expect(window.options['webPreferences']).toMatchObject({
      preload: '/opt/hall-kiosk/resources/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true,
    });
    expect(window.webContents.loads).toEqual(['app://kiosk/index.html']);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('turns devtools off in an installed build', async () => {
    fake.app.isPackaged = true;
    await start();
    expect(kioskWindow().options['webPreferences']).toMatchObject({ devTools: false });
  });

  it('hardens the window: navigation away is blocked, new windows denied', async () => {
    await start();
    const away = fakeEvent({ url: 'https://example.com/' });
    kioskWindow().webContents.emit('will-navigate', away, away.url);
    expect(away.defaultPrevented).toBe(true);
    expect(kioskWindow().webContents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({
      action: 'deny',
    });
  });

  it('hands each page load a MessageChannelMain once the service is ready', async () => {
    await start();
    const window = kioskWindow();
    pageLoads(window);
    expect(window.webContents.posted).toEqual([]);

    service().spawned().emit('message', { type: 'service-ready' });
    expect(window.webContents.posted).toHaveLength(1);
    const [toPage] = window.webContents.posted;
    const [toService] = service().posted;
    expect(toPage?.channel).toBe('kiosk:port');
    expect(toService?.message).toMatchObject({ type: 'connect-renderer' });
    // The two ends of one channel: port1 to the service, port2 to the page.
    const [servicePort] = toService?.transfer ?? [];
    const [pagePort] = toPage?.transfer ?? [];
    expect((servicePort as { id: number }).id + 1).toBe((pagePort as { id: number }).id);

    pageLoads(window);
    expect(window.webContents.posted).toHaveLength(2);
  });

  it('answers port requests from the kiosk page and refuses other frames', async () => {
    await start();
    service().spawned().emit('message', { type: 'service-ready' });
    const contents = kioskWindow().webContents;

    const trusted = new FakeFrame('app://kiosk/index.html', 'app://kiosk');
    fake.ipcMain.emit('kiosk:request-port', { sender: contents, senderFrame: trusted });
    expect(contents.posted).toHaveLength(1);

    const foreign = new FakeFrame('https://evil.example/', 'https://evil.example');
    fake.ipcMain.emit('kiosk:request-port', { sender: contents, senderFrame: foreign });
    expect(contents.posted).toHaveLength(1);
    expect(events()).toContain('shell.ipc-refused');
  });

  it('restarts a crashed service with backoff and reconnects a page that asks', async () => {
    await start();
    service().spawned().emit('message', { type: 'service-ready' });
    service().emit('exit', 139);
    expect(fake.forks).toHaveLength(1);

    const contents = kioskWindow().webContents;
    const trusted = new FakeFrame('app://kiosk/index.html', 'app://kiosk');
    fake.ipcMain.emit('kiosk:request-port', { sender: contents, senderFrame: trusted });
    expect(contents.posted).toHaveLength(0);

    vi.advanceTimersByTime(500);
    expect(fake.forks).toHaveLength(2);
    service().spawned().emit('message', { type: 'service-ready' });
    expect(contents.posted).toHaveLength(1);
    expect(service().posted).toHaveLength(1);
  });

  it('sends the staff chord to the page instead of quitting', async () => {
    await start();
    const contents = kioskWindow().webContents;
    const chord = fakeEvent();
    contents.emit(
      'before-input-event',
      chord,
      keyInput({ key: 'K', code: 'KeyK', control: true, alt: true, shift: true }),
    );
    expect(chord.defaultPrevented).toBe(true);
    expect(contents.sent).toEqual([{ channel: 'kiosk:staff-chord', args: [] }]);
    expect(fake.app.quitRequests).toBe(0);
  });

  it('keeps the window open without authority, and a close of the last window brings it back', async () => {
    await start();
    expect(kioskWindow().close()).toBe(false);
    fake.app.quit();
    expect(fake.app.quitCompleted).toBe(false);
    expect(service().killed).toBe(0);

    kioskWindow().destroy();
    fake.app.emit('window-all-closed');
    expect(fake.windows.filter((w) => !w.isDestroyed())).toHaveLength(1);
  });

  it('quits when the service reports a staff-authorised quit, stopping the service first', async () => {
    await start();
    const child = service().spawned();
    child.emit('message', { type: 'service-ready' });

    child.emit('message', { type: 'staff-quit-authorised' });
    expect(shell?.closeGuard.authorised).toBe(true);
    expect(child.killed).toBe(1);
    expect(fake.app.quitCompleted).toBe(false);

    child.emit('exit', 0);
    await settle();
    expect(fake.app.quitCompleted).toBe(true);
    expect(fake.powerBlockers.size).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(fake.forks).toHaveLength(1);
  });

  it('does not recover a renderer that goes away while the app is quitting', async () => {
    await start();
    service().spawned().emit('message', { type: 'service-ready' });
    signals.emit('SIGTERM');
    const contents = kioskWindow().webContents;
    contents.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 15 });
    expect(contents.loads).toEqual(['app://kiosk/index.html']);
    expect(fake.windows).toHaveLength(1);
  });

  it('quits on SIGTERM from the operating system', async () => {
    await start();
    service().spawned().emit('message', { type: 'service-ready' });
    signals.emit('SIGTERM');
    service().emit('exit', 0);
    await settle();
    expect(fake.app.quitCompleted).toBe(true);
    expect(logger.lines).toContainEqual({
      level: 'info',
      fields: { event: 'shell.quit-authorised', authority: 'system-signal' },
    });
  });

  it('recovers a crashing renderer: reload, new window, then the out-of-service page', async () => {
    await start();
    const first = kioskWindow();
    first.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    expect(first.webContents.loads).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html']);

    first.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    expect(first.isDestroyed()).toBe(true);
    const second = kioskWindow();
    expect(second).not.toBe(first);
    expect(second.webContents.loads).toEqual(['app://kiosk/index.html']);

    second.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 0 });
    expect(second.webContents.loads.at(-1)).toBe('app://kiosk/__kiosk/out-of-service.html');
    // The out-of-service page gets no service port.
    second.webContents.emit('did-navigate');
    second.webContents.emit('did-finish-load');
    service().spawned().emit('message', { type: 'service-ready' });
    expect(second.webContents.posted).toEqual([]);
  });
});
