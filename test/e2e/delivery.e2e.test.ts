/**
 * Where the result goes, in Chromium through the browser host with the simulators and the
 * embedded sandbox: the item guide lists the fireworks permit's ways (the electronic permit by
 * default, or a stamped copy at the hall); check answers shows the default, the applicant
 * changes it to pick-up on the screen, submits, and the printed receipt (read back from the
 * fake printer) says pick-up. Then an enterprise's business license change, posted: the
 * registered address on file is offered without typing, the applicant types another on the
 * on-screen keyboard, and the receipt prints it masked. The steps between the guide and check
 * answers are driven through the contract (pageRpc), as the renderer would call it. axe-core
 * on check answers.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kioskSuite } from './support/suite.js';
import {
  DEMO_PLATE,
  fireworksTripDetails,
  pageRpc,
  seriousAxeViolations,
  type RpcAnswer,
} from './support/page.js';

const FIREWORKS = '360322-FW-ROAD-TRANSPORT-PERMIT';
const BUSINESS_CHANGE = '360322-BUSINESS-LICENSE-CHANGE';
/** Typed on screen for a posted result: the door is hidden on the receipt. */
const TYPED_ADDRESS = '江西省萍乡市上栗县示例路12号';

const kiosk = kioskSuite();
let page: Page;

async function must(method: string, params: unknown): Promise<RpcAnswer['value']> {
  const r = await pageRpc(page, method, params);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function axe(screen: string): Promise<void> {
  const bad = await seriousAxeViolations(page);
  expect(bad, `${screen}: ${JSON.stringify(bad)}`).toEqual([]);
}

/** The trip details as the form stores them (goods as one line). */
function tripValues(): Record<string, unknown> {
  const {
    ['goods.category']: category,
    ['goods.specification']: specification,
    ...rest
  } = fireworksTripDetails();
  return {
    ...rest,
    goods: [{ category, specification, quantity: 120, unit: '箱' }],
    'trip.purpose': 'TRADE',
  };
}

/** Every material from a document on file (previewed first; the vehicle's by its plate). */
async function useDocumentsOnFile(): Promise<void> {
  const plan = await must('application.plan', {});
  for (const m of plan.materials as {
    materialCode: string;
    holderIndex: number;
    byForm: boolean;
    chosen?: unknown;
    candidates: { documentId: string }[];
  }[]) {
    if (m.byForm || m.chosen || m.candidates.length === 0) continue;
    let chosen: string | undefined;
    for (const c of m.candidates) {
      const preview = await must('application.previewDocument', { documentId: c.documentId });
      const text = (preview.lines as { value: string }[]).map((l) => l.value).join(' ');
      if (!text.includes(DEMO_PLATE.slice(1)) && m.materialCode.includes('VEHICLE')) continue;
      chosen ??= c.documentId;
    }
    await must('application.useDocument', {
      materialCode: m.materialCode,
      holderIndex: m.holderIndex,
      documentId: chosen ?? m.candidates[0]!.documentId,
    });
  }
}

/** What the service spoke lately (text, voice). */
async function spoken(): Promise<{ text: string; voice: string }[]> {
  return (await must('speech.spoken', { limit: 30 })).utterances;
}

/** From the item guide (after starting) to check answers, once the service's draft is complete. */
async function onToCheckAnswers(): Promise<void> {
  expect((await must('application.check', {})).result).toBe('COMPLETE');
  // Back to the guide and on again: the materials screen re-reads the plan, now complete.
  await page.getByTestId('back').click();
  await page.getByTestId('screen-itemGuide').waitFor();
  await page.getByTestId('next').click();
  await page.getByTestId('screen-materials').waitFor();
  await page.getByTestId('next').click();
  await page.getByTestId('screen-form').waitFor();
  await page.getByTestId('next').click();
  await page.getByTestId('screen-checkAnswers').waitFor({ timeout: 15_000 });
}

/** Submits on screen and returns the text of the receipt the fake printer printed. */
async function submitAndReadReceipt(): Promise<string> {
  await page.getByTestId('submit').click();
  await page.getByTestId('screen-receipt').waitFor({ timeout: 20_000 });
  await page
    .locator('[data-testid="print-status"][data-state="printed"]')
    .waitFor({ timeout: 20_000 });
  const state = await must('printer.simulatorState', {});
  const last = (state.receipts as { lines: string[]; interrupted: boolean }[]).at(-1)!;
  expect(last.interrupted).toBe(false);
  return last.lines.join('\n');
}

beforeAll(() => {
  page = kiosk.page;
});

describe('where the result goes', () => {
  it('the item guide lists the ways, the electronic permit marked as the default', async () => {
    await must('idCard.placeCard', { index: 0 });
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    await page.getByTestId('act-for-0').click();
    await page.getByTestId('acting-for').waitFor();
    await page.getByTestId(`recommended-${FIREWORKS}`).click();
    await page.getByTestId('screen-itemGuide').waitFor();
    const options = page.getByTestId('delivery-options');
    await options.waitFor();
    expect(await options.locator('li').evaluateAll((l) => l.map((e) => e.dataset['kind']))).toEqual(
      ['E_LICENSE', 'PICK_UP'],
    );
    expect(await options.locator('li[data-kind="E_LICENSE"]').textContent()).toContain('（默认）');
  });

  it('reaches check answers with the default applied, no tap spent on it', async () => {
    await page.getByTestId('next').click();
    await page.getByTestId('screen-materials').waitFor({ timeout: 15_000 });
    await must('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    await must('application.setForm', { values: tripValues() });
    await must('application.showAuthorisation', { source: 'ON_FILE' });
    await useDocumentsOnFile();
    await onToCheckAnswers();
    const chosen = page.getByTestId('delivery-chosen');
    await chosen.waitFor();
    expect(await chosen.getAttribute('data-kind')).toBe('E_LICENSE');
    expect(await chosen.textContent()).toBe('电子证照');
    await axe('check answers');
  });

  it('changes it to pick-up on the screen, with 48 px targets, in both languages', async () => {
    await page.getByTestId('delivery-change').click();
    await page.getByTestId('delivery-edit').waitFor();
    for (const kind of ['E_LICENSE', 'PICK_UP']) {
      const box = await page.getByTestId(`delivery-${kind}`).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(48);
      expect(box!.width).toBeGreaterThanOrEqual(48);
    }
    expect(await page.getByTestId('delivery-POST').count()).toBe(0);
    await axe('check answers, choosing the delivery');
    await page.getByTestId('delivery-PICK_UP').click();
    await page.locator('[data-testid="delivery-chosen"][data-kind="PICK_UP"]').waitFor();
    await page.getByTestId('delivery-edit').waitFor({ state: 'detached' });
    expect(await page.getByTestId('delivery-row').textContent()).toContain('公安窗口');
    // Check answers reads the choice out, in the displayed language.
    await expect
      .poll(async () => (await spoken()).some((u) => u.text.includes('办理结果：窗口领取')))
      .toBe(true);

    await page.getByTestId('language-switch').click();
    await page.getByText('Pick up at the hall').first().waitFor();
    expect(await page.getByTestId('delivery-row').textContent()).toContain('Where the result goes');
    await expect
      .poll(async () =>
        (await spoken()).some(
          (u) => u.text.includes('Your result: Pick up at the hall') && u.voice !== 'cmn',
        ),
      )
      .toBe(true);
    await page.getByTestId('language-switch').click();
    await page.getByText('窗口领取').first().waitFor();
    expect((await must('application.delivery', {})).chosen.kind).toBe('PICK_UP');
  });

  it('submits, and the printed receipt says pick-up', async () => {
    const text = await submitAndReadReceipt();
    expect(text).toMatch(/结果领取方式\s+窗口领取/);
    expect(text).toContain('公安窗口领取加盖公章的打印件');
  });
});

describe('a posted result', () => {
  it('ends the first visit and opens a business license change for the same enterprise', async () => {
    const rate = page.getByTestId('rate-5');
    if (await rate.count()) await rate.click();
    else await page.getByTestId('cancel').click();
    await page.getByTestId('attract').waitFor({ timeout: 15_000 });
    // The reader must see the card leave before it reads the same card again.
    const removed = kiosk.host.waitForLine((l) => l['event'] === 'id-card.removed', 15_000);
    await must('idCard.removeCard', {});
    await removed;
    await must('idCard.placeCard', { index: 0 });
    await page.getByTestId('screen-chooseItem').waitFor({ timeout: 15_000 });
    await page.getByTestId('act-for-0').click();
    await page.getByTestId('acting-for').waitFor();
    await page.getByTestId('item-search').fill('营业执照变更');
    await page.getByTestId(`item-${BUSINESS_CHANGE}`).click();
    await page.getByTestId('screen-itemGuide').waitFor();
    const options = page.getByTestId('delivery-options');
    expect(await options.locator('li').evaluateAll((l) => l.map((e) => e.dataset['kind']))).toEqual(
      ['E_LICENSE', 'POST', 'PICK_UP'],
    );
    expect(await options.locator('li[data-kind="POST"]').textContent()).toContain(
      '邮费由发证机关承担',
    );
  });

  it('offers the registered address on file, then takes one typed on the on-screen keyboard', async () => {
    await page.getByTestId('next').click();
    await page.getByTestId('screen-materials').waitFor({ timeout: 15_000 });
    await must('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    await must('application.setForm', { values: { 'change.kind': 'NAME' } });
    await must('application.showAuthorisation', { source: 'ON_FILE' });
    await must('scanner.simulator.load', {
      action: 'feeder',
      document: 'purchase-contract',
      seed: 4,
    });
    await must('scanner.scan', { materialId: 'CHANGE_RESOLUTION', source: 'feeder' });
    await must('application.attachScan', {
      materialCode: 'CHANGE_RESOLUTION',
      holderIndex: 0,
      scanMaterialId: 'CHANGE_RESOLUTION',
    });
    await useDocumentsOnFile();
    await onToCheckAnswers();

    await page.getByTestId('delivery-change').click();
    await page.getByTestId('delivery-POST').click();
    const address = page.getByTestId('delivery-address');
    await address.waitFor();
    // The registered address from the business license on file: nothing typed.
    const onFile = (await address.textContent())!;
    expect(onFile).toMatch(/登记住所.*：?.*(工业园|示例路)/);
    await axe('check answers, posted to the address on file');

    await page.getByTestId('delivery-type-address').click();
    await page.getByTestId('keyboard').waitFor();
    await page.getByTestId('delivery-address-input').fill(TYPED_ADDRESS.slice(0, -3));
    for (const key of ['1', '2']) await page.locator(`.hg-button[data-skbtn="${key}"]`).click();
    expect(await page.getByTestId('delivery-address-input').inputValue()).toBe(
      TYPED_ADDRESS.slice(0, -1),
    );
    await page.getByTestId('delivery-address-input').fill(TYPED_ADDRESS);
    await axe('check answers, typing the address');
    await page.getByTestId('delivery-use-address').click();
    await page.getByTestId('delivery-edit').waitFor({ state: 'detached' });
    expect(await address.textContent()).toContain(TYPED_ADDRESS);
    const view = await must('application.delivery', {});
    expect(view.chosen).toMatchObject({
      kind: 'POST',
      address: TYPED_ADDRESS,
      addressSource: 'TYPED',
    });
  });

  it('prints the posted result with the address masked', async () => {
    const text = await submitAndReadReceipt();
    expect(text).toMatch(/结果领取方式\s+邮寄送达/);
    expect(text).toContain('江西省萍乡市上栗县****');
    expect(text).not.toContain('示例路');
    // The address is personal data: never spoken through the public speaker of the demo.
    expect((await spoken()).some((u) => u.text.includes('示例路'))).toBe(false);
  });
});
