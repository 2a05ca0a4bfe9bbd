/**
 * Builds the shell with the project's real electron.vite.config.ts (into a temp dir, never
 * into out/) and checks what the sandbox and the layering rules need from the bundles.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronFake as fake, fakeEvent } from './fake-electron.js';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
let outDir: string;
let targets: { main?: InlineConfig; preload?: InlineConfig };

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'kiosk-shell-build-'));
  const resolved = await resolveConfig(
    {
      configFile: path.join(projectRoot, 'electron.vite.config.ts'),
      build: { outDir },
      logLevel: 'silent',
    },
    'build',
    'production',
  );
  targets = resolved.config ?? {};
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs a CommonJS bundle the way a sandboxed preload runs: only `require('electron')`. */
function runSandboxed(code: string, posts: unknown[][]): string[] {
  const required: string[] = [];
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
      },
      ipcRenderer: fake.ipcRenderer,
    };
  };
  const module = { exports: {} };
  vm.runInNewContext(code, {
    require: sandboxRequire,
    module,
    exports: module.exports,
    postMessage: (...args: unknown[]) => posts.push(args),
  });
  return required;
}

describe('electron-vite build of the shell', () => {
  it('bundles the preload as small CommonJS that needs nothing but electron', async () => {
    expect(targets.preload).toBeDefined();
    await build(targets.preload ?? {});
    const code = readFileSync(path.join(outDir, 'preload', 'index.cjs'), 'utf8');

    // Tiny: channel names only, no zod (a zod import would add ~100 kB).
    expect(code.length).toBeLessThan(8_000);
    expect(code).not.toMatch(/ZodType|ZodError|require\("zod"\)/);

    fake.reset();
    const posts: unknown[][] = [];
    expect(runSandboxed(code, posts)).toEqual(['electron']);
    const bridge = fake.exposed.get('kiosk') as { version: string; requestPort(): void };
    expect(bridge.version).toBe(
      (
        JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version,
    );
    bridge.requestPort();
    expect(fake.ipcRenderer.sentToMain).toEqual([{ channel: 'kiosk:request-port', args: [] }]);
    const port = { id: 'port' };
    fake.ipcRenderer.emit('kiosk:port', fakeEvent({ ports: [port] }));
    expect(posts).toEqual([['kiosk:port', '*', [port]]]);
  });

  it('builds main and the service entry; main imports no device or service code', async () => {
    expect(targets.main).toBeDefined();
    await build(targets.main ?? {});
    const main = readFileSync(path.join(outDir, 'main', 'index.js'), 'utf8');
    const service = readFileSync(path.join(outDir, 'main', 'service.js'), 'utf8');
    expect(service.length).toBeGreaterThan(0);

    const imported = [...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    for (const specifier of imported) {
      expect(specifier).toMatch(/^(electron|node:[a-z_/]+|pino|\.\/[\w.-]+\.js)$/);
    }
    expect(main).not.toMatch(/better-sqlite3|serialport|node-hid/);
  });
});
