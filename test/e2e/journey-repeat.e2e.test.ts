/**
 * Journey (1), a repeat fireworks road transport permit with every license on file, in
 * Chromium through the browser host with the simulators and the embedded sandbox: the agent's
 * card, acting for the consignor, the recommended item, consent on its guide (which also fills
 * in the last application's answers and shows the authorisation on file), the documents used
 * last time proposed, previewed together and used with one tap, only the new trip typed, one
 * complete check, submission with a tracking number, the printed receipt, the rating; then
 * journey (4), the status of that application by its reference. axe-core on every screen.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeReceiptCode } from '../../drivers/common/codes.js';
import { kioskSuite } from './support/suite.js';
import { Walker } from './support/walk.js';
import { dayFromToday, DEMO_PLATE, fireworksTripDetails, pageRpc } from './support/page.js';

const FIREWORKS = '360322-FW-ROAD-TRANSPORT-PERMIT';

const kiosk = kioskSuite();
let page: Page;
let reference = '';
const TRIP = fireworksTripDetails();

const axe = (screen: string): Promise<void> => kiosk.axe(screen);

beforeAll(() => {
  page = kiosk.page;
});

describe('journey (1): repeat fireworks permit with every license on file', () => {
  it('identifies the agent and acts for the consignor without typing its credit code', async () => {
    await new Walker(page).placeCard(0);
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    await page.getByTestId('act-for-0').click();
    await page.getByTestId('acting-for').waitFor();
    await page.getByTestId(`recommended-${FIREWORKS}`).waitFor();
    await axe('choose item, recommended');
  });

  it('opens the recommended item and agrees on its guide: one tap consents, prefills, shows the authorisation', async () => {
    await page.getByTestId(`recommended-${FIREWORKS}`).click();
    await page.getByTestId('screen-itemGuide').waitFor();
    await page.getByTestId('item-materials').waitFor();
    expect(await page.getByTestId('consent-text').textContent()).toContain('证照');
    await axe('item guide with consent');
    await page.getByTestId('next').click();
    await page.getByTestId('screen-materials').waitFor();
    await page.locator('[data-testid="authorisation"][data-shown="ON_FILE"]').waitFor();
    // The documents used last time (the carrier's, the driver's, the right vehicle among the
    // carrier's several) are proposed, previewed together.
    await page.getByTestId('suggested-CARRIER_DG_TRANSPORT_LICENSE').waitFor({ timeout: 15_000 });
    const vehicle = await page.getByTestId('suggested-VEHICLE_ROAD_TRANSPORT_CERT').textContent();
    expect(vehicle).toContain(DEMO_PLATE.slice(1));
    // Nothing is left to choose one by one: only the form's own material is listed below.
    expect(await page.locator('[data-testid^="preview-"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="material-"]').count()).toBeLessThanOrEqual(1);
    await axe('materials, documents on file proposed');
  });

  it('uses them all with one tap and moves on; the form asks only for the new trip', async () => {
    await page.getByTestId('use-all').click();
    await page.getByTestId('screen-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('form-fields').locator('input').first().waitFor();
    // The last application's answers are shown to confirm, persons' identifiers masked.
    const driver = (await page.getByTestId('prefilled-driver.idNumber').textContent()) ?? '';
    expect(driver).toMatch(/\*{4}/);
    expect(driver).not.toContain(TRIP['driver.idNumber']!);
    expect(await page.getByTestId('prefilled-vehicle.plate').textContent()).toContain(DEMO_PLATE);
    const asked = await page
      .getByTestId('form-fields')
      .locator('input')
      .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')));
    expect(asked.sort()).toEqual(
      [
        'field-goods.category',
        'field-goods.quantity',
        'field-goods.specification',
        'field-goods.unit',
        'field-trip.endDate',
        'field-trip.startDate',
      ].sort(),
    );
    for (const id of asked) await page.getByTestId(id!).fill(TRIP[id!.slice('field-'.length)]!);
    expect(await page.getByTestId('field-trip.startDate').getAttribute('data-keypad')).toBe(
      'numeric',
    );
    await axe('form, prefilled');
    await page.getByTestId('next').click();
    // Complete: the deficiency list moves on by itself.
    await page.getByTestId('screen-checkAnswers').waitFor({ timeout: 15_000 });
    await axe('check answers');
    // Every answer is there to check, masked where personal.
    const driverAnswer = (await page.getByTestId('answer-driver.idNumber').textContent()) ?? '';
    expect(driverAnswer).toMatch(/\*{4}/);
    expect(driverAnswer).not.toContain(TRIP['driver.idNumber']!);
    // "Change" goes straight to the form, where that answer is asked again.
    await page.getByTestId('answer-trip.endDate').getByRole('button').click();
    await page.getByTestId('screen-form').waitFor();
    await page.getByTestId('change-trip.endDate').click();
    await page.getByTestId('field-trip.endDate').fill(dayFromToday(4));
    await page.getByTestId('next').click();
    await page.getByTestId('screen-checkAnswers').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('answer-trip.endDate').textContent())
      .toContain(dayFromToday(4));
  });

  it('submits, shows the tracking number and prints the receipt', async () => {
    await page.getByTestId('submit').click();
    await page.getByTestId('screen-receipt').waitFor({ timeout: 20_000 });
    reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(reference.length).toBeGreaterThan(5);
    await page
      .locator('[data-testid="print-status"][data-state="printed"]')
      .waitFor({ timeout: 20_000 });
    await axe('receipt with rating');
  });

  it('rates on the receipt screen, which ends the visit; the visit is wiped', async () => {
    await page.getByTestId('rate-5').click();
    await page.getByTestId('attract').waitFor();
    await kiosk.host.waitForLine((l) => l['event'] === 'journey.rated', 10_000);
    await kiosk.host.waitForLine(
      (l) => l['event'] === 'session.ended' && l['reason'] === 'complete',
      10_000,
    );
  });

  it('journey (4): finds the status of that application by its reference', async () => {
    await page.getByTestId('status-query').click();
    await page.getByTestId('screen-statusQuery').waitFor();
    await page.getByTestId('reference-input').fill(reference);
    await page.getByTestId('status-look').click();
    await page.getByTestId('status-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('status-state').getAttribute('data-state')).toBe('forwarded');
    await axe('status');
  });

  it('journey (4): scanning the printed receipt QR code on the attract screen shows its status', async () => {
    await page.getByTestId('cancel').click();
    await page.getByTestId('attract').waitFor();
    const text = encodeReceiptCode({ trackingNumber: reference, terminalId: 'HK-DEMO-0001' });
    expect((await pageRpc(page, 'barcode.simulateScan', { text })).ok).toBe(true);
    await page.getByTestId('screen-statusQuery').waitFor({ timeout: 15_000 });
    await page.getByTestId('status-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('status-state').getAttribute('data-state')).toBe('forwarded');
  });

  it('journey (5): a scanned permit is verified: genuine, with its live state', async () => {
    await page.getByTestId('cancel').click();
    await page.getByTestId('attract').waitFor();
    expect((await pageRpc(page, 'barcode.simulateScan', { preset: 'permit' })).ok).toBe(true);
    await page.getByTestId('screen-verify').waitFor({ timeout: 15_000 });
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 15_000 });
    // The preset is a permit the sandbox issued and signed: genuine, and in transit.
    expect(await result.getAttribute('data-signature')).toBe('VALID');
    expect(await result.getAttribute('data-state')).toBe('IN_TRANSIT');
    expect(await result.locator('.verdict').textContent()).toContain('运输中');
    expect(await page.getByTestId('verify-permit').textContent()).toMatch(/\*{4}/);
    await axe('verify permit');
  });
});
