/**
 * The scripted journey `npm run soak` repeats through the browser host: journey (1) in full on
 * the real screens (test/e2e/support/walk.ts): the agent's card, acting for the consignor, the
 * recommended fireworks permit, "I agree, start", the documents on file used with one tap, the
 * new trip typed, one complete check, submission (a signed request to the embedded sandbox, the
 * outbox written and forwarded), the printed receipt, the rating; then a check that the visit
 * left no session behind. Every journey ends on the attract screen with the card taken away,
 * so the next one starts clean. To soak more of the product, add steps here.
 */
import type { Page } from 'playwright-core';
import type { RpcAnswer } from '../support/page.js';
import { walkRepeatJourney, Walker } from '../support/walk.js';

export { pageRpc, type RpcAnswer } from '../support/page.js';

export interface SoakContext {
  readonly page: Page;
  /** Index of the journey, 0-based. */
  readonly journey: number;
  rpc(method: string, params: unknown): Promise<RpcAnswer>;
}

export interface SoakStep {
  readonly name: string;
  run(ctx: SoakContext): Promise<void>;
}

/** Journey (1) from the attract screen to the attract screen, as an applicant walks it. */
const repeatPermit: SoakStep = {
  name: 'journey (1): repeat fireworks permit, submitted, receipt printed, rated',
  async run({ page }) {
    const walker = new Walker(page);
    await walkRepeatJourney(walker);
    if (walker.taps !== 7) throw new Error(`journey (1) took ${walker.taps} taps, not 7`);
  },
};

/** The visit is over: no session in the service, nothing of the applicant on the page. */
const visitWiped: SoakStep = {
  name: 'no session left, nothing personal in the page',
  async run({ page, rpc }) {
    const session = await rpc('session.get', {});
    if (!session.ok || session.value !== null) {
      throw new Error('a session is still open after the visit ended');
    }
    const text = (await page.locator('body').textContent()) ?? '';
    if (/\*{3,}/.test(text)) throw new Error('masked personal data is still on the page');
  },
};

/** The journey the soak repeats, in order. */
export const SOAK_JOURNEY: readonly SoakStep[] = [repeatPermit, visitWiped];
