/**
 * The checks every WebSocket upgrade passes before it reaches the service. The browser host
 * listens on 127.0.0.1 only, but any local program or web page could still try to connect, so:
 *  - path must be exactly `/rpc`;
 *  - Host must be exactly `127.0.0.1:<port>` (DNS rebinding sends another name);
 *  - Origin must be exactly `http://127.0.0.1:<port>` (another site or port sends its own);
 *  - the 256-bit token from the page URL's fragment must be offered as the subprotocol
 *    `token.<64 hex>` next to `kiosk-rpc.v1`, compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const RPC_PATH = '/rpc';
export const RPC_SUBPROTOCOL = 'kiosk-rpc.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'token.';
const TOKEN_BYTES = 32;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('hex');
}

export interface UpgradeRequest {
  readonly url: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  /** The raw `Sec-WebSocket-Protocol` header. */
  readonly protocols: string | undefined;
}

export type GuardVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401 | 403 | 404 | 421; readonly reason: string };

export function checkUpgrade(req: UpgradeRequest, port: number, token: string): GuardVerdict {
  const path = (req.url ?? '').split('?')[0];
  if (path !== RPC_PATH)
    return { ok: false, status: 404, reason: `path ${JSON.stringify(path)} is not ${RPC_PATH}` };

  const expectedHost = `127.0.0.1:${port}`;
  if (req.host !== expectedHost) {
    return {
      ok: false,
      status: 421,
      reason: `Host ${JSON.stringify(req.host ?? null)} is not ${expectedHost}`,
    };
  }
  const expectedOrigin = `http://${expectedHost}`;
  if (req.origin !== expectedOrigin) {
    return {
      ok: false,
      status: 403,
      reason: `Origin ${JSON.stringify(req.origin ?? null)} is not ${expectedOrigin}`,
    };
  }

  const offered = (req.protocols ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(RPC_SUBPROTOCOL)) {
    return { ok: false, status: 401, reason: `subprotocol ${RPC_SUBPROTOCOL} not offered` };
  }
  const tokenProtocol = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  if (!tokenProtocol) return { ok: false, status: 401, reason: 'no token offered' };
  if (!tokensEqual(tokenProtocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length), token)) {
    return { ok: false, status: 401, reason: 'wrong token' };
  }
  return { ok: true };
}

/** Constant-time comparison; lengths differ only for malformed offers, which leak nothing. */
export function tokensEqual(offered: string, token: string): boolean {
  const a = Buffer.from(offered, 'utf8');
  const b = Buffer.from(token, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b); // same work either way
    return false;
  }
  return timingSafeEqual(a, b);
}
