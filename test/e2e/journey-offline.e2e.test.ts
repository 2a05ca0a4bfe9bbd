/**
 * Journey (3): submission while the central API is down, forwarded later, status updated; and
 * the status query by ID card. In Chromium through the browser host, with the simulators and
 * the embedded sandbox, which the dev dock takes down for real (it stops listening: the kiosk's
 * client meets refused connections).
 *
 * The steps this test is not about (opening the item record once while the API is up, the
 * scan that supplies the material) are driven through the service on a second connection of
 * the page; the dev dock switch, the check-answers submit, the receipt, the printed receipt's
 * QR code and the status screens are driven through the screens.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE_SEEDS, syntheticPerson } from '../../drivers/common/synthetic.js';
import { readCodesFromPng } from '../integration/printer/read-codes.js';
import { openKiosk, type KioskBrowser } from './support/browser.js';
import { demoHostConfig } from './support/demo-config.js';
import { type HostProcess, startHostProcess } from './support/host.js';
import { pageRpc, type RpcAnswer, seriousAxeViolations } from './support/page.js';

/** A person's item whose qualification can be scanned (sandbox/seed/items.ts). */
const ITEM = '360322-DG-PRACTITIONER-QUALIFICATION';
/** An item this kiosk never opened, so its record is not in the catalogue cache. */
const UNCACHED_ITEM = '360322-FW-ROAD-TRANSPORT-PERMIT';
/** Demo card 1: a resident who holds a dangerous-goods practitioner qualification. */
const CARD = 1;
/** The person on demo card 1 (drivers/id-card/synthetic-cards.ts: demo seeds 1..8 in order). */
const HOLDER = syntheticPerson(DEMO_PEOPLE_SEEDS[CARD]);
/** Provisional references: `L` + local date + 6 Crockford base32 characters (outbox/store.ts). */
const LOCAL_REFERENCE = /^L\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

let host: HostProcess;
let browser: KioskBrowser;
let page: Page;
let localReference = '';
let trackingNumber = '';

const rpc = (method: string, params: unknown): Promise<RpcAnswer> => pageRpc(page, method, params);

async function expectOk(answer: Promise<RpcAnswer>, what: string): Promise<RpcAnswer> {
  const a = await answer;
  expect(a.ok, `${what}: ${JSON.stringify(a.error)}`).toBe(true);
  return a;
}

async function axe(screen: string): Promise<void> {
  const bad = await seriousAxeViolations(page);
  expect(bad, `${screen}: ${JSON.stringify(bad)}`).toEqual([]);
}

async function withDevDock(action: () => Promise<void>): Promise<void> {
  await page.getByTestId('devdock-open').click();
  await action();
  await page
    .getByTestId('devdock')
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click();
}

const placeCard = () =>
  withDevDock(() => page.getByTestId(`devdock-id-card-place-${CARD}`).click());

async function setCentralApi(down: boolean): Promise<void> {
  await withDevDock(async () => {
    await page.getByTestId(down ? 'devdock-central-api-down' : 'devdock-central-api-up').click();
    await page
      .locator(`[data-testid="devdock-central-api-state"][data-down="${down}"]`)
      .waitFor({ timeout: 15_000 });
  });
}

/** Ends the visit in the service and takes the card away; back on the attract screen. */
async function endVisit(): Promise<void> {
  const removals = () => host.lines.filter((l) => l['event'] === 'id-card.removed').length;
  const before = removals();
  await expectOk(rpc('session.end', { reason: 'cancel' }), 'session.end');
  await expectOk(rpc('idCard.removeCard', {}), 'idCard.removeCard');
  await page.getByTestId('attract').waitFor({ timeout: 15_000 });
  // The reader notices the card is gone at its next poll; a card placed before that is no news.
  await expect.poll(removals, { timeout: 15_000 }).toBeGreaterThan(before);
}

/** Taps pinyin initials on the on-screen keyboard of the choose-item screen. */
async function search(initials: string): Promise<void> {
  for (const k of initials) await page.locator(`.hg-button[data-skbtn="${k}"]`).click();
}

beforeAll(async () => {
  // Heartbeats every 2 s: the kiosk notices the API is back within a beat of the breaker's probe.
  host = await startHostProcess({
    config: demoHostConfig({ maintenance: { heartbeatSeconds: 2 } }),
  });
  browser = await openKiosk(host.url);
  page = browser.page;
  await page.getByTestId('attract').waitFor();
  await host.waitForLine((l) => l['event'] === 'catalogue.refreshed', 60_000);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('journey (3): submission while the central API is down', () => {
  it('an earlier visit opened the item while the API was up (its record is cached)', async () => {
    await placeCard();
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    await expectOk(rpc('application.start', { implementCode: ITEM }), 'application.start');
    await endVisit();
  });

  it('takes the central API down from the dev dock', async () => {
    await setCentralApi(true);
    await host.waitForLine((l) => l['event'] === 'devdock.central-api-down', 10_000);
    const health = await rpc('devdock.centralApi.get', {});
    expect(health.value.down).toBe(true);
  });

  it('an item the kiosk never opened shows the "central system cannot be reached" screen', async () => {
    await placeCard();
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    // Search works from the cached item list.
    await search('yhbz');
    await page.getByTestId(`item-${UNCACHED_ITEM}`).click({ timeout: 15_000 });
    await page.getByTestId('screen-itemGuide').waitFor();
    // The guide asks for the item's record, which only the central API could give.
    const fault = page.getByTestId('fault');
    await fault.waitFor({ timeout: 30_000 });
    expect(await fault.locator('h2').getAttribute('data-fault')).toBe('centralApiDown');
    expect(await fault.textContent()).toContain('E_APPLICATION_ITEM_UNAVAILABLE');
    await axe('central API down');
    await endVisit();
    await expect.poll(() => page.getByTestId('fault').count()).toBe(0);
  });

  it('the cached item works offline: guide, materials by scan, form, check answers', async () => {
    await placeCard();
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    await search('cyzgzhf');
    await page.getByTestId(`item-${ITEM}`).click({ timeout: 15_000 });
    await page.getByTestId('screen-itemGuide').waitFor();
    await page.getByTestId('next').click();
    await page.getByTestId('screen-materials').waitFor({ timeout: 30_000 });
    // The record came from the catalogue cache: the API could not confirm it.
    await host.waitForLine(
      (l) => l['event'] === 'catalogue.item-unconfirmed' && l['implementCode'] === ITEM,
      10_000,
    );
    // Documents on file cannot be looked up; the plan says so and a scan still works.
    const plan = await expectOk(rpc('application.plan', {}), 'application.plan');
    expect(plan.value.item.implementCode).toBe(ITEM);
    expect(plan.value.lookupErrors.length).toBeGreaterThan(0);
    await expectOk(
      rpc('scanner.simulator.load', { action: 'feeder', document: 'business-license', seed: 5 }),
      'scanner.simulator.load',
    );
    await expectOk(
      rpc('scanner.scan', { materialId: 'offline-qualification', source: 'feeder' }),
      'scanner.scan',
    );
    await expectOk(
      rpc('application.attachScan', {
        materialCode: 'CURRENT_QUALIFICATION',
        holderIndex: 0,
        scanMaterialId: 'offline-qualification',
      }),
      'application.attachScan',
    );
    const check = await expectOk(rpc('application.check', {}), 'application.check');
    expect(check.value.result).toBe('COMPLETE');
    // Through the remaining screens to check answers (each moves on with its primary button).
    for (let i = 0; i < 4; i++) {
      if (await page.getByTestId('screen-checkAnswers').count()) break;
      await page.getByTestId('next').click();
      await page.waitForTimeout(300);
    }
    await page.getByTestId('screen-checkAnswers').waitFor({ timeout: 15_000 });
  });

  it('submits: the receipt shows a provisional reference and the printed receipt carries its QR', async () => {
    await page.getByTestId('submit').click();
    await page.getByTestId('screen-receipt').waitFor({ timeout: 30_000 });
    await page.getByTestId('provisional-note').waitFor();
    localReference = (await page.getByTestId('reference').textContent())!.trim();
    expect(localReference).toMatch(LOCAL_REFERENCE);
    await page
      .locator('[data-testid="print-status"][data-state="printed"]')
      .waitFor({ timeout: 30_000 });
    await axe('provisional receipt');

    expect(await readLastReceiptQr()).toContain(`/r/${localReference}`);
    const status = await rpc('application.status', { reference: localReference });
    expect(status.value.state).toBe('queued');
  });

  it('brings the API up: the kiosk notices and the outbox forwards the application', async () => {
    await setCentralApi(false);
    const forwarded = await host.waitForLine(
      (l) => l['event'] === 'application.forwarded' && l['localReference'] === localReference,
      120_000,
    );
    trackingNumber = String(forwarded['trackingNumber']);
    expect(trackingNumber).not.toBe(localReference);
    await host.waitForLine((l) => l['event'] === 'outbox.api-recovered', 10_000);
  }, 150_000);

  it('the receipt QR scanned on the status screen shows it forwarded, with tracking number and live status', async () => {
    await endVisit();
    const qr = (await readLastReceiptQr())!;
    await withDevDock(async () => {
      await page.getByTestId('devdock-barcode-text').fill(qr);
      await page.getByTestId('devdock-barcode-text').press('Enter');
    });
    await page.getByTestId('screen-statusQuery').waitFor({ timeout: 15_000 });
    await page.getByTestId('status-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('status-state').getAttribute('data-state')).toBe('forwarded');
    expect(await page.getByTestId('status-result').textContent()).toContain(trackingNumber);
    expect((await page.getByTestId('status-live').textContent())!.trim()).not.toBe('');
    await axe('status, forwarded');
  });
});

describe('status query by ID card', () => {
  it("lists the card holder's applications on the status screen; a tap shows one", async () => {
    await page.getByTestId('cancel').click();
    await page.getByTestId('attract').waitFor();
    await page.getByTestId('status-query').click();
    await page.getByTestId('screen-statusQuery').waitFor();
    await page.getByTestId('status-card-hint').waitFor();
    await placeCard();
    const list = page.getByTestId('my-applications');
    await list.waitFor({ timeout: 15_000 });
    // Still the status screen: a card read here identifies without starting an application.
    expect(await page.getByTestId('screen-statusQuery').count()).toBe(1);
    const entry = list.locator(`[data-reference="${trackingNumber}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.getAttribute('data-state')).toBe('forwarded');
    // Masked by construction: the card holder's name and number are nowhere in the list.
    const text = (await list.textContent()) ?? '';
    expect(text).not.toContain(HOLDER.idNumber);
    expect(text).not.toContain(HOLDER.name);
    await axe('status, my applications');
    await entry.click();
    await page.getByTestId('status-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('status-result').textContent()).toContain(trackingNumber);
    await page.getByTestId('status-back-to-list').click();
    await list.waitFor();
    await page.getByTestId('cancel').click();
    await page.getByTestId('attract').waitFor();
  });
});

/** The QR text of the last printed receipt, read back from the fake printer's picture. */
async function readLastReceiptQr(): Promise<string | undefined> {
  const printer = await expectOk(rpc('printer.simulatorState', {}), 'printer.simulatorState');
  const last = printer.value.receipts.at(-1);
  const picture = await expectOk(
    rpc('printer.simulatorReceiptPicture', { number: last.number }),
    'printer.simulatorReceiptPicture',
  );
  const codes = await readCodesFromPng(Buffer.from(picture.value.pngBase64, 'base64'));
  return codes.find((c) => c.format === 'QRCode')?.text;
}
