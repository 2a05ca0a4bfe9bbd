/**
 * Two faults an applicant meets at the devices, in Chromium through the browser host with the
 * real simulators (issue 9: "each have a screen that says what happened and what to do, in both
 * languages"):
 *
 * - Card unreadable: the simulated SAM answers the card read with "read failed" (the
 *   `remove-mid-read` fault: the card leaves the field during the read, so the driver reports
 *   `id-card.read-failed` instead of retrying a garbled answer). The attract screen shows the
 *   fault, spoken in Chinese, switchable to English; the next placement identifies normally.
 * - Printer out of paper: the dev dock's "paper runs out mid-job" button, then submission of a
 *   repeat permit. The receipt screen keeps the tracking number, the print failed, the fault
 *   says what to do in both languages; the receipt is kept for reprint (service log), and once
 *   paper is loaded, staff reprint it from the staff panel; its QR code carries the tracking
 *   number.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReceiptCode } from '../../drivers/common/codes.js';
import { readCodesFromPng } from '../integration/printer/read-codes.js';
import { STAFF_PIN, testStaffMembers } from '../support/staff.js';
import { demoHostConfig } from './support/demo-config.js';
import { pageRpc, type RpcAnswer } from './support/page.js';
import { kioskSuite } from './support/suite.js';
import { Walker, walkRepeatToCheckAnswers } from './support/walk.js';

const kiosk = kioskSuite({
  config: demoHostConfig({ staff: { members: await testStaffMembers() } }),
});
let page: Page;

const rpc = (method: string, params: unknown): Promise<RpcAnswer> => pageRpc(page, method, params);

async function expectOk(answer: Promise<RpcAnswer>, what: string): Promise<RpcAnswer> {
  const r = await answer;
  expect(r.ok, `${what}: ${JSON.stringify(r.error)}`).toBe(true);
  return r;
}

async function spoken(): Promise<{ text: string; language: string; voice: string }[]> {
  const r = await expectOk(rpc('speech.spoken', { limit: 50 }), 'speech.spoken');
  return r.value.utterances;
}

beforeAll(() => {
  page = kiosk.page;
});

describe('device faults an applicant meets', () => {
  it('card unreadable: the fault in Chinese (spoken) and English, then the next placement identifies', async () => {
    const w = new Walker(page);
    await expectOk(
      rpc('idCard.injectFault', { fault: { kind: 'remove-mid-read' } }),
      'idCard.injectFault',
    );
    await w.placeCard(0);

    const fault = page.getByTestId('fault');
    await fault.waitFor({ timeout: 20_000 });
    const title = fault.locator('h2');
    expect(await title.getAttribute('data-fault')).toBe('cardUnreadable');
    const zh = (await fault.textContent()) ?? '';
    expect(zh).toContain('未能读取身份证');
    // What to do: take the card off and place it flat again.
    expect(zh).toContain('平放在读卡区中央');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Nobody was identified: still the attract screen behind the dialog.
    expect(await page.getByTestId('attract').count()).toBe(1);
    expect((await rpc('session.get', {})).value?.applicant).toBeUndefined();
    await expect
      .poll(async () =>
        (await spoken()).some(
          (u) => u.voice === 'cmn' && u.language === 'zh-CN' && u.text.includes('未能读取身份证'),
        ),
      )
      .toBe(true);
    await kiosk.axe('card unreadable (zh-CN)');

    // The access bar is behind the dialog: its own language switch.
    await page.getByTestId('fault-language-switch').click();
    await expect.poll(() => title.textContent()).toBe('The card could not be read');
    const en = (await fault.textContent()) ?? '';
    expect(en).toContain('The reader could not read your ID card.');
    expect(en).toContain('place it flat in the middle of the reader');
    await expect
      .poll(async () =>
        (await spoken()).some(
          (u) => u.voice === 'en' && u.language === 'en' && u.text.includes('could not be read'),
        ),
      )
      .toBe(true);
    await kiosk.axe('card unreadable (en)');
    await page.getByTestId('fault-language-switch').click();
    await expect.poll(() => title.textContent()).toBe('未能读取身份证');

    await page.getByTestId('fault-dismiss').click();
    await fault.waitFor({ state: 'detached' });
    // The fault took the card off the reader; placed again (no fault queued), it is read.
    await w.placeCard(0);
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('applicant').textContent()).toMatch(/\*/);
    expect(await page.getByTestId('fault').count()).toBe(0);
    await page.getByTestId('cancel').click();
    await page.getByTestId('attract').waitFor();
    await w.removeCard();
  });

  it('printer out of paper: the receipt keeps the tracking number, the fault says what to do, staff reprint', async () => {
    const w = new Walker(page);
    await walkRepeatToCheckAnswers(w);

    // The dev dock's printer button: the roll ends part-way through the next receipt.
    await w.withDevDock(async () => {
      await page.getByTestId('devdock-printer-runs-out').click();
      await expect
        .poll(async () => (await rpc('printer.simulatorState', {})).value?.paperRemainingDots)
        .toBe(300);
    });

    await w.tap('submit');
    const reference = page.getByTestId('reference');
    await reference.waitFor({ timeout: 30_000 });
    const trackingNumber = ((await reference.textContent()) ?? '').trim();
    expect(trackingNumber).not.toBe('');
    // Forwarded to the central system: a tracking number, not a provisional reference.
    expect(await page.getByTestId('provisional-note').count()).toBe(0);
    await page
      .locator('[data-testid="print-status"][data-state="failed"]')
      .waitFor({ timeout: 30_000 });

    const fault = page.getByTestId('fault');
    await fault.waitFor({ timeout: 15_000 });
    const title = fault.locator('h2');
    expect(await title.getAttribute('data-fault')).toBe('printerOutOfPaper');
    const zh = (await fault.textContent()) ?? '';
    expect(zh).toContain('打印机缺纸');
    expect(zh).toContain('您的申请已保存');
    expect(zh).toContain('请到服务台找工作人员');
    await expect
      .poll(async () =>
        (await spoken()).some((u) => u.voice === 'cmn' && u.text.includes('打印机缺纸')),
      )
      .toBe(true);
    await kiosk.axe('printer out of paper (zh-CN)');
    await page.getByTestId('fault-language-switch').click();
    await expect.poll(() => title.textContent()).toBe('The printer is out of paper');
    const en = (await fault.textContent()) ?? '';
    expect(en).toContain('Your application is saved.');
    expect(en).toContain('Please ask the staff at the counter');
    await kiosk.axe('printer out of paper (en)');
    await page.getByTestId('fault-dismiss').click();
    await fault.waitFor({ state: 'detached' });
    // Behind the dialog the receipt screen still shows the tracking number.
    expect(((await reference.textContent()) ?? '').trim()).toBe(trackingNumber);

    // The receipt was kept for reprint, with the printer's reason.
    const failed = await kiosk.host.waitForLine(
      (l) => l['event'] === 'receipt.print-failed' && l['code'] === 'paper-end',
    );
    expect(failed['kind']).toBe('final');
    await kiosk.host.waitForLine((l) => l['event'] === 'printer.job-failed');

    // The applicant finishes; paper is loaded (dev dock); staff reprint from the staff panel.
    await w.tap('rate-5');
    await w.waitFor('attract');
    await w.removeCard();
    await w.withDevDock(() => page.getByTestId('devdock-printer-load-paper').click());
    const before = (await expectOk(rpc('printer.simulatorState', {}), 'printer.simulatorState'))
      .value.receipts.length as number;

    for (let i = 0; i < 5 && (await page.getByTestId('staff-sign-in').count()) === 0; i++) {
      await page.getByTestId('staff-corner').click();
    }
    await page.getByTestId('staff-sign-in').waitFor();
    for (const d of '1001') await page.getByTestId(`staff-key-${d}`).click();
    await page.getByTestId('staff-next').click();
    for (const d of STAFF_PIN) await page.getByTestId(`staff-key-${d}`).click();
    await page.getByTestId('staff-submit').click();
    await page.getByTestId('staff-assist').waitFor({ timeout: 15_000 });
    const kept = page.getByTestId('staff-assist').locator('li', { hasText: trackingNumber });
    await kept.waitFor({ timeout: 10_000 });
    expect(await kept.textContent()).toContain('final');
    await kept.getByRole('button', { name: /^(重打|Reprint)$/ }).click();
    await expect
      .poll(() => page.getByTestId('staff-assist-note').textContent(), { timeout: 20_000 })
      .toMatch(/已打印|Printed/);
    await expect.poll(() => kept.count()).toBe(0);
    await page.getByTestId('staff-sign-out').click();

    // The fake printer drew the reprinted receipt whole; its QR code carries the number.
    const state = await expectOk(rpc('printer.simulatorState', {}), 'printer.simulatorState');
    expect(state.value.receipts.length).toBe(before + 1);
    const last = state.value.receipts.at(-1);
    expect(last.interrupted).toBe(false);
    const picture = await expectOk(
      rpc('printer.simulatorReceiptPicture', { number: last.number }),
      'printer.simulatorReceiptPicture',
    );
    const codes = await readCodesFromPng(Buffer.from(picture.value.pngBase64, 'base64'));
    const qr = codes.find((c) => c.format === 'QRCode')?.text ?? '';
    const parsed = parseReceiptCode(qr);
    expect(parsed.ok, qr).toBe(true);
    if (parsed.ok) expect(parsed.value.trackingNumber).toBe(trackingNumber);
  });
});
