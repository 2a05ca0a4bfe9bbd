/**
 * `npm start` as a person runs it, on a display (Xvfb here): the launcher finds no Electron
 * binary, starts the browser host, and the host opens Chromium in kiosk mode on the attract
 * screen. Playwright attaches to that very Chromium over its debugging port to look.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/host.js';

const DEBUG_PORT = 9300 + Math.floor(Math.random() * 500);
let child: ChildProcess | undefined;

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child!.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

describe('npm start', () => {
  it('opens Chromium in kiosk mode on the attract screen', async () => {
    child = spawn(
      'xvfb-run',
      [
        '-a',
        '-s',
        '-screen 0 1280x800x24',
        'npm',
        'start',
        '--',
        '--port',
        '0',
        '--data-dir',
        `/tmp/kiosk-start-${DEBUG_PORT}`,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          KIOSK_BROWSER_ARGS: `--remote-debugging-port=${DEBUG_PORT} --disable-gpu`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let browserPid = 0;
    const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no host.ready within 90 s')), 90_000);
      createInterface({ input: child!.stdout! }).on('line', (line) => {
        if (line.includes('"host.browser-launched"'))
          browserPid = Number((JSON.parse(line) as { pid: number }).pid);
        if (!line.includes('"host.ready"')) return;
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      });
    });
    expect(browserPid).toBeGreaterThan(0);
    const flags = readFileSync(`/proc/${browserPid}/cmdline`, 'utf8').split('\0');
    expect(flags).toEqual(
      expect.arrayContaining(['--kiosk', '--start-fullscreen', '--disable-background-networking']),
    );
    expect(flags.find((f) => f.startsWith('--app='))).toBe(`--app=${String(ready['url'])}`);

    let browser;
    for (let attempt = 0; attempt < 60 && !browser; attempt++) {
      browser = await chromium
        .connectOverCDP(`http://127.0.0.1:${DEBUG_PORT}`)
        .catch(() => undefined);
      if (!browser) await new Promise((r) => setTimeout(r, 500));
    }
    expect(browser, 'Chromium did not open its debugging port').toBeDefined();
    const page = browser!
      .contexts()[0]!
      .pages()
      .find((p) => p.url().startsWith(String(ready['url']).split('#')[0]!));
    expect(page, 'no page on the kiosk URL').toBeDefined();
    await page!.getByTestId('attract').waitFor({ timeout: 30_000 });
    expect(await page!.locator('h1').textContent()).toBe('欢迎使用政务服务自助终端');
    await browser!.close();
  });
});
