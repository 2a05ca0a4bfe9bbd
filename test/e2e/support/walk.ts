/**
 * The applicant journeys walked on the real screens, counting what the applicant does: taps on
 * the screen (buttons, keys) and characters typed. What the applicant does away from the screen
 * (placing the ID card on the reader, putting paper in the scanner's feeder) is done through the
 * simulators and is not counted. Used by the journey benchmark (taps, typed characters, tap to
 * next screen painted) and by the soak (the full journey, repeated).
 */
import type { Page } from 'playwright-core';
import { fireworksTripDetails, pageRpc } from './page.js';

export const FIREWORKS = '360322-FW-ROAD-TRANSPORT-PERMIT';
/** The demo agent's card in the dev dock deck, and the enterprises the sandbox lists for them. */
const AGENT_CARD = 0;
const CONSIGNOR = 0;
const FIRST_TIME_SHIPPER = 1;
const WAIT_MS = 30_000;

export interface Tapped {
  readonly testId: string;
  /** From the click to the frame after the screen changed. */
  readonly ms: number;
}

/** Drives one page and keeps count. */
export class Walker {
  taps = 0;
  typed = 0;
  readonly tapped: Tapped[] = [];

  constructor(readonly page: Page) {}

  /** A tap that moves to another screen (`data-step`): timed to the frame after the change. */
  async tap(testId: string): Promise<void> {
    this.taps++;
    await this.page.getByTestId(testId).waitFor({ timeout: WAIT_MS });
    const ms = await this.page.evaluate(async (id) => {
      const app = document.querySelector('[data-testid="app"]')!;
      const before = app.getAttribute('data-step');
      const target = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!target) throw new Error(`no element ${id} on step ${before}`);
      const started = performance.now();
      const changed = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (app.getAttribute('data-step') !== before) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(app, { attributes: true, attributeFilter: ['data-step'] });
      });
      target.click();
      await changed;
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      return performance.now() - started;
    }, testId);
    this.tapped.push({ testId, ms });
  }

  /** A tap that stays on the screen (a scan, a choice): counted, not timed. */
  async press(testId: string): Promise<void> {
    this.taps++;
    await this.page.getByTestId(testId).click();
  }

  /** Types into a field (counted per character; on the on-screen keyboard each is a key). */
  async type(testId: string, text: string): Promise<void> {
    await this.page.getByTestId(testId).fill(text);
    this.typed += [...text].length;
  }

  async waitFor(testId: string, state: 'visible' | 'detached' = 'visible'): Promise<void> {
    await this.page.getByTestId(testId).waitFor({ state, timeout: WAIT_MS });
  }

  /** Places a card of the demo deck on the reader (the dev dock; not a tap on the kiosk). */
  async placeCard(index: number): Promise<void> {
    await this.withDevDock(() => this.page.getByTestId(`devdock-id-card-place-${index}`).click());
  }

  /** Opens the dev dock, does `body` there (not taps on the kiosk), and closes the dock. */
  async withDevDock(body: () => Promise<void>): Promise<void> {
    const { page } = this;
    await page.getByTestId('devdock-open').click();
    await body();
    await page
      .getByTestId('devdock')
      .getByRole('button', { name: /关闭|Close/ })
      .first()
      .click();
  }

  /**
   * Takes the card away from the reader (the simulator) and waits until the reader noticed
   * (`idCard.removed`), so the next visit's card is read as a new one.
   */
  async removeCard(): Promise<void> {
    const removed = await pageRpc(
      this.page,
      'idCard.removeCard',
      {},
      {
        untilEvent: 'idCard.removed',
      },
    );
    if (!removed.ok) throw new Error(`taking the card away: ${JSON.stringify(removed.error)}`);
  }

  /** Types every trip detail the form asks for; throws when it asks for anything else. */
  async typeTrip(allowed: ReadonlySet<string> | undefined = undefined): Promise<void> {
    const trip = fireworksTripDetails();
    await this.page.getByTestId('form-fields').locator('input').first().waitFor();
    for (const input of await this.page.getByTestId('form-fields').locator('input').all()) {
      const id = (await input.getAttribute('data-testid')) ?? '';
      const key = id.slice('field-'.length);
      const text = trip[key];
      if (text === undefined || (allowed && !allowed.has(key))) {
        throw new Error(`the form asks for ${key}`);
      }
      await this.type(id, text);
    }
  }

  /** Pages forward through the material list until the material's row shows. */
  async showMaterial(code: string): Promise<void> {
    const row = this.page.getByTestId(`material-${code}`);
    for (let i = 0; i < 10 && !(await row.count()); i++) {
      this.taps++;
      await this.page.getByRole('button', { name: /^(更多|More)$/ }).click();
    }
    await row.waitFor({ timeout: WAIT_MS });
  }

  /** Paper into the feeder (simulator), then the material's Scan button; waits for the pages. */
  async scan(code: string, document: string, seed: number): Promise<void> {
    const loaded = await pageRpc(this.page, 'scanner.simulator.load', {
      action: 'feeder',
      document,
      seed,
    });
    if (!loaded.ok) throw new Error(`loading the feeder: ${JSON.stringify(loaded.error)}`);
    await this.showMaterial(code);
    await this.press(`scan-${code}`);
    await this.page
      .locator(`[data-testid="material-${code}"][data-chosen="SCAN"]`)
      .waitFor({ timeout: WAIT_MS * 2 });
  }
}

/** The trip details a repeat applicant types: the new dates and goods, nothing else. */
export const NEW_TRIP = new Set([
  'trip.startDate',
  'trip.endDate',
  'goods.category',
  'goods.specification',
  'goods.quantity',
  'goods.unit',
]);

/**
 * Journey (1): a repeat fireworks permit with every license on file, from the attract screen
 * to the attract screen after the rating.
 */
export async function walkRepeatJourney(w: Walker): Promise<void> {
  await walkRepeatToCheckAnswers(w);
  await submitAndRate(w, 5);
}

/**
 * Journey (1) up to check answers: the agent's card, acting for the repeat consignor, the
 * recommended fireworks permit, every material on file, the new trip details typed.
 */
export async function walkRepeatToCheckAnswers(w: Walker): Promise<void> {
  await w.placeCard(AGENT_CARD);
  await w.waitFor('screen-chooseItem');
  await w.press(`act-for-${CONSIGNOR}`);
  await w.waitFor(`recommended-${FIREWORKS}`);
  await w.tap(`recommended-${FIREWORKS}`);
  await w.tap('next');
  await w.waitFor('use-all');
  await w.tap('use-all');
  await w.waitFor('screen-form');
  await w.typeTrip(NEW_TRIP);
  await w.tap('next');
  await w.waitFor('screen-checkAnswers');
}

/**
 * Journey (2): a first application for a shipper with nothing but its license on file: two
 * scans, the trip typed (for a display), the deficiency list, its fix (the carrier's licenses
 * and the display permit scanned), submission, the rating.
 */
export async function walkFirstJourney(w: Walker): Promise<void> {
  await w.placeCard(AGENT_CARD);
  await w.waitFor('screen-chooseItem');
  await w.press(`act-for-${FIRST_TIME_SHIPPER}`);
  await w.waitFor('acting-for');
  // Search by pinyin initials on the on-screen keyboard: four key taps.
  for (const key of 'yhbz') {
    w.taps++;
    await w.page.locator(`.hg-button[data-skbtn="${key}"]`).click();
  }
  await w.waitFor(`item-${FIREWORKS}`);
  await w.tap(`item-${FIREWORKS}`);
  await w.tap('next');
  await w.waitFor('use-all');
  await w.press('use-all');
  await w.waitFor('suggested', 'detached');
  await w.scan('PURCHASE_CONTRACT', 'purchase-contract', 21);
  await w.scan('QUALITY_CERTIFICATES', 'quality-certificate', 22);
  await w.tap('next');
  await w.waitFor('screen-form');
  await w.typeTrip();
  await w.press('field-trip.purpose-DISPLAY');
  await w.tap('next');
  await w.page
    .locator('[data-testid="deficiencies"] li[data-material="DISPLAY_PERMIT"]')
    .waitFor({ timeout: WAIT_MS });
  const fix = await w.page
    .locator('[data-testid="deficiencies"] li')
    .evaluateAll((items) =>
      items.findIndex((li) => li.getAttribute('data-material') === 'DISPLAY_PERMIT'),
    );
  await w.tap(`fix-${fix}`);
  await w.waitFor('use-all');
  await w.press('use-all');
  await w.waitFor('suggested', 'detached');
  await w.scan('DISPLAY_PERMIT', 'business-license', 23);
  await w.tap('next');
  await w.waitFor('form-nothing');
  await w.tap('next');
  await w.waitFor('screen-checkAnswers');
  await submitAndRate(w, 4);
}

/** From check answers: submit, wait for the printed receipt, rate (which ends the visit). */
async function submitAndRate(w: Walker, level: number): Promise<void> {
  await w.tap('submit');
  await w.page
    .locator('[data-testid="print-status"][data-state="printed"]')
    .waitFor({ timeout: WAIT_MS });
  await w.tap(`rate-${level}`);
  await w.waitFor('attract');
  await w.removeCard();
}
