/**
 * Faults seen from the touchscreen: the service restarts (SIGHUP to the browser host) while an
 * applicant is mid-journey. The renderer covers the screen as "temporarily unavailable",
 * reconnects by itself, and comes back to a clean start: the restarted service holds no
 * session, so nothing of the applicant stays on screen or in the service. The attract screen
 * then tells the applicant, in the displayed language and spoken, that the kiosk restarted and
 * the application was not submitted; the note goes on the next touch.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRpc, SOAK_JOURNEY } from './soak/journeys.js';
import { openKiosk, type KioskBrowser } from './support/browser.js';
import { type HostProcess, startHostProcess } from './support/host.js';

let host: HostProcess;
let browser: KioskBrowser;
let page: Page;

beforeAll(async () => {
  host = await startHostProcess();
  browser = await openKiosk(host.url);
  page = browser.page;
  await page.getByTestId('attract').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('fault: service restart mid-journey', () => {
  it('covers the screen, reconnects, starts clean without the applicant, and tells them to start again', async () => {
    const ctx = { page, journey: 0, rpc: (m: string, p: unknown) => pageRpc(page, m, p) };
    // Identify and open the item guide: an applicant mid-journey.
    await SOAK_JOURNEY[0]!.run(ctx);
    const applicant = (await page.getByTestId('applicant').textContent()) ?? '';
    expect(applicant).toMatch(/\*/);
    await SOAK_JOURNEY[1]!.run(ctx);

    const before = host.lines.length;
    host.child.kill('SIGHUP');
    await page
      .locator('[data-testid="connection-state"][data-state="unavailable"]')
      .waitFor({ timeout: 10_000 });
    await host.waitForLine((l) => l['event'] === 'host.service-restarted');
    await expect
      .poll(() => page.getByTestId('connection-state').count(), { timeout: 20_000 })
      .toBe(0);
    expect(host.lines.slice(before).some((l) => l['event'] === 'rpc.connected')).toBe(true);

    // The restarted service has no session; the renderer shows the attract screen and none
    // of the applicant's masked details.
    await page.getByTestId('attract').waitFor({ timeout: 20_000 });
    expect((await ctx.rpc('session.get', {})).value).toBeNull();
    const html = await page.content();
    for (const part of applicant.split(/\s+/).filter((p) => p.includes('*'))) {
      expect(html).not.toContain(part);
    }

    // The applicant is told, in the displayed language (the hall's default after the wipe),
    // and it is spoken: the kiosk restarted, the application was not submitted, start again.
    const notice = page.getByTestId('restart-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.getAttribute('data-kind')).toBe('notSubmitted');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const zhText = (await notice.textContent()) ?? '';
    expect(zhText).toContain('终端已重新启动');
    expect(zhText).toContain('尚未提交');
    expect(await notice.getAttribute('role')).toBe('status');
    await expect
      .poll(async () => {
        const r = await ctx.rpc('speech.spoken', { limit: 20 });
        return (r.value?.utterances ?? []).some(
          (u: { text: string; voice: string }) => u.voice === 'cmn' && u.text.includes('尚未提交'),
        );
      })
      .toBe(true);
    // The language switch keeps it (to read it in English); no personal data in it either way.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => notice.textContent()).toContain('The kiosk restarted');
    expect(await notice.textContent()).toContain('not submitted');
    for (const part of applicant.split(/\s+/).filter((p) => p.includes('*'))) {
      expect(zhText + ((await notice.textContent()) ?? '')).not.toContain(part);
    }
    // The next touch anywhere else dismisses it.
    await page.getByTestId('attract-prompt').click();
    await expect.poll(() => notice.count()).toBe(0);

    // And the kiosk works again: the next applicant identifies as usual.
    await ctx.rpc('idCard.removeCard', {});
    await SOAK_JOURNEY[0]!.run({ ...ctx, journey: 1 });
    expect((await ctx.rpc('session.get', {})).value).not.toBeNull();
  });
});
