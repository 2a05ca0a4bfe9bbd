/**
 * The kiosk shell end to end: the real browser host, the real service over the real
 * WebSocket, and Chromium showing the renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKiosk, type KioskBrowser } from './support/browser.js';
import { type HostProcess, startHostProcess } from './support/host.js';

let host: HostProcess;
let browser: KioskBrowser;

beforeAll(async () => {
  host = await startHostProcess();
  browser = await openKiosk(host.url);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('kiosk shell in Chromium', () => {
  it('renders the attract screen in Chinese with the hall name and device strip', async () => {
    const { page } = browser;
    await page.getByTestId('attract').waitFor();
    await expect.poll(() => page.getByTestId('connection-state').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('欢迎使用政务服务自助终端');
    expect(await page.locator('.hall').textContent()).toBe('示例市政务服务中心');
    expect(
      await page.getByTestId('device-strip').locator('[data-device]').count(),
    ).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('switches to English and back', async () => {
    const { page } = browser;
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Welcome to the self-service kiosk');
    expect(await page.locator('.hall').textContent()).toBe('Demo City Government Service Centre');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('欢迎使用政务服务自助终端');
  });

  it('gives every control a touch target of at least 48 CSS px', async () => {
    const { page } = browser;
    const sizes = await page.locator('button').evaluateAll((buttons) =>
      buttons.map((b) => {
        const r = b.getBoundingClientRect();
        return { text: b.textContent, width: r.width, height: r.height };
      }),
    );
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) {
      expect(s.height, String(s.text)).toBeGreaterThanOrEqual(48);
      expect(s.width, String(s.text)).toBeGreaterThanOrEqual(48);
    }
  });

  it('shows "temporarily unavailable" while the service restarts and recovers by itself', async () => {
    const { page } = browser;
    const restarted = host.lines.length;
    host.child.kill('SIGHUP');
    await page
      .locator('[data-testid="connection-state"][data-state="unavailable"]')
      .waitFor({ timeout: 10_000 });
    await host.waitForLine((l) => l['event'] === 'host.service-restarted');
    await expect
      .poll(() => page.getByTestId('connection-state').count(), { timeout: 20_000 })
      .toBe(0);
    expect(host.lines.slice(restarted).some((l) => l['event'] === 'rpc.connected')).toBe(true);
    await page.getByTestId('attract').waitFor();
  });

  it('refuses a page connection without the token and logs the refusal', async () => {
    const { page } = browser;
    const outcome = await page.evaluate(
      (port) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, ['kiosk-rpc.v1']);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      host.port,
    );
    expect(outcome).toBe('refused');
    await host.waitForLine(
      (l) => l['event'] === 'host.ws-refused' && l['reason'] === 'no token offered',
      5000,
    );
  });
});
