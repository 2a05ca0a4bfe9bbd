/**
 * Where the result goes, in the service: the item's default until the applicant chooses, a
 * kind the item does not offer refused, POST to the enterprise's registered address on file
 * (or a typed one), the choice bound to its item, and carried by the submission: explicit in
 * the forwarded request, masked in the receipt facts.
 */
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../drivers/common/result.js';
import type { Schemas } from '../../../electron/service/approval/client.js';
import { checkCompleteness } from '../../../electron/service/application/completeness.js';
import {
  DeliveryDesk,
  chosenDelivery,
  deliveryOptions,
  type DraftFacts,
} from '../../../electron/service/application/delivery.js';
import type { DeskError } from '../../../electron/service/application/desk.js';
import { buildSubmission } from '../../../electron/service/application/submission.js';
import type { Session } from '../../../electron/service/session/session.js';
import { handWrittenItems } from '../../../sandbox/seed/items.js';
import {
  agent,
  completeInput,
  consignor,
  fireworksItem,
  license,
  TODAY,
} from './fireworks-fixture.js';

const REGISTERED_ADDRESS = '江西省萍乡市上栗县示例工业园12号';

function businessChangeItem(): Schemas['ItemRecord'] {
  const item = handWrittenItems().find((i) => i.handlingItemCode === 'BUSINESS-LICENSE-CHANGE');
  if (!item) throw new Error('the sandbox seed has no business license change item');
  return structuredClone(item) as unknown as Schemas['ItemRecord'];
}

function agentSession(): Session {
  return {
    id: 'session-delivery',
    startedAt: '2026-03-02T09:00:00.000Z',
    applicant: {
      kind: 'agent',
      source: 'id-card',
      documentType: 'resident',
      idNumber: agent.idNumber,
      name: agent.name,
      enterprise: { creditCode: consignor.creditCode, name: consignor.name },
    },
    data: new Map(),
  };
}

function personSession(): Session {
  const { enterprise: _e, ...person } = agentSession().applicant!;
  return { ...agentSession(), applicant: { ...person, kind: 'person' } };
}

interface Harness {
  readonly desk: DeliveryDesk;
  readonly facts: DraftFacts;
}

/** A delivery desk over a fixed draft; the enterprise's business license is on file. */
function harness(
  item: Schemas['ItemRecord'],
  session: Session = agentSession(),
  consented = true,
): Harness {
  const businessLicense = license(
    'BUSINESS_LICENSE',
    { type: 'ENTERPRISE', code: consignor.creditCode, name: consignor.name },
    '2020-01-01',
    null,
    { address: REGISTERED_ADDRESS },
  );
  const facts: DraftFacts = {
    session,
    item,
    businessId: 'business-1',
    consented,
    onFile: new Map([[consignor.creditCode, [businessLicense]]]),
  };
  const current = (): Result<DraftFacts, DeskError> => ok(facts);
  return { desk: new DeliveryDesk({ current, client: undefined, terminalId: 'HK-TEST' }), facts };
}

async function must<T>(r: Promise<Result<T, { code: string; message: string }>>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new Error(`${v.error.code}: ${v.error.message}`);
  return v.value;
}

describe('result delivery: the choice', () => {
  it("applies the item's default until the applicant chooses (no extra tap)", async () => {
    const { desk } = harness(fireworksItem());
    const view = await must(desk.view());
    expect(view.options.map((o) => o.kind)).toEqual(['E_LICENSE', 'PICK_UP']);
    expect(view.chosen.kind).toBe('E_LICENSE');
    expect(view.explicit).toBe(false);
    expect(view.addressOnFile).toBe(false);
  });

  it('takes an offered kind, with the detail of that option', async () => {
    const { desk } = harness(fireworksItem());
    const view = await must(desk.set('PICK_UP'));
    expect(view.chosen.kind).toBe('PICK_UP');
    expect(view.chosen.detail['zh-CN']).toContain('公安窗口');
    expect(view.explicit).toBe(true);
  });

  it('refuses a kind the item does not offer, naming what it offers', async () => {
    const { desk } = harness(fireworksItem());
    const r = await desk.set('POST', REGISTERED_ADDRESS);
    expect(r.ok ? null : r.error).toEqual({
      code: 'delivery-not-offered',
      message: 'this item does not deliver its result by POST; it offers E_LICENSE, PICK_UP',
    });
  });

  it("posts to the enterprise's registered address on file without typing", async () => {
    const { desk } = harness(businessChangeItem());
    expect((await must(desk.view())).addressOnFile).toBe(true);
    const view = await must(desk.set('POST'));
    expect(view.chosen).toMatchObject({
      kind: 'POST',
      address: REGISTERED_ADDRESS,
      addressSource: 'ON_FILE',
    });
  });

  it('asks a person (no address on file) to type it, and checks what is typed', async () => {
    const { desk } = harness(businessChangeItem(), personSession());
    expect((await must(desk.view())).addressOnFile).toBe(false);
    const missing = await desk.set('POST');
    expect(missing.ok ? '' : missing.error.code).toBe('delivery-address-required');
    const short = await desk.set('POST', ' 上栗 ');
    expect(short.ok ? '' : short.error.message).toBe(
      'the address is too short (2 characters; at least 5)',
    );
    const typed = await must(desk.set('POST', '  萍乡市上栗县\n示例路 8 号 '));
    expect(typed.chosen).toMatchObject({
      address: '萍乡市上栗县 示例路 8 号',
      addressSource: 'TYPED',
    });
  });

  it('looks nothing up before consent', async () => {
    const { desk } = harness(businessChangeItem(), agentSession(), false);
    const r = await desk.set('POST');
    expect(r.ok ? '' : r.error.code).toBe('delivery-address-required');
  });

  it('takes no address for a result that is not posted', async () => {
    const { desk } = harness(businessChangeItem());
    const r = await desk.set('PICK_UP', REGISTERED_ADDRESS);
    expect(r.ok ? '' : r.error.code).toBe('delivery-address-invalid');
  });

  it('does not carry a choice over to another item or version', async () => {
    const { desk, facts } = harness(fireworksItem(2));
    await must(desk.set('PICK_UP'));
    expect(chosenDelivery(facts.session, fireworksItem(2)).request.kind).toBe('PICK_UP');
    expect(chosenDelivery(facts.session, fireworksItem(1)).request.kind).toBe('E_LICENSE');
  });

  it('treats a record cached before result delivery existed as pick-up only', () => {
    const { resultDelivery: _r, ...old } = fireworksItem();
    expect(
      deliveryOptions(old as Partial<Schemas['ItemRecord']>).map((o) => [o.kind, o.isDefault]),
    ).toEqual([['PICK_UP', true]]);
  });
});

describe('result delivery: in the submission', () => {
  function submission(session: Session, item: Schemas['ItemRecord']) {
    const input = { ...completeInput(), item };
    return buildSubmission({
      session,
      item,
      formData: input.formData,
      supplied: input.supplied.map((s) => ({ ...s, trustLevel: 'A' as const })),
      check: checkCompleteness(input),
      terminalId: 'HK-TEST',
      now: new Date(`${TODAY}T09:05:00.000Z`),
    });
  }

  it("sends the item's default explicitly when the applicant chose nothing", () => {
    const entry = submission(agentSession(), fireworksItem());
    expect(entry.request.delivery).toEqual({ kind: 'E_LICENSE' });
    expect(entry.receipt.delivery?.kind).toBe('E_LICENSE');
  });

  it('sends the chosen pick-up in the forwarded request and the receipt facts', async () => {
    const { desk, facts } = harness(fireworksItem());
    await must(desk.set('PICK_UP'));
    const entry = submission(facts.session, facts.item);
    expect(entry.request.delivery).toEqual({ kind: 'PICK_UP' });
    expect(entry.receipt.delivery).toEqual({
      kind: 'PICK_UP',
      detail: fireworksItem().resultDelivery[1]!.detail,
    });
  });

  it('sends the address to the central API but keeps it only masked for the receipt', async () => {
    const item = businessChangeItem();
    const { desk, facts } = harness(item);
    await must(desk.set('POST'));
    const entry = submission(facts.session, item);
    expect(entry.request.delivery).toEqual({ kind: 'POST', address: REGISTERED_ADDRESS });
    expect(entry.receipt.delivery?.addressMasked).toBe('江西省萍乡市上栗县****');
    expect(JSON.stringify([entry.receipt, entry.audit])).not.toContain('工业园');
  });
});
