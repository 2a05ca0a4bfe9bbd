import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  registerAppScheme,
  resolveRequestPath,
} from '../../../electron/main/protocol.js';
import {
  OUT_OF_SERVICE_PAGES,
  OUT_OF_SERVICE_PATH,
} from '../../../electron/main/out-of-service.js';

let base: string;
let root: string;
const logger = capturingLogger();
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'kiosk-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, '..notes.txt'), 'dot-dot prefix, still inside');
  writeFileSync(path.join(root, 'data.bin'), 'unknown type');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer directory');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  handle = createAppRequestHandler({ rootDir: root, builtinPages: OUT_OF_SERVICE_PAGES, logger });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> =>
  handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves index.html for / with the CSP header and a matching content type', async () => {
    const response = await get('app://kiosk/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets below the root', async () => {
    const response = await get('app://kiosk/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('the CSP is the production policy: self-only scripts and styles, nothing framed', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it.each([
    // The URL parser already folds `%2e%2e` segments (WHATWG), so these stay inside: 404.
    ['encoded dot-dot segment', 'app://kiosk/%2e%2e/secret.txt', 404],
    ['encoded dot-dot below a folder', 'app://kiosk/assets/%2E%2E/%2E%2E/secret.txt', 404],
    // An encoded slash survives the parser and only decoding reveals `../`: the check refuses.
    ['encoded slash', 'app://kiosk/..%2fsecret.txt', 403],
    ['encoded slash below a folder', 'app://kiosk/assets/..%2f..%2fsecret.txt', 403],
    ['encoded backslash', 'app://kiosk/..%5csecret.txt', 400],
    ['NUL byte', 'app://kiosk/index.html%00.js', 400],
    ['malformed percent-encoding', 'app://kiosk/%E0%A4%A', 400],
  ])('refuses path traversal: %s', async (_label, url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('outside the renderer directory');
  });

  it('plain dot-dot segments are resolved by the URL parser and stay inside', async () => {
    const response = await get('app://kiosk/../../secret.txt');
    expect(response.status).toBe(404);
  });

  it('refuses a symlink that leads out of the renderer directory', async () => {
    const response = await get('app://kiosk/escape.txt');
    expect(response.status).toBe(403);
    expect(logger.lines.some((l) => l.fields['event'] === 'shell.protocol-refused')).toBe(true);
  });

  it('serves a file whose name merely starts with two dots', async () => {
    const response = await get('app://kiosk/..notes.txt');
    expect(response.status).toBe(200);
  });

  it('answers 404 for missing files, directories and unknown file types', async () => {
    expect((await get('app://kiosk/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/assets')).status).toBe(404);
    expect((await get('app://kiosk/data.bin')).status).toBe(404);
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://kiosk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('serves the built-in out-of-service page with its stylesheet, under the same CSP', async () => {
    const page = await get(`app://kiosk${OUT_OF_SERVICE_PATH}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('暂停服务');
    expect(html).toContain('out of service');
    expect(html).not.toMatch(/<style|<script|style=/);
    const css = html.match(/href="([^"]+\.css)"/)?.[1];
    expect(css).toBeDefined();
    const sheet = await get(`app://kiosk${css}`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('resolveRequestPath maps / to index.html and keeps results inside the root', () => {
    expect(resolveRequestPath('/r', '/')).toEqual({ ok: true, file: '/r/index.html' });
    expect(resolveRequestPath('/r', '/%2e%2e').ok).toBe(false);
    expect(resolveRequestPath('/r', '/%2e%2e/secret.txt')).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(resolveRequestPath('/r', '/%2e%2e/r2/x').ok).toBe(false);
  });

  it('registers app as a standard, secure scheme without CSP bypass or cross-origin reads', () => {
    const schemes: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => schemes.push(...s) });
    expect(schemes).toEqual([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
  });
});
