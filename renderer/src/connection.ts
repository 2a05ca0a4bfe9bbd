/**
 * Picks the transport: under Electron the preload exposes `window.kiosk` and hands over a
 * MessagePort; in the browser host the page URL's fragment carries the token for the
 * WebSocket at /rpc on the same host and port.
 */
import {
  KioskClient,
  messagePortConnector,
  webSocketConnector,
  type SocketConstructor,
  type WindowLike,
} from '../../electron/contract/client';

interface ElectronKioskBridge {
  readonly shell: 'electron';
  readonly version: string;
  requestPort(): void;
}

declare global {
  interface Window {
    kiosk?: ElectronKioskBridge;
  }
}

export const RPC_SUBPROTOCOL = 'kiosk-rpc.v1';

export function tokenFromFragment(hash: string): string | undefined {
  const match = /(?:^#|&)token=([0-9a-f]{64})(?:&|$)/.exec(hash);
  return match?.[1];
}

export function createClient(): KioskClient {
  const bridge = window.kiosk;
  if (bridge?.shell === 'electron') {
    return new KioskClient(
      messagePortConnector(window as unknown as WindowLike, () => bridge.requestPort()),
    );
  }
  const token = tokenFromFragment(window.location.hash) ?? '';
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/rpc`;
  return new KioskClient(
    webSocketConnector(
      url,
      [RPC_SUBPROTOCOL, `token.${token}`],
      WebSocket as unknown as SocketConstructor,
    ),
  );
}
