/**
 * A fake of the parts of the `electron` module the shell uses, for unit tests under plain Node
 * (the Electron binary does not exist on build machines). Tests install it with
 *   vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);
 * and drive it by emitting the events Electron would emit. Every fake records what the code
 * under test did to it, so tests assert behaviour, not calls into a mock library.
 */
import { EventEmitter } from 'node:events';

/** An Electron-style event: listeners call preventDefault() to veto the default action. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Creates an event with extra fields, typed loosely for emitting. */
export function fakeEvent<T extends Record<string, unknown>>(fields?: T): FakeEvent & T {
  return new FakeEvent(fields) as FakeEvent & T;
}

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public origin: string,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly loads: string[] = [];
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  crashedOnPurpose = 0;
  readonly mainFrame = new FakeFrame('', 'null');

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.url;
  }
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  forcefullyCrashRenderer(): void {
    this.crashedOnPurpose++;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  destroyed = false;
  focused = 0;
  restored = 0;

  constructor(readonly options: Record<string, unknown>) {
    super();
    electronFake.windows.push(this);
    electronFake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.restored++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: no `close` event, but `closed`. */
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  /** A window-manager close: `close` (vetoable), then `closed` if nobody vetoed. */
  close(): boolean {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
}

export class FakeSession extends EventEmitter {
  requestHandler: ((...args: unknown[]) => void) | null | undefined;
  checkHandler: ((...args: unknown[]) => boolean) | null | undefined;
  deviceHandler: ((...args: unknown[]) => boolean) | null | undefined;
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.deviceHandler = handler;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  static nextPid = 4000;
  pid: number | undefined;
  readonly posted: { message: unknown; transfer: unknown[] }[] = [];
  killed = 0;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  /** What Electron does once the process is up. */
  spawned(): this {
    this.pid = FakeUtilityProcess.nextPid++;
    this.emit('spawn');
    return this;
  }
  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ message, transfer });
  }
  kill(): boolean {
    this.killed++;
    return true;
  }
}

export class FakeMessagePortMain {
  static nextId = 1;
  readonly id = FakeMessagePortMain.nextId++;
}

export class FakeMessageChannelMain {
  static created = 0;
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    FakeMessageChannelMain.created++;
  }
}

/**
 * Electron's `safeStorage`. The fake really transforms the bytes (a marker, then the UTF-8
 * text XORed with a fixed pad) so a test can see that what lands on disk is not the plain text,
 * and a ciphertext it did not make (no marker) fails like Electron's does. Starts without a
 * keyring, like a build machine; tests switch `available` on.
 */
export class FakeSafeStorage {
  static readonly MARKER = Buffer.from('FAKEv10');
  static readonly PAD = Buffer.from('a fixed pad standing in for the keyring secret');
  available = false;
  /** Linux's `getSelectedStorageBackend()`; `basic_text` means no real keyring. */
  backend = 'gnome_libsecret';
  encrypted = 0;
  decrypted = 0;

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    this.encrypted++;
    return Buffer.concat([FakeSafeStorage.MARKER, FakeSafeStorage.xor(Buffer.from(plainText))]);
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    const marker = encrypted.subarray(0, FakeSafeStorage.MARKER.length);
    if (!marker.equals(FakeSafeStorage.MARKER)) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    this.decrypted++;
    return FakeSafeStorage.xor(encrypted.subarray(FakeSafeStorage.MARKER.length)).toString();
  }
  private static xor(bytes: Buffer): Buffer {
    return Buffer.from(
      bytes.map((b, i) => b ^ (FakeSafeStorage.PAD[i % FakeSafeStorage.PAD.length] ?? 0)),
    );
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  exitCode: number | undefined;
  quitRequests = 0;
  /** True once a quit got past before-quit and every window's close. */
  quitCompleted = false;
  private resolveReady: (() => void) | undefined;
  private readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  /** Electron's order: before-quit (vetoable), then close every window (each vetoable). */
  quit(): void {
    this.quitRequests++;
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const window of electronFake.windows) {
      if (!window.isDestroyed() && !window.close()) return;
    }
    this.quitCompleted = true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test control: Electron finished launching. */
  becomeReady(): void {
    this.resolveReady?.();
    this.emit('ready');
  }
  getAppPath(): string {
    return '/opt/hall-kiosk-src';
  }
  getPath(name: string): string {
    return `/home/kiosk/.config/hall-kiosk${name === 'userData' ? '' : `/${name}`}`;
  }
}

/** All fakes in one object; `reset()` gives every test a fresh Electron. */
function createElectronFake() {
  return {
    app: new FakeApp(),
    ipcMain: new EventEmitter(),
    ipcRenderer: Object.assign(new EventEmitter(), {
      sentToMain: [] as { channel: string; args: unknown[] }[],
      send(channel: string, ...args: unknown[]): void {
        electronFake.ipcRenderer.sentToMain.push({ channel, args });
      },
    }),
    exposed: new Map<string, unknown>(),
    applicationMenu: undefined as unknown,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    /** Order of pre-ready calls, to check they happen before `ready`. */
    calls: [] as string[],
    defaultSession: new FakeSession(),
    powerBlockers: new Map<number, string>(),
    nextBlockerId: 1,
    forks: [] as FakeUtilityProcess[],
    forkError: undefined as Error | undefined,
    windows: [] as FakeBrowserWindow[],
    safeStorage: new FakeSafeStorage(),

    reset(): void {
      this.app = new FakeApp();
      this.ipcMain = new EventEmitter();
      this.ipcRenderer.removeAllListeners();
      this.ipcRenderer.sentToMain = [];
      this.exposed = new Map();
      this.applicationMenu = undefined;
      this.privilegedSchemes = [];
      this.protocolHandlers = new Map();
      this.calls = [];
      this.defaultSession = new FakeSession();
      this.powerBlockers = new Map();
      this.nextBlockerId = 1;
      this.forks = [];
      this.forkError = undefined;
      this.windows = [];
      this.safeStorage = new FakeSafeStorage();
      FakeMessageChannelMain.created = 0;
    },
  };
}

/**
 * One instance per test worker, kept on globalThis: `vi.resetModules()` (used to re-run a
 * module's top level) creates new copies of this file, and the code under test and the test
 * must still share one fake.
 */
const holder = globalThis as { __kioskElectronFake?: ReturnType<typeof createElectronFake> };
export const electronFake = (holder.__kioskElectronFake ??= createElectronFake());

/**
 * The module object `vi.mock('electron', …)` returns. Getters read the current fakes, so
 * `electronFake.reset()` takes effect without re-importing the code under test.
 */
export const electronModule = {
  get app() {
    return electronFake.app;
  },
  get ipcMain() {
    return electronFake.ipcMain;
  },
  get ipcRenderer() {
    return electronFake.ipcRenderer;
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      electronFake.exposed.set(key, api);
    },
  },
  Menu: {
    setApplicationMenu(menu: unknown): void {
      electronFake.calls.push('Menu.setApplicationMenu');
      electronFake.applicationMenu = menu;
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      electronFake.calls.push('protocol.registerSchemesAsPrivileged');
      electronFake.privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
      electronFake.protocolHandlers.set(scheme, handler);
    },
  },
  get session() {
    return { defaultSession: electronFake.defaultSession };
  },
  powerSaveBlocker: {
    start(type: string): number {
      const id = electronFake.nextBlockerId++;
      electronFake.powerBlockers.set(id, type);
      return id;
    },
    stop(id: number): void {
      electronFake.powerBlockers.delete(id);
    },
  },
  utilityProcess: {
    fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) {
      if (electronFake.forkError) throw electronFake.forkError;
      const child = new FakeUtilityProcess(modulePath, args, options);
      electronFake.forks.push(child);
      return child;
    },
  },
  get safeStorage() {
    return electronFake.safeStorage;
  },
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: FakeMessageChannelMain,
};

/** Casts a fake to the Electron type the code under test expects. */
export function asElectron<T>(fake: unknown): T {
  return fake as T;
}

/** A `before-input-event` Input with defaults for the fields a test does not care about. */
export function keyInput(
  fields: Partial<Electron.Input> & { key: string; code?: string },
): Electron.Input {
  return {
    type: 'keyDown',
    code: '',
    isAutoRepeat: false,
    isComposing: false,
    shift: false,
    control: false,
    alt: false,
    meta: false,
    location: 0,
    modifiers: [],
    ...fields,
  };
}
