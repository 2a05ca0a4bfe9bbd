/**
 * An HTTP fault proxy between the approval client and the sandbox. Each incoming request
 * takes the next planned fault (then `pass` once the plan is used up):
 *
 * - `pass`: forward and relay the answer;
 * - `reset`: reset the TCP connection without answering (nothing reaches the sandbox);
 * - `reset-after-forward`: forward, let the sandbox act, then reset instead of answering
 *   (the response is lost: the case idempotency keys exist for);
 * - `503`: answer 503 with `Retry-After: 0` without forwarding;
 * - `stall`: accept and never answer (the client's timeout must fire).
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'reset' | 'reset-after-forward' | '503' | 'stall';

export interface FaultProxy {
  readonly url: string;
  /** Faults for the next requests, in order. */
  plan(faults: readonly Fault[]): void;
  /** What each request met, in order (method, path, fault). */
  readonly log: { method: string; path: string; fault: Fault }[];
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const queue: Fault[] = [];
  const log: FaultProxy['log'] = [];
  const stalled = new Set<ServerResponse>();

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    onResponse: (res: IncomingMessage, body: Buffer) => void,
  ): void => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => onResponse(res, Buffer.concat(chunks)));
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const fault = queue.shift() ?? 'pass';
    log.push({ method: req.method ?? '', path: req.url ?? '', fault });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      switch (fault) {
        case 'reset':
          req.socket.resetAndDestroy();
          return;
        case '503':
          res.writeHead(503, {
            'Retry-After': '0',
            'Content-Type': 'text/plain',
            Connection: 'close',
          });
          res.end('service unavailable');
          return;
        case 'stall':
          stalled.add(res);
          return;
        case 'reset-after-forward':
          forward(req, body, () => req.socket.resetAndDestroy());
          return;
        case 'pass':
          forward(req, body, (upstream, upstreamBody) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            res.end(upstreamBody);
          });
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    plan: (faults) => {
      queue.length = 0;
      queue.push(...faults);
    },
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
