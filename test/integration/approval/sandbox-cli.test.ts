/**
 * `npm run sandbox` as a child process: it logs one sandbox.ready JSON line, serves the
 * province-scale catalogue to a signed client, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalClient } from '../../../electron/service/approval/client.js';
import { parseTerminalKeyHex } from '../../../drivers/common/request-signature.js';
import { OTHER_TERMINAL } from './support.js';

const CLI = new URL('../../../sandbox/cli.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function readyLine(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed['event'] === 'sandbox.ready') resolve(parsed);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

describe('sandbox CLI', () => {
  it('starts with a terminals file, serves 5,000+ items, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hk-sandbox-cli-'));
    dirs.push(dir);
    const terminals = join(dir, 'terminals.json');
    writeFileSync(terminals, JSON.stringify({ terminals: [OTHER_TERMINAL] }));
    const child = run(['--port', '0', '--data-dir', join(dir, 'data'), '--terminals', terminals]);
    const ready = await readyLine(child);
    expect(ready).toMatchObject({ event: 'sandbox.ready', testClock: false });

    const client = new ApprovalClient({
      baseUrl: String(ready['url']),
      terminalId: OTHER_TERMINAL.id,
      keyId: OTHER_TERMINAL.keyId,
      key: parseTerminalKeyHex(OTHER_TERMINAL.key),
      timeoutMs: 10_000,
    });
    const page = await client.listItems({ pageSize: 200 });
    expect(page.ok && page.value.total).toBeGreaterThanOrEqual(5000);
    // The admin clock exists only with --test-clock.
    const clock = await client.moveSandboxClock({ advanceMs: 1 });
    expect(!clock.ok && clock.error).toMatchObject({ status: 404 });

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses bad arguments with exit code 2 and a usage line', async () => {
    const child = run(['--port', 'eighty']);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be 0\.\.65535/);
    expect(stderr).toMatch(/usage: npm run sandbox/);
  });
});
