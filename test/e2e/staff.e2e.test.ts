/**
 * Staff, technician and applicant flows of issue 10 end to end: the browser host as a child
 * process, Chromium, the real service over the real WebSocket. The printer simulator's cover
 * is opened and closed over a second, hand-made WebSocket (as the dev dock would) to take the
 * kiosk out of service and back.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { RPC_SUBPROTOCOL } from '../../electron/host/guard.js';
import { openKiosk, type KioskBrowser } from './support/browser.js';
import { type HostProcess, ROOT, startHostProcess } from './support/host.js';
import { STAFF_PIN, TECH_PIN, testStaffMembers } from '../support/staff.js';
import { syntheticDocument } from '../../drivers/id-card/synthetic-cards.js';

let host: HostProcess;
let browser: KioskBrowser;

beforeAll(async () => {
  const demo = JSON.parse(readFileSync(`${ROOT}kiosk-config/default.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  host = await startHostProcess({
    config: {
      ...demo,
      approvalApi: {
        ...(demo['approvalApi'] as object),
        keyFile: `${ROOT}kiosk-config/demo-terminal.key`,
      },
      staff: {
        members: await testStaffMembers(),
        lockout: { freeAttempts: 1, initialSeconds: 2, maxSeconds: 4 },
      },
      maintenance: { graceSeconds: 0, heartbeatSeconds: 0 },
    },
  });
  browser = await openKiosk(host.url);
  await browser.page.getByTestId('attract').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** One call over a separate WebSocket, as the dev dock does. */
async function devDockCall(method: string, params: object): Promise<unknown> {
  const url = new URL(host.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const ws = new WebSocket(`ws://${url.host}/rpc`, [RPC_SUBPROTOCOL, `token.${token}`], {
    origin: url.origin,
  });
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; result?: unknown };
      if (frame.type === 'welcome') {
        ws.send(JSON.stringify({ type: 'call', id: 1, method, params }));
      } else if (frame.type === 'result') {
        ws.close();
        resolve(frame.result);
      }
    });
  });
}

/** Taps the hidden corner until the keypad opens (five taps within three seconds). */
async function openSignIn(page: Page): Promise<void> {
  for (let i = 0; i < 5 && (await page.getByTestId('staff-sign-in').count()) === 0; i++) {
    await page.getByTestId('staff-corner').click();
  }
  await page.getByTestId('staff-sign-in').waitFor();
}

async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByTestId(`staff-key-${d}`).click();
}

async function signIn(page: Page, staffId: string, pin: string): Promise<void> {
  await openSignIn(page);
  await typeDigits(page, staffId);
  await page.getByTestId('staff-next').click();
  await typeDigits(page, pin);
  await page.getByTestId('staff-submit').click();
}

describe('staff flows in Chromium', () => {
  it('applicants see nothing of staff mode: a few taps on the corner do nothing', async () => {
    const { page } = browser;
    for (let i = 0; i < 3; i++) await page.getByTestId('staff-corner').click();
    expect(await page.getByTestId('staff-sign-in').count()).toBe(0);
    expect(await page.getByTestId('attract').isVisible()).toBe(true);
  });

  it('staff: a wrong PIN locks out with a countdown, the right one opens the staff panel', async () => {
    const { page } = browser;
    await openSignIn(page);
    await typeDigits(page, '1001');
    await page.getByTestId('staff-next').click();
    for (let attempt = 0; attempt < 2; attempt++) {
      await typeDigits(page, '0000');
      await page.getByTestId('staff-submit').click();
      await expect
        .poll(() => page.getByTestId('staff-sign-in-message').count(), { timeout: 10_000 })
        .toBe(1);
    }
    await expect
      .poll(() => page.getByTestId('staff-sign-in-message').textContent(), { timeout: 10_000 })
      .toMatch(/秒后再试/);
    // The submit button stays disabled while the lockout runs, then comes back.
    await typeDigits(page, STAFF_PIN);
    await expect
      .poll(() => page.getByTestId('staff-submit').isEnabled(), { timeout: 10_000 })
      .toBe(true);
    await page.getByTestId('staff-submit').click();

    await page.getByTestId('staff-panel').waitFor();
    expect(await page.getByTestId('staff-panel').getAttribute('data-role')).toBe('staff');
    expect(await page.getByTestId('staff-signed-in-as').textContent()).toContain('1001');
    // Staff get assist and outbox, not the technician tabs.
    expect(await page.getByTestId('staff-tab-devices').count()).toBe(0);

    // Assist: the card cannot be read, staff type the identity in on the on-screen keyboard.
    const { idNumber } = syntheticDocument('resident', 905);
    await page.getByTestId('staff-entry-open').click();
    await page.getByTestId('staff-entry').waitFor();
    for (const c of idNumber) await page.locator(`.hg-button[data-skbtn="${c}"]`).click();
    await page.getByRole('button', { name: /^(姓名|Name):/ }).click();
    for (const c of 'li') await page.locator(`.hg-button[data-skbtn="${c}"]`).click();
    await page.getByTestId('staff-entry-submit').click();
    await expect
      .poll(() => page.getByTestId('staff-assist-note').textContent(), { timeout: 10_000 })
      .toMatch(/工作人员代录|entered by staff/);
    await expect
      .poll(() => page.getByTestId('staff-session').textContent(), { timeout: 10_000 })
      .toContain('staff-entry');
    expect(await page.getByTestId('staff-session').textContent()).not.toContain(idNumber);
    await page.getByTestId('staff-end-session').click();
    await expect
      .poll(() => page.getByTestId('staff-assist-note').textContent(), { timeout: 10_000 })
      .toMatch(/已结束并清除|Ended and wiped/);
    await page.getByTestId('staff-tab-outbox').click();
    await page.getByTestId('staff-outbox').waitFor();
    await page.getByTestId('staff-outbox-retry').click();
    await page.getByTestId('staff-outbox-note').waitFor();
    await page.getByTestId('staff-sign-out').click();
    await expect.poll(() => page.getByTestId('staff-panel').count(), { timeout: 10_000 }).toBe(0);
  });

  it('technician: self-test the printer, see the audit trail verified', async () => {
    const { page } = browser;
    await signIn(page, '2001', TECH_PIN);
    await page.getByTestId('staff-panel').waitFor();
    expect(await page.getByTestId('staff-panel').getAttribute('data-role')).toBe('technician');

    await page.getByTestId('staff-tab-devices').click();
    await page.getByTestId('staff-self-test-printer').click();
    await expect
      .poll(() => page.getByTestId('staff-result-printer').textContent(), { timeout: 20_000 })
      .toMatch(/通过|passed/);

    await page.getByTestId('staff-tab-system').click();
    await expect
      .poll(() => page.getByTestId('staff-version').textContent(), { timeout: 10_000 })
      .toMatch(/\d+\.\d+/);

    await page.getByTestId('staff-tab-audit').click();
    await page.getByTestId('staff-audit-verify').click();
    await expect
      .poll(() => page.getByTestId('staff-audit-verdict').textContent(), { timeout: 10_000 })
      .toMatch(/审计链完整|Audit chain intact/);
    const actions = await page.getByTestId('staff-audit-entry').allTextContents();
    expect(actions.some((a) => a.includes('device.self-test') && a.includes('2001'))).toBe(true);
    expect(actions.some((a) => a.includes('staff.sign-in') && a.includes('failure'))).toBe(true);
    await page.getByTestId('staff-sign-out').click();
    await expect.poll(() => page.getByTestId('staff-panel').count(), { timeout: 10_000 }).toBe(0);
  });

  it('applicants see the out-of-service screen with directions while the printer is faulty, and it clears by itself', async () => {
    const { page } = browser;
    expect(
      await devDockCall('printer.simulatorAction', { action: { kind: 'open-cover' } }),
    ).toMatchObject({ ok: true });
    await page.getByTestId('out-of-service').waitFor({ timeout: 30_000 });
    const text = await page.getByTestId('out-of-service').textContent();
    expect(text).toContain('本机暂停服务');
    expect(text).toContain('请到大厅综合受理窗口');
    expect(text).toContain('general service counters');

    expect(
      await devDockCall('printer.simulatorAction', { action: { kind: 'close-cover' } }),
    ).toMatchObject({ ok: true });
    await expect
      .poll(() => page.getByTestId('out-of-service').count(), { timeout: 30_000 })
      .toBe(0);
    expect(await page.getByTestId('attract').isVisible()).toBe(true);
  });
});
