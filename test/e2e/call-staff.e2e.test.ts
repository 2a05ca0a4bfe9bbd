/**
 * "Call staff" for real (docs/staff.md, "Calls for help"): the applicant taps the button on one
 * page, a staff member signed in on a second page of the same kiosk sees the call on the staff
 * panel, the applicant's screen shows the counter directions once nobody has answered within
 * `staff.callAcknowledgeSeconds`, staff acknowledge and the applicant's screen says help is on
 * the way, then staff extend the applicant's time and the applicant's screen says so.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKiosk, type KioskBrowser } from './support/browser.js';
import { demoHostConfig } from './support/demo-config.js';
import { type HostProcess, startHostProcess } from './support/host.js';
import { STAFF_PIN, testStaffMembers } from '../support/staff.js';

/** The smallest the schema allows, so the directions appear within the test. */
const ACKNOWLEDGE_SECONDS = 10;

let host: HostProcess;
let browser: KioskBrowser;
let applicant: Page;
let staff: Page;

beforeAll(async () => {
  host = await startHostProcess({
    config: demoHostConfig({
      staff: { members: await testStaffMembers(), callAcknowledgeSeconds: ACKNOWLEDGE_SECONDS },
      maintenance: { heartbeatSeconds: 0 },
    }),
  });
  browser = await openKiosk(host.url);
  applicant = browser.page;
  await applicant.getByTestId('attract').waitFor();
  // The staff member's own screen: a second page of the same kiosk (another connection).
  staff = await browser.context.newPage();
  await staff.goto(host.url);
  await staff.getByTestId('attract').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function signInStaff(page: Page): Promise<void> {
  for (let i = 0; i < 5 && (await page.getByTestId('staff-sign-in').count()) === 0; i++) {
    await page.getByTestId('staff-corner').click();
  }
  await page.getByTestId('staff-sign-in').waitFor();
  const digits = async (text: string) => {
    for (const d of text) await page.getByTestId(`staff-key-${d}`).click();
  };
  await digits('1001');
  await page.getByTestId('staff-next').click();
  await digits(STAFF_PIN);
  await page.getByTestId('staff-submit').click();
  await page.getByTestId('staff-panel').waitFor();
}

describe('call staff across two screens', () => {
  it('pages staff, falls back to directions, shows the acknowledgement and the extension', async () => {
    await applicant.bringToFront();
    await applicant.getByTestId('start').click();
    const callButton = applicant.getByTestId('call-staff').first();
    await callButton.click();
    const status = applicant.getByTestId('call-staff-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('open');
    expect(await status.locator('[lang="zh-CN"]').textContent()).toContain('已呼叫工作人员');
    expect(await status.locator('[lang="en"]').textContent()).toContain('staff have been called');
    // Tapping again pages nobody a second time.
    await applicant.getByTestId('call-staff-dialog').getByRole('button').click();
    await callButton.click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('open');

    await staff.bringToFront();
    await signInStaff(staff);
    const calls = staff.getByTestId('staff-call');
    await expect.poll(() => calls.count()).toBe(1);
    expect(await calls.first().textContent()).toContain('identify');

    // Nobody answered within the configured time: the counter directions show as well.
    await applicant.bringToFront();
    await applicant
      .getByTestId('call-staff-directions')
      .waitFor({ timeout: (ACKNOWLEDGE_SECONDS + 10) * 1000 });

    await staff.bringToFront();
    await staff.getByTestId('staff-call-acknowledge').click();
    await expect.poll(() => calls.count()).toBe(0);

    await applicant.bringToFront();
    await expect.poll(() => status.getAttribute('data-state')).toBe('acknowledged');
    expect(await status.locator('[lang="zh-CN"]').textContent()).toContain('正在赶来');
    expect(await status.locator('[lang="en"]').textContent()).toContain('on the way');
    expect(await applicant.getByTestId('call-staff-directions').count()).toBe(0);
    await applicant.getByTestId('call-staff-dialog').getByRole('button').click();

    await staff.bringToFront();
    await staff.getByTestId('staff-extend-time').click();
    await staff.getByTestId('staff-assist-note').waitFor();
    await applicant.bringToFront();
    const notice = applicant.getByTestId('time-extended');
    await notice.waitFor();
    expect(await notice.locator('[lang="en"]').textContent()).toContain('more time');
    // Still on the step the applicant was on: the extension only restarts the idle time.
    expect(await applicant.getByTestId('call-staff').count()).toBeGreaterThan(0);

    const called = host.lines.filter((l) => l['event'] === 'staff.called');
    expect(called).toHaveLength(1);
    expect(host.lines.some((l) => l['event'] === 'staff.call-repeated')).toBe(true);
    expect(host.lines.some((l) => l['event'] === 'staff.call-acknowledged')).toBe(true);
    expect(host.lines.some((l) => l['event'] === 'session.time-extended')).toBe(true);
  });
});
