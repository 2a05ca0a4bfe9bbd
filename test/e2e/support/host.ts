/**
 * Starts the browser host as a child process (`electron/host/cli.ts`), exactly as `npm run
 * host` does, and waits for its `host.ready` line. Log lines are kept for assertions, and
 * everything the host writes (stdout and stderr) is also copied to `<data dir>.host.log` so the
 * privacy scan after the suite (test/e2e/privacy/global-setup.ts) can read the logs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = new URL('../../../', import.meta.url).pathname;

export interface HostProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly lines: Record<string, unknown>[];
  readonly child: ChildProcess;
  waitForLine(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface HostStartOptions {
  /** A config object written to a temp file; default: kiosk-config/default.json. */
  readonly config?: unknown;
  readonly env?: NodeJS.ProcessEnv;
}

export async function startHostProcess(options: HostStartOptions = {}): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  let configPath = join(ROOT, 'kiosk-config/default.json');
  if (options.config) {
    configPath = join(dataDir, 'config.json');
    writeFileSync(configPath, JSON.stringify(options.config));
  }
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/host/cli.ts',
      '--config',
      configPath,
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--no-browser',
    ],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  const logFile = `${dataDir}.host.log`;
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    appendFileSync(logFile, d);
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    appendFileSync(logFile, `${text}\n`);
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      lines.push({ raw: text });
    }
    for (const l of listeners) l();
  });

  const waitForLine = (predicate: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = (): boolean => {
        const found = lines.find(predicate);
        if (found) {
          listeners.delete(onLine);
          clearTimeout(timer);
          resolve(found);
          return true;
        }
        return false;
      };
      const onLine = (): void => void check();
      const timer = setTimeout(() => {
        listeners.delete(onLine);
        reject(new Error(`host line not seen in ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      if (!check()) listeners.add(onLine);
      child.once('exit', (code) => {
        if (!lines.find(predicate))
          reject(new Error(`host exited with ${code}; stderr: ${stderr.slice(-2000)}`));
      });
    });

  const ready = await waitForLine((l) => l['event'] === 'host.ready', 120_000);
  return {
    url: String(ready['url']),
    port: Number(ready['port']),
    dataDir,
    lines,
    child,
    waitForLine,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
