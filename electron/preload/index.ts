/**
 * The preload of the kiosk window (sandboxed, context-isolated, bundled to CommonJS). It does
 * two things and nothing else:
 * 1. hands the page its MessagePort to the service: main sends the port on `kiosk:port`, and
 *    the preload forwards it into the page's main world with `window.postMessage`, because
 *    ports cannot cross `contextBridge`;
 * 2. exposes one frozen object, `window.kiosk = { shell, version, requestPort }`.
 * It never exposes `ipcRenderer` or any other Electron API (security checklist item 20).
 * It imports only `electron` and the zod-free channel names, so the bundle stays tiny.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  KIOSK_BRIDGE_KEY,
  KIOSK_PORT_CHANNEL,
  KIOSK_PORT_WINDOW_MESSAGE,
  REQUEST_PORT_CHANNEL,
  STAFF_CHORD_CHANNEL,
  STAFF_CHORD_WINDOW_MESSAGE,
} from '../main/channels.js';

/** Replaced at build time by electron.vite.config.ts (`define`); undefined in unit tests. */
declare const __KIOSK_VERSION__: string | undefined;

/** The object the page sees as `window.kiosk`. */
export interface KioskBridge {
  /** Which host runs the page: always `electron` here (the browser host has no bridge). */
  readonly shell: 'electron';
  /** The application version (package.json). */
  readonly version: string;
  /**
   * Asks for a port to the service; it arrives as a window `message` event whose data is
   * `kiosk:port` and whose `ports[0]` is the port. Call it on load and after the port closed.
   */
  requestPort(): void;
}

/**
 * The page's window as seen from the preload's isolated world. Typed here because the node
 * tsconfig has no DOM library; at run time `globalThis` is `window`.
 */
interface PreloadWindow {
  postMessage(message: string, targetOrigin: string, transfer?: readonly unknown[]): void;
}
const page = globalThis as unknown as PreloadWindow;

const version = typeof __KIOSK_VERSION__ === 'string' ? __KIOSK_VERSION__ : '0.0.0-dev';

/**
 * Port hand-over. Main pushes a port when the page finishes loading and answers each
 * `requestPort()`. A port is forwarded to the page only once the page has asked for one: a
 * port pushed while the page's client is not listening yet would otherwise be lost (and its
 * service connection left open). A port that arrives unasked waits here for the next
 * `requestPort()`, which it then answers without another round trip to main.
 */
type PagePort = IpcRendererEvent['ports'][number];
let heldPort: PagePort | undefined;
let pageWaiting = false;

function deliver(port: PagePort): void {
  // Same-window post: only this page's main world receives it, with the port transferred.
  page.postMessage(KIOSK_PORT_WINDOW_MESSAGE, '*', [port]);
}

ipcRenderer.on(KIOSK_PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (!port) return;
  if (pageWaiting) {
    pageWaiting = false;
    deliver(port);
    return;
  }
  // A newer port supersedes an undelivered older one; closing it frees its service connection.
  heldPort?.close();
  heldPort = port;
});

ipcRenderer.on(STAFF_CHORD_CHANNEL, () => {
  page.postMessage(STAFF_CHORD_WINDOW_MESSAGE, '*');
});

const bridge: KioskBridge = Object.freeze({
  shell: 'electron' as const,
  version,
  requestPort(): void {
    if (heldPort) {
      const port = heldPort;
      heldPort = undefined;
      deliver(port);
      return;
    }
    pageWaiting = true;
    ipcRenderer.send(REQUEST_PORT_CHANNEL);
  },
});

contextBridge.exposeInMainWorld(KIOSK_BRIDGE_KEY, bridge);
