/**
 * The renderer's client for the kiosk service: zod-free, transport-agnostic, reconnecting.
 * Results come back as `WireResult`s; the client never throws for anything the service or the
 * transport can cause. Push events are delivered in the order of their sequence numbers.
 */
import type { EventName, MethodName, ParamsOf, PayloadOf, ValueOf } from './index.js';
import { ERROR_CODES, type Role, type ServerFrame, type WireResult, wireErr } from './protocol.js';

/** One open connection, whatever carries it. */
export interface Channel {
  send(text: string): void;
  close(): void;
}

export interface ChannelHandlers {
  onMessage(text: string): void;
  onClose(reason: string): void;
}

/** Opens a channel; rejects (or closes at once) when the service is unreachable. */
export type Connector = (handlers: ChannelHandlers) => Promise<Channel>;

export type ConnectionState =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'connected'; readonly connectionId: string; readonly role: Role }
  | {
      readonly kind: 'unavailable';
      readonly attempt: number;
      readonly retryInMs: number;
      readonly reason: string;
    }
  | { readonly kind: 'closed' };

export interface ClientOptions {
  /** How long one call may wait for its answer, milliseconds. */
  readonly callTimeoutMs?: number;
  /** First and largest reconnect delays, milliseconds. */
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
}

type EventListener = (payload: never) => void;

interface Pending {
  readonly resolve: (result: WireResult<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class KioskClient {
  private channel: Channel | undefined;
  private nextId = 1;
  private lastSeq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Map<string, Set<EventListener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private currentState: ConnectionState = { kind: 'connecting', attempt: 0 };
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Bumped by start() and close(), so a connect still in flight from before is discarded. */
  private generation = 0;
  private readonly callTimeoutMs: number;
  private readonly reconnectInitialMs: number;
  private readonly reconnectMaxMs: number;

  constructor(
    private readonly connector: Connector,
    options: ClientOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? 15_000;
    this.reconnectInitialMs = options.reconnectInitialMs ?? 250;
    this.reconnectMaxMs = options.reconnectMaxMs ?? 5_000;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Starts connecting; reconnects by itself until `close()`. */
  start(): void {
    this.closed = false;
    this.generation++;
    void this.connect();
  }

  close(): void {
    this.closed = true;
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.channel?.close();
    this.channel = undefined;
    this.failPending('the client was closed');
    this.setState({ kind: 'closed' });
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.currentState);
    return () => this.stateListeners.delete(listener);
  }

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    let set = this.eventListeners.get(event);
    if (!set) {
      set = new Set();
      this.eventListeners.set(event, set);
    }
    set.add(listener as EventListener);
    return () => set.delete(listener as EventListener);
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<WireResult<ValueOf<M>>> {
    const channel = this.channel;
    if (!channel || this.currentState.kind !== 'connected') {
      return Promise.resolve(
        wireErr(ERROR_CODES.UNAVAILABLE, 'the kiosk service is not connected'),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(
          wireErr(ERROR_CODES.TIMEOUT, `no answer to ${method} within ${this.callTimeoutMs} ms`),
        );
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve: resolve as (r: WireResult<unknown>) => void, timer });
      try {
        channel.send(JSON.stringify({ type: 'call', id, method, params }));
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(wireErr(ERROR_CODES.UNAVAILABLE, `could not send: ${String(error)}`));
      }
    });
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const generation = this.generation;
    this.setState({ kind: 'connecting', attempt: this.attempt });
    let channel: Channel | undefined;
    try {
      channel = await this.connector({
        onMessage: (text) => {
          if (generation === this.generation) this.receive(text);
        },
        onClose: (reason) => this.lost(channel, reason),
      });
    } catch (error) {
      if (generation === this.generation)
        this.scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.closed || generation !== this.generation) {
      channel.close();
      return;
    }
    this.channel = channel;
    this.lastSeq = 0;
    // Connected is announced when the welcome frame arrives.
  }

  private lost(channel: Channel | undefined, reason: string): void {
    if (channel === undefined || channel !== this.channel) return;
    this.channel = undefined;
    this.failPending(`connection lost: ${reason}`);
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    if (this.closed) return;
    const ceiling = Math.min(this.reconnectMaxMs, this.reconnectInitialMs * 2 ** this.attempt);
    const retryInMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.attempt++;
    this.setState({ kind: 'unavailable', attempt: this.attempt, retryInMs, reason });
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), retryInMs);
  }

  private receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return; // A service that sends non-JSON is a bug; nothing here can act on it.
    }
    switch (frame.type) {
      case 'welcome':
        this.attempt = 0;
        this.setState({ kind: 'connected', connectionId: frame.connectionId, role: frame.role });
        return;
      case 'result': {
        if (frame.id === null) return;
        const pending = this.pending.get(frame.id);
        if (!pending) return;
        clearTimeout(pending.timer);
        this.pending.delete(frame.id);
        pending.resolve(frame.result);
        return;
      }
      case 'event':
        // Both transports are ordered; a gap or repeat means a stale connection's leftovers.
        if (frame.seq <= this.lastSeq) return;
        this.lastSeq = frame.seq;
        for (const listener of this.eventListeners.get(frame.event) ?? []) {
          (listener as (p: unknown) => void)(frame.payload);
        }
        return;
      default: {
        const never: never = frame;
        void never;
      }
    }
  }

  private failPending(reason: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve(wireErr(ERROR_CODES.UNAVAILABLE, reason));
      this.pending.delete(id);
    }
  }

  private setState(state: ConnectionState): void {
    this.currentState = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/**
 * The few browser APIs the connectors use, typed structurally so this file compiles (and is
 * unit-tested) without the DOM library.
 */
interface SocketLike {
  onopen: ((e: unknown) => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: ((e: { code: number; reason: string }) => void) | null;
  send(text: string): void;
  close(): void;
}
export type SocketConstructor = new (url: string, protocols: string[]) => SocketLike;

interface PortLike {
  onmessage: ((e: { data: unknown }) => void) | null;
  addEventListener(type: 'close', listener: () => void): void;
  start(): void;
  postMessage(text: string): void;
  close(): void;
}

interface WindowMessage {
  readonly source: unknown;
  readonly data: unknown;
  readonly ports: readonly PortLike[];
}

export interface WindowLike {
  addEventListener(type: 'message', listener: (e: WindowMessage) => void): void;
  removeEventListener(type: 'message', listener: (e: WindowMessage) => void): void;
}

/** Connector for the browser host: WebSocket at /rpc, the token offered as a subprotocol. */
export function webSocketConnector(
  url: string,
  protocols: string[],
  SocketImpl: SocketConstructor,
): Connector {
  return (handlers) =>
    new Promise((resolve, reject) => {
      const socket = new SocketImpl(url, protocols);
      let opened = false;
      socket.onopen = () => {
        opened = true;
        resolve({ send: (text) => socket.send(text), close: () => socket.close() });
      };
      socket.onmessage = (e) => {
        if (typeof e.data === 'string') handlers.onMessage(e.data);
      };
      socket.onclose = (e) => {
        if (!opened) reject(new Error(`websocket refused (${e.code})`));
        else handlers.onClose(`websocket closed (${e.code}${e.reason ? `: ${e.reason}` : ''})`);
      };
    });
}

/**
 * Connector for Electron: the preload forwards a MessagePort into the page with
 * `window.postMessage('kiosk:port', '*', [port])`; `requestPort` asks main for a fresh one.
 */
export function messagePortConnector(
  target: WindowLike,
  requestPort: () => void,
  timeoutMs = 5000,
): Connector {
  return (handlers) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        target.removeEventListener('message', onWindowMessage);
        reject(new Error('no port from the Electron shell'));
      }, timeoutMs);
      const onWindowMessage = (e: WindowMessage): void => {
        const port = e.ports[0];
        if (e.source !== target || e.data !== 'kiosk:port' || !port) return;
        clearTimeout(timer);
        target.removeEventListener('message', onWindowMessage);
        port.onmessage = (m) => {
          if (typeof m.data === 'string') handlers.onMessage(m.data);
        };
        // Chromium fires `close` on an entangled port whose other side went away (the service
        // process died).
        port.addEventListener('close', () => handlers.onClose('the service process went away'));
        port.start();
        resolve({ send: (text) => port.postMessage(text), close: () => port.close() });
      };
      target.addEventListener('message', onWindowMessage);
      requestPort();
    });
}
