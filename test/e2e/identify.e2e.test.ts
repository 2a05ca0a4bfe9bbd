/**
 * Scanning from the attract screen, in Chromium through the browser host with the embedded
 * sandbox: the dev dock's government-app sign-in preset (a real one-time code the sandbox
 * issues while playing the app) identifies the person, masked; an expired app code shows its
 * own message in the displayed language, spoken; the dev dock's permit presets (permits the
 * sandbox issued and signed with its published key) verify as genuine with their live state,
 * in transit, expired, and cancelled on arrival, and with the central API taken down from the dev
 * dock, by the kiosk's own signature check. axe-core on every screen reached.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maskIdentifier, maskName } from '../../drivers/common/mask.js';
import { DEMO_PEOPLE_SEEDS, syntheticPerson } from '../../drivers/common/synthetic.js';
import { openKiosk, type KioskBrowser } from './support/browser.js';
import { type HostProcess, startHostProcess } from './support/host.js';
import { pageRpc, seriousAxeViolations } from './support/page.js';

let host: HostProcess;
let browser: KioskBrowser;
let page: Page;

const SCREEN_TIMEOUT_MS = 20_000;

async function axe(screen: string): Promise<void> {
  const bad = await seriousAxeViolations(page);
  expect(bad, `${screen}: ${JSON.stringify(bad)}`).toEqual([]);
}

/**
 * Scans a dev dock barcode preset as a person would: open the dock, tap it, close the dock (the
 * open dock sits above dialogs, so it closes even when the scan raised a fault).
 */
async function scanPreset(preset: string): Promise<void> {
  await page.getByTestId('devdock-open').click();
  await page.getByTestId(`devdock-barcode-preset-${preset}`).click();
  await closeDock();
}

async function closeDock(): Promise<void> {
  await page
    .getByTestId('devdock')
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click();
}

async function spokenTexts(): Promise<{ text: string; voice: string }[]> {
  const r = await pageRpc(page, 'speech.spoken', { limit: 30 });
  expect(r.ok).toBe(true);
  return r.value.utterances;
}

async function backToAttract(): Promise<void> {
  await page.getByTestId('cancel').click();
  await page.getByTestId('attract').waitFor({ timeout: SCREEN_TIMEOUT_MS });
  await expect.poll(async () => (await pageRpc(page, 'session.get', {})).value).toBeNull();
}

/** Back to a clean attract screen whatever a failed test left open. */
async function reset(): Promise<void> {
  if (await page.getByTestId('devdock').count()) await closeDock();
  if (await page.getByTestId('fault-dismiss').count())
    await page.getByTestId('fault-dismiss').click();
  if (!(await page.getByTestId('attract').count())) await backToAttract();
}

beforeAll(async () => {
  host = await startHostProcess();
  browser = await openKiosk(host.url);
  page = browser.page;
  await page.getByTestId('attract').waitFor();
});
beforeEach(reset);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('identify with the government app, from the attract screen', () => {
  it('signs the person in from the app QR code the dev dock scans, masked', async () => {
    await scanPreset('app-identity');
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: SCREEN_TIMEOUT_MS });
    const person = syntheticPerson(DEMO_PEOPLE_SEEDS[0]);
    const shown = (await page.getByTestId('applicant').textContent()) ?? '';
    expect(shown).toContain(maskName(person.name));
    expect(shown).toContain(maskIdentifier(person.idNumber));
    expect(shown).not.toContain(person.name);
    expect(shown).not.toContain(person.idNumber);
    const session = await pageRpc(page, 'session.get', {});
    expect(session.value?.applicant).toMatchObject({
      source: 'app-qr',
      documentType: 'app-identity',
      nameMasked: maskName(person.name),
    });
    await axe('choose item after app sign-in');
    await backToAttract();
  });

  it('says an expired app code has expired, in the displayed language, spoken', async () => {
    await scanPreset('app-identity-expired');
    const fault = page.getByTestId('fault');
    await fault.waitFor({ timeout: SCREEN_TIMEOUT_MS });
    // On the identify step, with the app code chosen as the way to identify.
    expect(await page.getByTestId('app').getAttribute('data-step')).toBe('identify');
    expect(await page.getByTestId('identify-app-qr').getAttribute('aria-pressed')).toBe('true');
    const title = fault.locator('#fault-title');
    expect(await title.getAttribute('data-fault')).toBe('appCodeExpired');
    expect(await title.textContent()).toBe('身份码已过期');
    expect(await fault.textContent()).toContain('请在App中刷新身份码');
    await expect
      .poll(async () =>
        (await spokenTexts()).some((u) => u.voice === 'cmn' && u.text.includes('身份码已过期')),
      )
      .toBe(true);
    await axe('expired app code');

    expect((await pageRpc(page, 'session.get', {})).value?.applicant).toBeUndefined();

    // "Try again" returns to the identify step, ready for a fresh code.
    await page.getByTestId('fault-dismiss').click();
    await expect.poll(() => page.getByTestId('fault').count()).toBe(0);
    await page.getByTestId('screen-identify').waitFor();

    // In English, the same code gets the English message, spoken with the English voice.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Who is applying?');
    await scanPreset('app-identity-expired');
    await expect.poll(() => title.textContent()).toBe('The identity code has expired');
    expect(await fault.textContent()).toContain('Refresh the code in the app');
    await expect
      .poll(async () =>
        (await spokenTexts()).some(
          (u) => u.voice === 'en' && u.text.includes('The identity code has expired'),
        ),
      )
      .toBe(true);
    await axe('expired app code, English');
    await page.getByTestId('fault-dismiss').click();
    await backToAttract();
  });
});

describe('verify a permit by scanning it, from the attract screen', () => {
  it.each([
    ['permit', 'IN_TRANSIT', '真实有效：运输中'],
    ['permit-expired', 'EXPIRED', '真实，但已过期'],
    ['permit-cancelled', 'CANCELLED_ON_ARRIVAL', '真实，但已使用：到达后已核销'],
  ])(
    'shows the %s preset genuine (signature valid) with its live state %s',
    async (preset, state, verdict) => {
      await scanPreset(preset);
      await page.getByTestId('screen-verify').waitFor({ timeout: SCREEN_TIMEOUT_MS });
      const result = page.getByTestId('verify-result');
      await result.waitFor({ timeout: SCREEN_TIMEOUT_MS });
      expect(await result.getAttribute('data-signature')).toBe('VALID');
      expect(await result.getAttribute('data-state')).toBe(state);
      expect((await result.locator('.verdict').textContent())?.trim()).toBe(verdict);
      // Live state: the central API answered (not the kiosk's offline signature check).
      expect(await result.textContent()).toContain('刚刚经中心系统核验');
      // Identifiers on the permit are masked.
      expect(await page.getByTestId('verify-permit').textContent()).toMatch(/\*{4}/);
      await expect
        .poll(async () => (await spokenTexts()).some((u) => u.text.includes(verdict)))
        .toBe(true);
      await axe(`verify ${preset}`);
      await backToAttract();
    },
  );

  it('checks the signature by itself while the central API is down from the dev dock', async () => {
    await page.getByTestId('devdock-open').click();
    await page.getByTestId('devdock-central-api-down').click();
    await page
      .locator('[data-testid="devdock-central-api-state"][data-down="true"]')
      .waitFor({ timeout: SCREEN_TIMEOUT_MS });
    // The preset scans the in-transit permit the sandbox gave before it went away.
    await page.getByTestId('devdock-barcode-preset-permit').click();
    await closeDock();
    await page.getByTestId('screen-verify').waitFor({ timeout: SCREEN_TIMEOUT_MS });
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: SCREEN_TIMEOUT_MS });
    expect(await result.getAttribute('data-signature')).toBe('VALID');
    expect(await result.getAttribute('data-state')).toBe('');
    expect(await result.textContent()).toContain('中心系统未响应，由本机核验签名');
    await axe('verify offline');
    await backToAttract();

    await page.getByTestId('devdock-open').click();
    await page.getByTestId('devdock-central-api-up').click();
    await page
      .locator('[data-testid="devdock-central-api-state"][data-down="false"]')
      .waitFor({ timeout: SCREEN_TIMEOUT_MS });
    await closeDock();
  });
});
