/** `npm run devices` as a technician runs it: a child process, JSON on stdout, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../support/service.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

function devices(args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'electron/service/cli/devices.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('devices CLI', () => {
  it('prints the status of every family as one JSON object', () => {
    const run = devices(['status', '--config', 'kiosk-config/default.json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { terminalId: string; devices: { family: string }[] };
    expect(result.terminalId).toBe('HK-DEMO-0001');
    expect(result.devices.map((d) => d.family)).toEqual(
      expect.arrayContaining(['idCard', 'barcode', 'scanner', 'printer']),
    );
  });

  it('exits 2 with one line per bad field for a wrong config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...demoConfig(), mode: 'live', ui: { idleTimeoutSeconds: 'long' } }),
    );
    const run = devices(['status', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('mode: expected "demo" | "production", found "live"');
    expect(run.stderr).toContain('ui.idleTimeoutSeconds: expected number, found "long"');
  });

  it('exits 2 on bad usage', () => {
    expect(devices(['frobnicate']).code).toBe(2);
    expect(devices(['status']).code).toBe(2);
    expect(devices(['status', '--config', 'kiosk-config/default.json', '--bogus']).code).toBe(2);
  });

  it('the host stops with exit code 2 and names the problem on a bad config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...demoConfig(), terminal: { id: 'x', hall: {} } }));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/host/cli.ts', '--config', file, '--no-browser'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('terminal.id: expected');
    expect(run.stderr).toContain('terminal.hall.zh-CN: expected string, found nothing (missing)');
  });
});
