/**
 * Faults seen from the touchscreen: the service restarts (SIGHUP to the browser host) while an
 * applicant is mid-journey. The renderer covers the screen as "temporarily unavailable",
 * reconnects by itself, and comes back to a clean start: the restarted service holds no
 * session, so nothing of the applicant stays on screen or in the service. The attract screen
 * then tells the applicant, in the displayed language and spoken, that the kiosk restarted and
 * the application was not submitted; the note goes on the next touch.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageRpc } from './support/page.js';
import { FIREWORKS, Walker } from './support/walk.js';
import { kioskSuite } from './support/suite.js';

const kiosk = kioskSuite();
let page: Page;

beforeAll(() => {
  page = kiosk.page;
});

describe('fault: service restart mid-journey', () => {
  it('covers the screen, reconnects, starts clean without the applicant, and tells them to start again', async () => {
    const ctx = { rpc: (m: string, p: unknown) => pageRpc(page, m, p) };
    // Identify and open the item guide: an applicant mid-journey.
    const walker = new Walker(page);
    await walker.placeCard(0);
    await walker.waitFor('screen-chooseItem');
    const applicant = (await page.getByTestId('applicant').textContent()) ?? '';
    expect(applicant).toMatch(/\*/);
    for (const key of 'yhbz') await page.locator(`.hg-button[data-skbtn="${key}"]`).click();
    await walker.tap(`item-${FIREWORKS}`);
    await walker.waitFor('screen-itemGuide');

    const before = kiosk.host.lines.length;
    kiosk.host.child.kill('SIGHUP');
    await page
      .locator('[data-testid="connection-state"][data-state="unavailable"]')
      .waitFor({ timeout: 10_000 });
    await kiosk.host.waitForLine((l) => l['event'] === 'host.service-restarted');
    await expect
      .poll(() => page.getByTestId('connection-state').count(), { timeout: 20_000 })
      .toBe(0);
    expect(kiosk.host.lines.slice(before).some((l) => l['event'] === 'rpc.connected')).toBe(true);

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
    // (The restarted simulator has no card on the reader; another person's card is placed.)
    await walker.placeCard(1);
    await walker.waitFor('screen-chooseItem');
    expect((await ctx.rpc('session.get', {})).value).not.toBeNull();
  });
});
