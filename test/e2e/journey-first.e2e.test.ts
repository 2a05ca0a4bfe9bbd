/**
 * Journey (2), a first application, in Chromium through the browser host with the simulators
 * and the embedded sandbox: the agent acts for a shipper that has never applied, so nothing is
 * prefilled and the supply-chain records are not on file. The purchase contract and the quality
 * certificates are scanned from the feeder (live page thumbnails); the trip is typed, for a
 * fireworks display; the completeness check lists everything missing at once, among it the
 * display permit; the fix goes back to the materials, where the carrier's licenses (now named
 * by the form) are proposed and the display permit is scanned (the third scan); then one
 * complete check, submission, the printed receipt and the rating. axe-core on every screen.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kioskSuite } from './support/suite.js';
import { Walker } from './support/walk.js';
import { fireworksTripDetails, pageRpc } from './support/page.js';

const FIREWORKS = '360322-FW-ROAD-TRANSPORT-PERMIT';
/** The agent's second enterprise in the sandbox's cast: the first-time shipper. */
const FIRST_TIME_SHIPPER = 1;

const kiosk = kioskSuite();
let page: Page;
const TRIP = fireworksTripDetails();

const axe = (screen: string): Promise<void> => kiosk.axe(screen);

/** Pages forward through the material list until the material's row shows. */
async function showMaterial(code: string): Promise<void> {
  const row = page.getByTestId(`material-${code}`);
  for (let i = 0; i < 10 && !(await row.count()); i++) {
    await page.getByRole('button', { name: /^(更多|More)$/ }).click();
  }
  await row.waitFor();
}

/** Puts a synthetic paper document in the simulated scanner's feeder, then taps Scan. */
async function scan(code: string, document: string, seed: number): Promise<void> {
  const loaded = await pageRpc(page, 'scanner.simulator.load', {
    action: 'feeder',
    document,
    seed,
  });
  expect(loaded.ok, JSON.stringify(loaded.error)).toBe(true);
  await showMaterial(code);
  await page.getByTestId(`scan-${code}`).click();
  const row = page.locator(`[data-testid="material-${code}"][data-chosen="SCAN"]`);
  await row.waitFor({ timeout: 60_000 });
  await row.locator('[data-testid="scan-thumbnails"] img').first().waitFor({ timeout: 15_000 });
}

beforeAll(() => {
  page = kiosk.page;
});

describe('journey (2): a first application with three scans, a deficiency and its fix', () => {
  it('the agent acts for a shipper that has never applied and opens the permit from search', async () => {
    await new Walker(page).placeCard(0);
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    await page.getByTestId(`act-for-${FIRST_TIME_SHIPPER}`).click();
    await page.getByTestId('acting-for').waitFor();
    for (const key of 'yhbz') await page.locator(`.hg-button[data-skbtn="${key}"]`).click();
    await page.getByTestId(`item-${FIREWORKS}`).click({ timeout: 15_000 });
    await page.getByTestId('screen-itemGuide').waitFor();
    await page.getByTestId('next').click();
    await page.getByTestId('screen-materials').waitFor();
    await page.locator('[data-testid="authorisation"][data-shown="ON_FILE"]').waitFor({
      timeout: 15_000,
    });
    // Its production license is on file; nothing from a last application is.
    await page.getByTestId('suggested-CONSIGNOR_QUALIFICATION').waitFor();
    expect(await page.locator('[data-testid^="suggested-"]').count()).toBe(1);
    await axe('materials, first application');
    await page.getByTestId('use-all').click();
    await page.getByTestId('suggested').waitFor({ state: 'detached' });
    // Still on the materials: the contract and the certificates are not on file.
    expect(await page.getByTestId('app').getAttribute('data-step')).toBe('materials');
  });

  it('scans the purchase contract and the quality certificates, with live thumbnails', async () => {
    await scan('PURCHASE_CONTRACT', 'purchase-contract', 21);
    await scan('QUALITY_CERTIFICATES', 'quality-certificate', 22);
    await axe('materials, two scans');
  });

  it('types the trip on the form, for a fireworks display', async () => {
    await page.getByTestId('next').click();
    await page.getByTestId('screen-form').waitFor();
    await page.getByTestId('form-fields').locator('input').first().waitFor();
    // Nothing was prefilled: a first application has no last application.
    expect(await page.getByTestId('prefilled').count()).toBe(0);
    for (const input of await page.getByTestId('form-fields').locator('input').all()) {
      const key = ((await input.getAttribute('data-testid')) ?? '').slice('field-'.length);
      if (TRIP[key] !== undefined) await input.fill(TRIP[key]);
    }
    await page.getByTestId('field-trip.purpose-DISPLAY').click();
    await axe('form, first application');
    await page.getByTestId('next').click();
  });

  it('lists every deficiency at once, the display permit among them, each with its fix', async () => {
    await page.getByTestId('screen-deficiencies').waitFor();
    await page.getByTestId('deficiency-count').waitFor();
    const list = page.getByTestId('deficiencies');
    const permit = list.locator('li[data-material="DISPLAY_PERMIT"]');
    await permit.waitFor();
    expect(await permit.textContent()).toContain('焰火晚会燃放许可证');
    // The carrier's licenses are missing too: the form named the carrier only now.
    expect(await list.locator('li[data-material="CARRIER_DG_TRANSPORT_LICENSE"]').count()).toBe(1);
    expect(await page.getByTestId('next').isDisabled()).toBe(true);
    await axe('deficiencies');
    await permit.getByRole('button').click();
    await page.getByTestId('screen-materials').waitFor();
  });

  it("fixes them: the carrier's licenses are proposed and used, the display permit is scanned", async () => {
    await page.getByTestId('suggested-CARRIER_DG_TRANSPORT_LICENSE').waitFor({ timeout: 15_000 });
    // Among the carrier's vehicles, the one whose plate the form names.
    expect(await page.getByTestId('suggested-VEHICLE_ROAD_TRANSPORT_CERT').textContent()).toContain(
      TRIP['vehicle.plate']!.slice(1),
    );
    await page.getByTestId('use-all').click();
    await page.getByTestId('suggested').waitFor({ state: 'detached' });
    await scan('DISPLAY_PERMIT', 'business-license', 23);
    await axe('materials, fixed');
    await page.getByTestId('next').click();
    await page.getByTestId('screen-form').waitFor();
    await page.getByTestId('form-nothing').waitFor();
    await page.getByTestId('next').click();
    await page.getByTestId('screen-checkAnswers').waitFor({ timeout: 15_000 });
    await axe('check answers');
  });

  it('submits with three scans, prints the receipt and rates', async () => {
    await page.getByTestId('submit').click();
    await page.getByTestId('screen-receipt').waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="print-status"][data-state="printed"]')
      .waitFor({ timeout: 20_000 });
    const queued = await kiosk.host.waitForLine((l) => l['event'] === 'application.queued', 10_000);
    expect(queued['files']).toBe(3);
    await page.getByTestId('rate-4').click();
    await page.getByTestId('attract').waitFor();
  });
});
