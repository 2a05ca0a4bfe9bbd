/**
 * `npm run devices -- printer test --config FILE` as a child process against a fake printer on
 * a loopback port: JSON on stdout and the exit codes of the issue.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import { FakePrinter, FakePrinterTcpServer } from '../../../drivers/printer/simulator.js';
import { demoConfig } from '../../support/service.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

let sim: FakePrinter;
let server: FakePrinterTcpServer;

beforeEach(async () => {
  sim = new FakePrinter();
  server = await FakePrinterTcpServer.listen(sim);
});
afterEach(async () => {
  await server.close();
});

/** `statusTimeoutMs`: generous where an answer is expected (a loaded machine), short where not. */
function configFile(statusTimeoutMs = 4000): string {
  const file = join(mkdtempSync(join(tmpdir(), 'printer-cli-')), 'kiosk.json');
  const config = demoConfig({
    devices: {
      barcode: [],
      printer: {
        driver: 'escpos',
        model: 'epson-tm-t88vi',
        paperWidthMm: 80,
        transport: { type: 'tcp', host: '127.0.0.1', port: server.port },
        statusTimeoutMs,
      },
    },
  });
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Runs the CLI without blocking this process, which hosts the fake printer. */
function devices(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/service/cli/devices.ts', ...args],
      {
        cwd: ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run devices -- printer test', () => {
  it('prints the test receipt and exits 0; paper near end is a warning only', async () => {
    sim.setFlags({ paperNearEnd: true });
    const run = await devices(['printer', 'test', '--config', configFile()]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      printed: true,
      warnings: ['paper-near-end'],
      status: { known: true, faults: [], warnings: ['paper-near-end'] },
    });
    expect(sim.receipts).toHaveLength(1);
    expect(receiptLines(sim.receipts[0]!.receipt).join('\n')).toContain('Printer test');
  });

  it('exits 1 with the reason when the cover is open, and prints nothing', async () => {
    sim.openCover();
    const run = await devices(['printer', 'test', '--config', configFile()]);
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      printed: false,
      failure: { code: 'cover-open', stage: 'before', printed: 'no' },
      status: { known: true, faults: ['cover-open', 'offline'] },
    });
    expect(sim.receipts).toHaveLength(0);
  });

  it('exits 1 with "status unknown" when the printer does not answer', async () => {
    sim.setAnswering(false);
    const run = await devices(['printer', 'test', '--config', configFile(1000)]);
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      printed: false,
      failure: { code: 'status-unknown' },
      status: { known: false, reason: 'no-answer' },
    });
  });
});
