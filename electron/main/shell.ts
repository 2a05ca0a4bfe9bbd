/**
 * The Electron shell's composition root: wires every lockdown policy, the service supervisor
 * and the port broker to Electron's modules. No business logic and no device access here;
 * everything the kiosk does happens in the service (electron/service) behind the contract.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  MessageChannelMain,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  utilityProcess,
  type WebContents,
} from 'electron';
import type { Logger } from '../../drivers/common/logger.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-url.js';
import {
  REQUEST_PORT_CHANNEL,
  STAFF_CHORD_CHANNEL,
  type ServiceToMainMessage,
} from './channels.js';
import { CloseGuard } from './close-guard.js';
import { CrashBreaker } from './crash-breaker.js';
import { resolveLaunchOptions } from './launch-options.js';
import { loadOrCreateOutboxKey } from './outbox-key.js';
import { OUT_OF_SERVICE_PAGES, OUT_OF_SERVICE_PATH } from './out-of-service.js';
import { denyAllPermissions } from './permissions.js';
import { PortBroker } from './port-broker.js';
import { createAppRequestHandler, registerAppScheme } from './protocol.js';
import { RendererRecovery } from './renderer-recovery.js';
import { ServiceSupervisor } from './service-supervisor.js';
import { claimSingleInstance } from './single-instance.js';
import { hardenWebContents } from './web-contents-guards.js';
import { kioskWindowOptions } from './window.js';

export interface KioskShellOptions {
  /** Directory of the built main bundle (`out/main`); preload, renderer and service sit beside it. */
  readonly mainDir: string;
  readonly logger: Logger;
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Where SIGTERM/SIGINT come from; default `process` (tests pass an emitter). */
  readonly signals?: { once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown };
  /** Hook for tests: called with the internals once the app is ready. */
  readonly onStarted?: (shell: KioskShell) => void;
}

/** Handles to the running shell, for tests and for the quit path. */
export interface KioskShell {
  readonly supervisor: ServiceSupervisor;
  readonly closeGuard: CloseGuard;
  readonly broker: PortBroker;
  readonly recovery: RendererRecovery;
  currentWindow(): BrowserWindow | undefined;
}

/** If `ready-to-show` never comes (the first load failed before painting), show anyway. */
const SHOW_FALLBACK_MS = 5_000;

/** Built file layout produced by electron.vite.config.ts. */
export function builtPaths(mainDir: string): {
  preload: string;
  renderer: string;
  service: string;
} {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    renderer: path.join(mainDir, '..', 'renderer'),
    service: path.join(mainDir, 'service.js'),
  };
}

function isOutOfServiceUrl(url: string): boolean {
  try {
    return new URL(url).pathname === OUT_OF_SERVICE_PATH;
  } catch {
    return false;
  }
}

/**
 * Starts the shell. Must run at the top level of main, before `app` is ready: the single-
 * instance lock, the privileged scheme and the menu removal all have to happen first.
 * Returns false when another instance already runs (this one then exits).
 */
export function startKioskShell(options: KioskShellOptions): boolean {
  const logger = options.logger;
  const files = builtPaths(options.mainDir);
  let kioskWindow: BrowserWindow | undefined;
  const kioskContents = new WeakSet<WebContents>();

  const focusWindow = (): void => {
    if (!kioskWindow || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.show();
    kioskWindow.focus();
  };
  if (!claimSingleInstance(app, focusWindow, logger)) return false;

  // Before ready: no default menu (and with it none of its accelerators), and the app scheme.
  Menu.setApplicationMenu(null);
  registerAppScheme(protocol);

  const launch = resolveLaunchOptions({
    argv: options.argv ?? process.argv,
    env: options.env ?? process.env,
    cwd: process.cwd(),
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    userDataPath: app.getPath('userData'),
    platform: process.platform,
  });
  logger.info({ event: 'shell.starting', configPath: launch.configPath, dataDir: launch.dataDir });

  const closeGuard = new CloseGuard(logger);
  /** The safeStorage-unwrapped outbox key (base64), read once the app is ready; null: none. */
  let outboxKey: string | null = null;
  let powerBlockerId: number | undefined;
  /** Once quitting, renderer failures are no longer recovered. */
  let shutdown: 'running' | 'stopping' | 'done' = 'running';

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      logger,
      onStaffChord: (target) => target.send(STAFF_CHORD_CHANNEL),
    });
  });
  app.on('child-process-gone', (_event, details) => {
    logger.warn({
      event: 'shell.child-process-gone',
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      serviceName: details.serviceName,
    });
  });

  const handleServiceMessage = (message: ServiceToMainMessage): void => {
    if (message.type === 'staff-quit-authorised') {
      closeGuard.authorise('staff');
      app.quit();
    }
  };
  const supervisor = new ServiceSupervisor({
    modulePath: files.service,
    args: launch.serviceArgs,
    env: options.env ?? process.env,
    fork: (modulePath, args, forkOptions) => utilityProcess.fork(modulePath, args, forkOptions),
    logger,
    onReady: () => broker.flush(),
    onMessage: handleServiceMessage,
    outboxKey: () => outboxKey,
  });
  const broker = new PortBroker({
    service: supervisor,
    createChannel: () => new MessageChannelMain(),
    isKioskContents: (contents) => kioskContents.has(contents),
    logger,
  });

  const loadEntry = (window: BrowserWindow): void => {
    window.loadURL(APP_ENTRY_URL).catch(() => {
      // did-fail-load reports the failure to the crash breaker; nothing more to do here.
    });
  };

  const createWindow = (): BrowserWindow => {
    const window = new BrowserWindow(
      kioskWindowOptions({ preloadPath: files.preload, devTools: !app.isPackaged }),
    );
    const contents = window.webContents;
    kioskContents.add(contents);
    closeGuard.attach(window);
    recovery.watch(contents);

    const showTimer = setTimeout(() => {
      if (!window.isDestroyed() && !window.isVisible()) window.show();
    }, SHOW_FALLBACK_MS);
    window.once('ready-to-show', () => {
      clearTimeout(showTimer);
      window.show();
    });
    window.on('closed', () => clearTimeout(showTimer));

    // One fresh MessageChannelMain per load of the kiosk page.
    contents.on('did-navigate', () => broker.pageNavigated(contents));
    contents.on('did-finish-load', () => {
      if (!isOutOfServiceUrl(contents.getURL())) broker.pageLoaded(contents);
    });
    loadEntry(window);
    return window;
  };

  // A window for the out-of-service page when none is left; it never loads the kiosk page.
  const createWindowBare = (): BrowserWindow => {
    const window = new BrowserWindow(
      kioskWindowOptions({ preloadPath: files.preload, devTools: !app.isPackaged }),
    );
    closeGuard.attach(window);
    window.once('ready-to-show', () => window.show());
    return window;
  };

  const recovery = new RendererRecovery({
    breaker: new CrashBreaker(),
    logger,
    host: {
      reload: () => {
        if (shutdown !== 'running') return;
        if (kioskWindow && !kioskWindow.isDestroyed()) loadEntry(kioskWindow);
      },
      recreate: () => {
        if (shutdown !== 'running') return;
        const old = kioskWindow;
        kioskWindow = createWindow();
        if (old && !old.isDestroyed()) old.destroy();
      },
      showOutOfService: () => {
        if (shutdown !== 'running') return;
        if (!kioskWindow || kioskWindow.isDestroyed()) kioskWindow = createWindowBare();
        kioskWindow.loadURL(`${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`).catch(() => {
          logger.error({ event: 'shell.out-of-service-load-failed' });
        });
      },
    },
  });

  // Quitting: only with authority (staff via the service, or SIGTERM/SIGINT from the OS).
  app.on('before-quit', (event) => {
    if (!closeGuard.authorised || shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    logger.info({ event: 'shell.quitting' });
    recovery.dispose();
    if (powerBlockerId !== undefined) powerSaveBlocker.stop(powerBlockerId);
    void supervisor.stop().finally(() => {
      shutdown = 'done';
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (closeGuard.authorised) {
      app.quit();
      return;
    }
    // Something closed the last window without authority: put the kiosk back on screen.
    logger.warn({ event: 'shell.window-restored' });
    kioskWindow = createWindow();
  });
  const quitOnSignal = (signal: string): void => {
    logger.info({ event: 'shell.signal', signal });
    closeGuard.authorise('system-signal');
    app.quit();
  };
  const signals = options.signals ?? process;
  signals.once('SIGTERM', () => quitOnSignal('SIGTERM'));
  signals.once('SIGINT', () => quitOnSignal('SIGINT'));

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession, logger);
    protocol.handle(
      APP_SCHEME,
      createAppRequestHandler({
        rootDir: files.renderer,
        builtinPages: OUT_OF_SERVICE_PAGES,
        logger,
      }),
    );
    powerBlockerId = powerSaveBlocker.start('prevent-display-sleep');
    ipcMain.on(REQUEST_PORT_CHANNEL, broker.handleRequest);

    // safeStorage works only once the app is ready. A wrapped key that no longer unwraps is
    // logged and the service falls back to its key file: the kiosk keeps taking applications,
    // and the outbox names rows sealed with the other key (docs/electron-shell.md).
    try {
      outboxKey = loadOrCreateOutboxKey(launch.dataDir, safeStorage, { logger });
    } catch (error) {
      logger.error({ event: 'outbox-key.failed', error: (error as Error).message });
    }
    supervisor.start();
    kioskWindow = createWindow();
    logger.info({ event: 'shell.started' });
    options.onStarted?.({
      supervisor,
      closeGuard,
      broker,
      recovery,
      currentWindow: () => kioskWindow,
    });
  });
  return true;
}
