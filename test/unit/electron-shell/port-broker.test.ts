import type { IpcMainEvent, MessageChannelMain, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import type { MainToServiceMessage } from '../../../electron/main/channels.js';
import { isTrustedSender, PortBroker } from '../../../electron/main/port-broker.js';
import { asElectron, FakeFrame, FakeMessageChannelMain, FakeWebContents } from './fake-electron.js';

class FakeService {
  ready = false;
  readonly received: { message: MainToServiceMessage; transfer: unknown[] }[] = [];
  send(message: MainToServiceMessage, transfer: unknown[]): boolean {
    if (!this.ready) return false;
    this.received.push({ message, transfer });
    return true;
  }
}

let service: FakeService;
let kiosk: FakeWebContents;
let broker: PortBroker;
let channels: FakeMessageChannelMain[];
let logger: ReturnType<typeof capturingLogger>;
let nextId: number;

beforeEach(() => {
  service = new FakeService();
  kiosk = new FakeWebContents();
  channels = [];
  logger = capturingLogger();
  nextId = 0;
  broker = new PortBroker({
    service: service as never,
    createChannel: () => {
      const channel = new FakeMessageChannelMain();
      channels.push(channel);
      return asElectron<MessageChannelMain>(channel);
    },
    isKioskContents: (contents) => contents === asElectron<WebContents>(kiosk),
    logger,
    newConnectionId: () => `conn-${++nextId}`,
  });
});

const wc = (fake: FakeWebContents): WebContents => asElectron<WebContents>(fake);

function ipcEvent(sender: FakeWebContents, frame: FakeFrame | null): IpcMainEvent {
  return asElectron<IpcMainEvent>({ sender, senderFrame: frame });
}

describe('port broker', () => {
  it('gives each connect a new channel: port1 to the service, port2 to the page', () => {
    service.ready = true;
    broker.connect(wc(kiosk));
    const channel = channels[0];
    expect(channel).toBeDefined();
    expect(service.received).toEqual([
      { message: { type: 'connect-renderer', connectionId: 'conn-1' }, transfer: [channel?.port1] },
    ]);
    expect(kiosk.posted).toEqual([
      { channel: 'kiosk:port', message: null, transfer: [channel?.port2] },
    ]);
  });

  it('holds requests while the service is down and serves each page once when it is ready', () => {
    broker.connect(wc(kiosk));
    broker.connect(wc(kiosk));
    expect(channels).toHaveLength(0);
    service.ready = true;
    broker.flush();
    expect(channels).toHaveLength(1);
    expect(kiosk.posted).toHaveLength(1);
    broker.flush();
    expect(kiosk.posted).toHaveLength(1);
  });

  it('drops a held request when its page is destroyed', () => {
    broker.connect(wc(kiosk));
    kiosk.destroy();
    service.ready = true;
    broker.flush();
    expect(channels).toHaveLength(0);
  });

  it('pushes a port on page load unless the page already asked for one during that load', () => {
    service.ready = true;
    broker.pageNavigated(wc(kiosk));
    broker.pageLoaded(wc(kiosk));
    expect(kiosk.posted).toHaveLength(1);

    // Next load: the page's own requestPort() arrived before did-finish-load.
    broker.pageNavigated(wc(kiosk));
    broker.connect(wc(kiosk));
    broker.pageLoaded(wc(kiosk));
    expect(kiosk.posted).toHaveLength(2);
    expect(channels).toHaveLength(2);
  });

  it('a port request after a service restart gets a fresh channel', () => {
    service.ready = true;
    broker.pageLoaded(wc(kiosk));
    broker.handleRequest(ipcEvent(kiosk, new FakeFrame('app://kiosk/index.html', 'app://kiosk')));
    expect(channels).toHaveLength(2);
    expect(
      service.received.map((r) =>
        r.message.type === 'connect-renderer' ? r.message.connectionId : r.message.type,
      ),
    ).toEqual(['conn-1', 'conn-2']);
  });

  it('refuses port requests from untrusted senders', () => {
    service.ready = true;
    const child = new FakeFrame('app://kiosk/index.html', 'app://kiosk');
    child.parent = new FakeFrame('app://kiosk/index.html', 'app://kiosk');
    const stranger = new FakeWebContents();

    broker.handleRequest(ipcEvent(kiosk, child));
    broker.handleRequest(
      ipcEvent(kiosk, new FakeFrame('https://evil.example/', 'https://evil.example')),
    );
    broker.handleRequest(ipcEvent(kiosk, null));
    broker.handleRequest(ipcEvent(stranger, new FakeFrame('app://kiosk/', 'app://kiosk')));

    expect(channels).toHaveLength(0);
    expect(logger.lines.filter((l) => l.fields['event'] === 'shell.ipc-refused')).toHaveLength(4);
  });

  it('isTrustedSender needs top frame, app origin, app URL and a kiosk window', () => {
    const isKiosk = (c: WebContents): boolean => c === wc(kiosk);
    const top = new FakeFrame('app://kiosk/index.html', 'app://kiosk');
    expect(isTrustedSender(ipcEvent(kiosk, top), isKiosk)).toBe(true);
    // An opaque origin (e.g. a sandboxed document) with an app URL is refused.
    expect(isTrustedSender(ipcEvent(kiosk, new FakeFrame('app://kiosk/', 'null')), isKiosk)).toBe(
      false,
    );
    expect(
      isTrustedSender(ipcEvent(kiosk, new FakeFrame('app://kiosk.evil/', 'app://kiosk')), isKiosk),
    ).toBe(false);
  });
});
