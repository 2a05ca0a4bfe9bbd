import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkELicenseIdentifier,
  checkIdNumber,
} from '../../../drivers/common/identifiers.js';
import { DEMO_PEOPLE_SEEDS, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { buildCast } from '../../../sandbox/seed/cast.js';
import { catalogueItems, fireworksRequest } from '../../../sandbox/seed/index.js';
import { FIREWORKS_TRANSPORT_CODE, handWrittenItems } from '../../../sandbox/seed/items.js';
import { apiSpec } from '../../../sandbox/spec.js';
import { acceptanceCheck, reviewFindings } from '../../../sandbox/rules.js';

const spec = apiSpec();

describe('seed catalogue', () => {
  it('has about fifteen hand-written items and 5,000 generated ones, all valid item records', () => {
    const items = catalogueItems(5000);
    const handWritten = new Set(handWrittenItems().map((i) => i.implementCode));
    expect(handWritten.size).toBeGreaterThanOrEqual(14);
    expect(items.length - handWrittenItems().length).toBe(5000);
    const problems = items.flatMap((item) =>
      spec
        .validateSchema('ItemRecord', item)
        .map((p) => `${item.implementCode}@${item.version}${p.path}: ${p.message}`),
    );
    expect(problems).toEqual([]);
    const keys = items.map((i) => `${i.implementCode}@${i.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const item of items) expect(checkCreditCode(item.agency.creditCode).ok).toBe(true);
  });

  it('models the fireworks road transport permit as the regulation defines it', () => {
    const permit = handWrittenItems().find(
      (i) => i.implementCode === FIREWORKS_TRANSPORT_CODE && i.version === 2,
    )!;
    const required = permit.materials.filter((m) => m.requirement.kind === 'REQUIRED');
    expect(required).toHaveLength(7);
    expect(permit.timeLimits.statutoryWorkingDays).toBe(3);
    expect(permit.fee.charged).toBe(false);
    expect(permit.outcome.validity?.kind).toBe('SINGLE_TRIP');
    expect(permit.placeOfApplication.rule).toBe('ORIGIN_OR_DESTINATION');
    expect(permit.legalBasis.map((l) => l.article)).toEqual([
      '第二十二条',
      '第二十三条',
      '第二十四条',
    ]);
    // Most materials can be reused from the license library or the supply-chain platform.
    const reusable = required.filter((m) =>
      m.sources.some((s) => s.kind === 'E_LICENSE' || s.kind === 'SUPPLY_CHAIN'),
    );
    expect(reusable).toHaveLength(6);
  });
});

describe('seed cast', () => {
  const cast = buildCast('2026-12-03');

  it('knows the ID-card simulator’s people and gives every identifier a valid check character', () => {
    expect(cast.people.map((p) => p.idNumber)).toEqual(
      DEMO_PEOPLE_SEEDS.map((s) => syntheticPerson(s).idNumber),
    );
    for (const p of cast.people) expect(checkIdNumber(p.idNumber).ok).toBe(true);
    for (const e of cast.enterprises) expect(checkCreditCode(e.creditCode).ok).toBe(true);
    const licenses = cast.documents.filter((d) => d.kind === 'E_LICENSE');
    expect(licenses.length).toBeGreaterThan(10);
    for (const d of licenses)
      expect(checkELicenseIdentifier(d.documentId)).toMatchObject({ ok: true });
    for (const d of cast.documents) {
      const { revoked: _r, ...shape } = d;
      expect(spec.validateSchema('Document', { ...shape, status: 'VALID' })).toEqual([]);
    }
  });

  it('lets a repeat shipper apply with no scan at all: the platform accepts and approves it', () => {
    const request = fireworksRequest(cast, { startDate: '2026-12-10', endDate: '2026-12-11' });
    expect(spec.validateSchema('ApplicationRequest', request)).toEqual([]);
    expect(request.materials.some((m) => m.source === 'SCAN')).toBe(false);
    const item = handWrittenItems().find(
      (i) => i.implementCode === request.itemImplementCode && i.version === 2,
    )!;
    const ctx = {
      item,
      request,
      document: (id: string) => cast.documents.find((d) => d.documentId === id),
      fileExists: () => false,
      today: '2026-12-03',
    };
    expect(acceptanceCheck(ctx, '360322')).toEqual({ kind: 'accepted' });
    expect(reviewFindings(ctx)).toEqual({ supplement: [], reject: [] });
  });
});
