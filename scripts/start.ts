/**
 * `npm start`: the kiosk with the demo config (simulated devices, embedded sandbox API).
 * Runs the Electron shell when its binary is installed, otherwise the browser host with
 * Chromium. The binary is found by looking for it on disk, never by requiring `electron`
 * (whose index.js would start a download). Extra arguments go to the host or the shell.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
const CONFIG = process.env['KIOSK_CONFIG'] ?? join(ROOT, 'kiosk-config/default.json');

/** Electron's npm package records the binary's path in path.txt once the binary is installed. */
export function findElectronBinary(root = ROOT): string | undefined {
  const dist = join(root, 'node_modules/electron/dist');
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (existsSync(pathFile)) {
    const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return binary;
  }
  for (const name of ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron']) {
    if (existsSync(join(dist, name))) return join(dist, name);
  }
  return undefined;
}

function run(command: string, args: string[]): never {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, KIOSK_CONFIG: CONFIG },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return undefined as never;
}

const extra = process.argv.slice(2);
const electron = findElectronBinary();
if (electron) {
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
  run(electron, ['.', '--config', CONFIG, ...extra]);
} else {
  process.stderr.write(
    'Electron binary not installed: starting the browser host with Chromium instead.\n',
  );
  run(process.execPath, [
    '--import',
    'tsx',
    join(ROOT, 'electron/host/cli.ts'),
    '--config',
    CONFIG,
    ...extra,
  ]);
}
