/**
 * The scripted journeys `npm run soak` repeats through the browser host. A journey is a list of
 * steps; each step drives the real renderer in Chromium (dev dock, on-screen keyboard, screens)
 * or calls the service on a second connection of the page, and waits for what it expects.
 *
 * To soak more of the product, add steps here (the full applicant journey: consent, materials,
 * form, submit, receipt) — the runner needs no change. Every journey must end back on the
 * attract screen with no session, so the next one starts clean.
 */
import type { Page } from 'playwright-core';
import type { RpcAnswer } from '../support/page.js';

export { pageRpc, type RpcAnswer } from '../support/page.js';

export interface SoakContext {
  readonly page: Page;
  /** Index of the journey, 0-based; steps use it to vary the card and the item. */
  readonly journey: number;
  rpc(method: string, params: unknown): Promise<RpcAnswer>;
}

export interface SoakStep {
  readonly name: string;
  run(ctx: SoakContext): Promise<void>;
}

const FIREWORKS = '360322-FW-ROAD-TRANSPORT-PERMIT';
/** Resident cards of the demo deck (drivers/id-card/synthetic-cards.ts: the 8 demo people). */
const RESIDENT_CARDS = 8;
const STEP_TIMEOUT_MS = 20_000;

async function expectOk(answer: Promise<RpcAnswer>, what: string): Promise<RpcAnswer> {
  const a = await answer;
  if (!a.ok) throw new Error(`${what}: ${JSON.stringify(a.error)}`);
  return a;
}

/** Identify with a simulated ID card placed from the dev dock, as an applicant would. */
const identifyByCard: SoakStep = {
  name: 'identify by simulated ID card (dev dock)',
  async run({ page, journey }) {
    await page.getByTestId('devdock-open').click();
    await page.getByTestId(`devdock-id-card-place-${journey % RESIDENT_CARDS}`).click();
    await page
      .getByTestId('devdock')
      .getByRole('button', { name: /关闭|Close/ })
      .first()
      .click();
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: STEP_TIMEOUT_MS });
  },
};

/** Search by pinyin initials on the on-screen keyboard and open the item guide. */
const openItemGuide: SoakStep = {
  name: 'search on the on-screen keyboard, open the item guide',
  async run({ page }) {
    for (const key of 'yhbz') await page.locator(`.hg-button[data-skbtn="${key}"]`).click();
    await page.getByTestId(`item-${FIREWORKS}`).click({ timeout: STEP_TIMEOUT_MS });
    await page.getByTestId('screen-itemGuide').waitFor({ timeout: STEP_TIMEOUT_MS });
  },
};

/** End the session (as completion does), take the card away, and wait for the attract screen. */
const endSession: SoakStep = {
  name: 'end the session, take the card away',
  async run(ctx) {
    await expectOk(ctx.rpc('session.end', { reason: 'complete' }), 'session.end');
    await expectOk(ctx.rpc('idCard.removeCard', {}), 'idCard.removeCard');
    await ctx.page.getByTestId('attract').waitFor({ timeout: STEP_TIMEOUT_MS });
    const session = await expectOk(ctx.rpc('session.get', {}), 'session.get');
    if (session.value !== null) throw new Error('a session is still open after session.end');
  },
};

/** The journey the soak repeats, in order. */
export const SOAK_JOURNEY: readonly SoakStep[] = [identifyByCard, openItemGuide, endSession];
