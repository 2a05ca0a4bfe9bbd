/**
 * Connects each renderer load to the service: main creates a `MessageChannelMain`, transfers
 * one end to the service utility process and the other to the page (through the preload).
 * After that, renderer and service talk directly; main sees none of the traffic.
 */
import { randomUUID } from 'node:crypto';
import type { IpcMainEvent, MessageChannelMain, MessagePortMain, WebContents } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';
import { isAppOrigin, isAppUrl } from './app-url.js';
import { KIOSK_PORT_CHANNEL, type MainToServiceMessage } from './channels.js';

/** The part of the service supervisor the broker needs. */
export interface ServiceLink {
  readonly ready: boolean;
  send(message: MainToServiceMessage, transfer: MessagePortMain[]): boolean;
}

export interface PortBrokerOptions {
  readonly service: ServiceLink;
  /** `() => new MessageChannelMain()`, injected for tests. */
  readonly createChannel: () => MessageChannelMain;
  /** Web contents of kiosk windows: only these may ask for a port. */
  readonly isKioskContents: (contents: WebContents) => boolean;
  readonly logger: Logger;
  readonly newConnectionId?: () => string;
}

/**
 * True when an ipc message comes from the top frame of a kiosk window showing `app://kiosk`
 * (Electron security checklist item 17). A sub-frame, a page that navigated elsewhere, or a
 * frame that is already gone are refused.
 */
export function isTrustedSender(
  event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>,
  isKioskContents: (contents: WebContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return (
    isKioskContents(event.sender) &&
    frame.parent === null &&
    isAppOrigin(frame.origin) &&
    isAppUrl(frame.url)
  );
}

export class PortBroker {
  private readonly pending = new Set<WebContents>();
  /** Pages that got (or are queued for) a port since their last main-frame navigation. */
  private readonly servedThisLoad = new WeakSet<WebContents>();
  private readonly newConnectionId: () => string;

  constructor(private readonly options: PortBrokerOptions) {
    this.newConnectionId = options.newConnectionId ?? randomUUID;
  }

  /**
   * Gives `contents` a fresh port to the service, or remembers the request until the service
   * is ready (it may be starting or restarting). Each new port replaces the page's previous one;
   * the old channel closes when the page drops its end.
   */
  connect(contents: WebContents): void {
    if (contents.isDestroyed()) return;
    const channel = this.options.service.ready ? this.options.createChannel() : undefined;
    const connectionId = this.newConnectionId();
    const message: MainToServiceMessage = { type: 'connect-renderer', connectionId };
    if (!channel || !this.options.service.send(message, [channel.port1])) {
      this.defer(contents);
      return;
    }
    contents.postMessage(KIOSK_PORT_CHANNEL, null, [channel.port2]);
    this.servedThisLoad.add(contents);
    this.options.logger.info({ event: 'shell.port-sent', connectionId });
  }

  private defer(contents: WebContents): void {
    if (this.pending.has(contents)) return;
    this.pending.add(contents);
    contents.once('destroyed', () => this.pending.delete(contents));
    this.options.logger.info({ event: 'shell.port-deferred' });
  }

  /** A main-frame navigation committed (`did-navigate`): the new document has no port yet. */
  pageNavigated(contents: WebContents): void {
    this.servedThisLoad.delete(contents);
  }

  /**
   * The page finished loading (`did-finish-load`): push it a port unless its own
   * `requestPort()` already got one during this load, so every load gets exactly one channel.
   */
  pageLoaded(contents: WebContents): void {
    if (this.servedThisLoad.has(contents) || this.pending.has(contents)) return;
    this.connect(contents);
  }

  /** Serves the requests that waited for the service; call when the service becomes ready. */
  flush(): void {
    const waiting = [...this.pending];
    this.pending.clear();
    for (const contents of waiting) this.connect(contents);
  }

  /** `ipcMain.on(REQUEST_PORT_CHANNEL, …)` listener: validates the sender, then connects it. */
  readonly handleRequest = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event, this.options.isKioskContents)) {
      this.options.logger.warn({ event: 'shell.ipc-refused', channel: 'request-port' });
      return;
    }
    this.connect(event.sender);
  };
}
