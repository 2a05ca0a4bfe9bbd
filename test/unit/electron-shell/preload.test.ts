import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronFake as fake, fakeEvent, FakeMessagePortMain } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

interface Bridge {
  shell: string;
  version: string;
  requestPort(): void;
}

/** What the preload posted to the page's window: [data, targetOrigin, transfer]. */
let windowPosts: unknown[][];

class ClosablePort extends FakeMessagePortMain {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

/** Imports a fresh copy of the preload: it keeps its port state at module level. */
async function loadPreload(): Promise<Bridge> {
  vi.resetModules();
  await import('../../../electron/preload/index.js');
  const bridge = fake.exposed.get('kiosk');
  if (!bridge) throw new Error('preload exposed nothing under "kiosk"');
  return bridge as Bridge;
}

const pushPort = (port: unknown): void => {
  fake.ipcRenderer.emit('kiosk:port', fakeEvent({ ports: [port] }));
};

beforeEach(() => {
  fake.reset();
  windowPosts = [];
  vi.stubGlobal('postMessage', (...args: unknown[]) => windowPosts.push(args));
});
afterEach(() => vi.unstubAllGlobals());

describe('preload bridge', () => {
  it('exposes exactly one frozen object with shell, version and requestPort', async () => {
    const bridge = await loadPreload();
    expect([...fake.exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(bridge).sort()).toEqual(['requestPort', 'shell', 'version']);
    expect(bridge.shell).toBe('electron');
    expect(typeof bridge.version).toBe('string');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(() => {
      (bridge as { shell: string }).shell = 'browser';
    }).toThrow(TypeError);
  });

  it('asks main for a port and forwards it into the page with window.postMessage', async () => {
    const bridge = await loadPreload();
    bridge.requestPort();
    expect(fake.ipcRenderer.sentToMain).toEqual([{ channel: 'kiosk:request-port', args: [] }]);
    const port = new ClosablePort();
    pushPort(port);
    expect(windowPosts).toEqual([['kiosk:port', '*', [port]]]);
  });

  it('keeps a port pushed before the page asked and hands it over on requestPort', async () => {
    const bridge = await loadPreload();
    const port = new ClosablePort();
    pushPort(port);
    expect(windowPosts).toEqual([]);

    bridge.requestPort();
    expect(windowPosts).toEqual([['kiosk:port', '*', [port]]]);
    // Served from the held port: no extra round trip to main.
    expect(fake.ipcRenderer.sentToMain).toEqual([]);

    // The next request (after the port closed) goes to main again.
    bridge.requestPort();
    expect(fake.ipcRenderer.sentToMain).toHaveLength(1);
  });

  it('closes an undelivered older port when a newer one arrives', async () => {
    const bridge = await loadPreload();
    const older = new ClosablePort();
    const newer = new ClosablePort();
    pushPort(older);
    pushPort(newer);
    expect(older.closed).toBe(true);
    bridge.requestPort();
    expect(windowPosts).toEqual([['kiosk:port', '*', [newer]]]);
  });

  it('forwards the staff chord to the page as a window message', async () => {
    await loadPreload();
    fake.ipcRenderer.emit('kiosk:staff-chord', fakeEvent());
    expect(windowPosts).toEqual([['kiosk:staff-chord', '*']]);
  });

  it('ignores a port message without a port', async () => {
    const bridge = await loadPreload();
    bridge.requestPort();
    fake.ipcRenderer.emit('kiosk:port', fakeEvent({ ports: [] }));
    expect(windowPosts).toEqual([]);
  });
});
