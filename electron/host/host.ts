/**
 * The browser host: runs the kiosk service in-process, serves the built renderer and the
 * guarded WebSocket on one 127.0.0.1 port, and opens Chromium in app/kiosk mode. It is how the
 * kiosk runs without the Electron binary, how every end-to-end test runs, and a valid
 * deployment for halls that run Chromium kiosk mode.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../drivers/common/logger.js';
import { MAX_FRAME_BYTES } from '../contract/protocol.js';
import { type LoadedConfig, loadConfig } from '../service/config/load.js';
import { serveConnection } from '../service/rpc/serve.js';
import { createKioskService, type KioskService } from '../service/service.js';
import { ensureRendererBuilt, RENDERER_OUT } from './build-renderer.js';
import { launchChromium } from './chromium.js';
import { approvalEndpoint } from './embedded-sandbox.js';
import { checkUpgrade, newToken, RPC_SUBPROTOCOL } from './guard.js';
import { serveStatic } from './static.js';

export interface HostOptions {
  readonly loaded: LoadedConfig;
  readonly dataDir: string;
  /** 0 picks any free port. */
  readonly port: number;
  readonly openBrowser: boolean;
  readonly logger: Logger;
  /** Folder with the built renderer; defaults to out/renderer (built when stale). */
  readonly rendererDir?: string;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** URL of the embedded sandbox approval API, when the config asks for it. */
  readonly sandboxUrl: string | undefined;
  service(): KioskService;
  /** Stops and rebuilds the in-process service; open pages reconnect by themselves. */
  restartService(reason: string): Promise<void>;
  close(): Promise<void>;
}

/** WebSocket close code 1012: "service restart" (RFC 6455 registry). */
const CLOSE_SERVICE_RESTART = 1012;

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { logger } = options;
  const rendererDir = options.rendererDir ?? RENDERER_OUT;
  if (!options.rendererDir) await ensureRendererBuilt(logger);

  const {
    baseUrl: approvalBaseUrl,
    sandbox,
    centralApiSwitch,
  } = await approvalEndpoint(options.loaded, options.dataDir, logger);

  // A restart re-reads the config file, so changes a technician saved take effect; a file
  // that no longer loads keeps the config the service ran with (and says so in the log).
  let loaded = options.loaded;
  const reloadConfig = (): void => {
    if (loaded.path === '<inline>') return;
    try {
      loaded = loadConfig(loaded.path);
    } catch (error) {
      logger.error({ event: 'host.config-reload-failed', error: String(error) });
    }
  };
  let restart: (reason: string) => Promise<void> = async () => {};
  const makeService = async (): Promise<KioskService> => {
    const s = createKioskService({
      loaded,
      dataDir: options.dataDir,
      logger,
      approvalBaseUrl,
      ...(centralApiSwitch ? { centralApiSwitch } : {}),
      requestRestart: (reason) => void restart(reason),
    });
    await s.start();
    return s;
  };
  let service = await makeService();
  const token = newToken();
  const sockets = new Set<WebSocket>();

  const server: Server = createServer((req, res) => serveStatic(rendererDir, req, res));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (offered) => (offered.has(RPC_SUBPROTOCOL) ? RPC_SUBPROTOCOL : false),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  server.on('upgrade', (req, socket: Duplex, head) => {
    const verdict = checkUpgrade(
      {
        url: req.url,
        host: req.headers.host,
        origin: req.headers.origin,
        protocols: req.headers['sec-websocket-protocol'],
      },
      port,
      token,
    );
    if (!verdict.ok) {
      logger.warn({ event: 'host.ws-refused', status: verdict.status, reason: verdict.reason });
      socket.end(
        `HTTP/1.1 ${verdict.status} ${statusText(verdict.status)}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => acceptSocket(ws));
  });

  const acceptSocket = (ws: WebSocket): void => {
    sockets.add(ws);
    const served = serveConnection(service, 'websocket', (text) => ws.send(text));
    ws.on('message', (data, isBinary) => {
      // Frames are JSON text; a binary frame is answered as a bad frame.
      served.receive(isBinary ? '' : data.toString());
    });
    ws.on('error', (error) => {
      logger.warn({
        event: 'host.ws-refused',
        connectionId: served.connection.id,
        reason: error.message,
      });
    });
    ws.on('close', (code) => {
      sockets.delete(ws);
      served.closed();
      if (code === 1009) {
        logger.warn({
          event: 'host.ws-refused',
          connectionId: served.connection.id,
          reason: 'frame too large',
        });
      }
    });
  };

  const url = `http://127.0.0.1:${port}/#token=${token}`;
  let browser: ChildProcess | undefined;
  if (options.openBrowser)
    browser = launchChromium(url, join(options.dataDir, 'chromium-profile'), logger);
  logger.info({ event: 'host.ready', url, port });

  restart = async (reason) => {
    logger.info({ event: 'host.service-restarting', reason });
    for (const ws of sockets) ws.close(CLOSE_SERVICE_RESTART, 'service restart');
    await service.shutdown(`restart: ${reason}`);
    reloadConfig();
    service = await makeService();
    logger.info({ event: 'host.service-restarted' });
  };

  return {
    url,
    port,
    token,
    sandboxUrl: sandbox?.url,
    service: () => service,
    restartService: (reason) => restart(reason),
    async close() {
      browser?.kill('SIGTERM');
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.shutdown('host closed');
      await sandbox?.close();
    },
  };
}

function statusText(status: number): string {
  return (
    { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' }[
      status
    ] ?? 'Refused'
  );
}
