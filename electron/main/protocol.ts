/**
 * The `app://kiosk` protocol: the renderer is served from the built renderer directory through
 * `protocol.handle`, never from `file://` (Electron security checklist item 18), so every
 * response can carry a Content-Security-Policy header and nothing outside that directory is
 * reachable.
 */
import { readFile as fsReadFile, realpath as fsRealpath } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';
import { APP_SCHEME, isAppUrl } from './app-url.js';

/**
 * Production policy (reference: electron.md, "CSP"). Only same-origin scripts, styles, fonts
 * and images (plus `data:` images); no plugins, no `<base>`, no forms posting anywhere, no
 * framing. The service connection is a MessagePort, which CSP does not govern, so
 * `connect-src 'self'` costs nothing. If a later issue decodes barcodes with WebAssembly in the
 * renderer, `script-src` needs `'wasm-unsafe-eval'` added here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Privileges for `protocol.registerSchemesAsPrivileged` (must run before `app.whenReady`). */
export const APP_SCHEME_PRIVILEGES = {
  // `standard` gives app://kiosk a real origin (relative URLs, localStorage, same-origin checks).
  standard: true,
  // `secure` makes it a secure context like https (needed by e.g. crypto.subtle).
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  // Deliberately no `corsEnabled`: it would let other origins read app:// responses. The page's
  // module scripts (`crossorigin`) are same-origin requests and load without it.
  // No `bypassCSP` either: the CSP header must bind the page.
} as const;

/** Registers the `app` scheme as privileged; call before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/** A page main serves itself (not from the renderer build), e.g. the out-of-service page. */
export interface BuiltinPage {
  readonly contentType: string;
  readonly body: string;
}

export interface AppRequestHandlerOptions {
  /** Absolute path of the built renderer (electron-vite's `out/renderer`). */
  readonly rootDir: string;
  /** Pages served from memory, keyed by URL path (e.g. `/__kiosk/out-of-service.html`). */
  readonly builtinPages?: Readonly<Record<string, BuiltinPage>>;
  readonly logger: Logger;
  /** Injectable for tests; default `fs.promises.readFile`. */
  readonly readFile?: (file: string) => Promise<Uint8Array>;
  /** Injectable for tests; default `fs.promises.realpath`. */
  readonly realpath?: (file: string) => Promise<string>;
}

/** Content types by file extension, for what a Vite build emits. Unknown types are refused. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // Builds are replaced by installing a new package; a stale cache would mix two builds.
    'Cache-Control': 'no-cache',
  });
}

function refuse(status: number, reason: string): Response {
  return new Response(`${status} ${reason}\n`, {
    status,
    headers: securityHeaders('text/plain; charset=utf-8'),
  });
}

/** True when `candidate` lies strictly below `root` (both absolute, normalised). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  // Compare whole segments: a file called `..notes.txt` at the root is inside.
  const climbs = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative !== '' && !climbs && !path.isAbsolute(relative);
}

/**
 * Maps a request path to a file below `rootDir`, or explains why it may not. Decoding happens
 * before the containment check, so `%2e%2e%2f` cannot climb out; backslashes and NUL bytes are
 * refused outright because Windows treats `\` as a separator and NUL truncates C paths.
 */
export function resolveRequestPath(
  rootDir: string,
  pathname: string,
): { ok: true; file: string } | { ok: false; status: number; reason: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, reason: 'Bad Request: malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { ok: false, status: 400, reason: 'Bad Request: NUL or backslash in path' };
  }
  const relativePath = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const file = path.resolve(rootDir, `.${relativePath}`);
  if (!isInside(rootDir, file)) {
    return { ok: false, status: 403, reason: 'Forbidden: path leaves the renderer directory' };
  }
  return { ok: true, file };
}

/**
 * Builds the `protocol.handle('app', …)` handler. Every response (errors included) carries
 * the CSP header. Only GET and HEAD on host `kiosk` are served.
 */
export function createAppRequestHandler(
  options: AppRequestHandlerOptions,
): (request: Request) => Promise<Response> {
  const rootDir = path.resolve(options.rootDir);
  const readFile = options.readFile ?? fsReadFile;
  const realpath = options.realpath ?? fsRealpath;
  const log = options.logger;

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(405, 'Method Not Allowed');
    }
    if (!isAppUrl(request.url)) {
      log.warn({ event: 'shell.protocol-refused', reason: 'foreign-host' });
      return refuse(403, 'Forbidden: unknown host');
    }
    const { pathname } = new URL(request.url);

    const builtin = options.builtinPages?.[pathname];
    if (builtin) {
      const body = request.method === 'HEAD' ? null : builtin.body;
      return new Response(body, { status: 200, headers: securityHeaders(builtin.contentType) });
    }

    const resolved = resolveRequestPath(rootDir, pathname);
    if (!resolved.ok) {
      log.warn({ event: 'shell.protocol-refused', reason: resolved.reason });
      return refuse(resolved.status, resolved.reason);
    }
    const contentType = CONTENT_TYPES[path.extname(resolved.file).toLowerCase()];
    if (contentType === undefined) {
      return refuse(404, 'Not Found');
    }

    let bytes: Uint8Array;
    try {
      // A symlink inside the build could point anywhere: check where it really leads.
      const real = await realpath(resolved.file);
      const realRoot = await realpath(rootDir);
      if (!isInside(realRoot, real)) {
        log.warn({ event: 'shell.protocol-refused', reason: 'symlink leaves renderer directory' });
        return refuse(403, 'Forbidden: path leaves the renderer directory');
      }
      bytes = await readFile(real);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        return refuse(404, 'Not Found');
      }
      log.error({ event: 'shell.protocol-read-failed', code });
      return refuse(500, 'Internal Server Error');
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(bytes);
    return new Response(body, { status: 200, headers: securityHeaders(contentType) });
  };
}
