/**
 * Result delivery in the sandbox: every catalogue item offers at least one way, exactly one
 * default and no kind twice; the fireworks permit offers the electronic permit (default) and a
 * stamped copy at the hall; an application's choice is checked against the item.
 */
import { describe, expect, it } from 'vitest';
import { defaultDelivery, deliveryProblems } from '../../../sandbox/delivery.js';
import { catalogueItems } from '../../../sandbox/seed/index.js';
import { FIREWORKS_TRANSPORT_CODE, handWrittenItems } from '../../../sandbox/seed/items.js';
import { apiSpec } from '../../../sandbox/spec.js';
import type { ItemRecord } from '../../../sandbox/types.js';

const spec = apiSpec();
const fireworks = handWrittenItems().find(
  (i) => i.implementCode === FIREWORKS_TRANSPORT_CODE && i.version === 2,
)!;
const businessChange = handWrittenItems().find(
  (i) => i.handlingItemCode === 'BUSINESS-LICENSE-CHANGE',
)!;

describe('result delivery of catalogue items', () => {
  it('gives every item one default and each kind at most once, with detail in both languages', () => {
    const bad: string[] = [];
    for (const item of catalogueItems(500)) {
      const kinds = item.resultDelivery.map((o) => o.kind);
      if (item.resultDelivery.filter((o) => o.isDefault).length !== 1)
        bad.push(`${item.implementCode}: defaults`);
      if (new Set(kinds).size !== kinds.length) bad.push(`${item.implementCode}: kind twice`);
      for (const o of item.resultDelivery)
        if (!o.detail['zh-CN'] || !o.detail.en) bad.push(`${item.implementCode}: detail`);
    }
    expect(bad).toEqual([]);
  });

  it('offers the fireworks permit electronically by default, or as a stamped copy at the hall', () => {
    expect(fireworks.resultDelivery.map((o) => [o.kind, o.isDefault])).toEqual([
      ['E_LICENSE', true],
      ['PICK_UP', false],
    ]);
    expect(defaultDelivery(fireworks)?.kind).toBe('E_LICENSE');
    expect(fireworks.resultDelivery[1]!.detail['zh-CN']).toContain('公安窗口');
  });

  it('says who pays the postage wherever an item posts its result', () => {
    const posted = catalogueItems(200).flatMap((i) =>
      i.resultDelivery.filter((o) => o.kind === 'POST'),
    );
    expect(posted.length).toBeGreaterThan(10);
    for (const o of posted) expect(o.detail['zh-CN']).toMatch(/邮费由(发证机关承担|申请人到付)/);
  });

  it('describes the options in the item record schema; a kind outside the three is refused', () => {
    expect(spec.validateSchema('ItemRecord', businessChange)).toEqual([]);
    const odd = {
      ...businessChange,
      resultDelivery: [{ kind: 'COURIER_PIGEON', detail: fireworks.name, isDefault: true }],
    };
    expect(spec.validateSchema('ItemRecord', odd).map((p) => p.path)).toContain(
      '/resultDelivery/0/kind',
    );
  });
});

describe('an application’s delivery choice', () => {
  const check = (item: ItemRecord, delivery: Parameters<typeof deliveryProblems>[1]) =>
    deliveryProblems(item, delivery);

  it('takes no choice (the default), an offered kind, and POST with an address', () => {
    expect(check(fireworks, undefined)).toEqual([]);
    expect(check(fireworks, { kind: 'PICK_UP' })).toEqual([]);
    expect(check(fireworks, { kind: 'E_LICENSE' })).toEqual([]);
    expect(check(businessChange, { kind: 'POST', address: '萍乡市上栗县示例路12号' })).toEqual([]);
  });

  it('refuses a kind the item does not offer, naming what it offers', () => {
    expect(check(fireworks, { kind: 'POST', address: '萍乡市上栗县示例路12号' })).toEqual([
      {
        path: '/delivery/kind',
        message: 'this item does not deliver its result by POST; it offers E_LICENSE, PICK_UP',
      },
    ]);
  });

  it('refuses POST without an address, and an address for anything but POST', () => {
    expect(check(businessChange, { kind: 'POST' })[0]?.path).toBe('/delivery/address');
    expect(check(businessChange, { kind: 'POST', address: '   ' })[0]?.message).toMatch(
      /POST needs/,
    );
    expect(check(businessChange, { kind: 'PICK_UP', address: '萍乡市上栗县示例路12号' })).toEqual([
      { path: '/delivery/address', message: 'an address is taken only for POST, not for PICK_UP' },
    ]);
  });

  it('is part of the application request schema', () => {
    const address = { kind: 'POST', address: '萍乡市上栗县示例路12号' };
    const schema = (delivery: unknown) =>
      spec.validateSchema('DeliveryChoice', delivery).map((p) => p.path);
    expect(schema(address)).toEqual([]);
    expect(schema({ kind: 'POST', address: 'x' })).toEqual(['/address']);
    expect(schema({ kind: 'DRONE' })).toEqual(['/kind']);
  });
});
