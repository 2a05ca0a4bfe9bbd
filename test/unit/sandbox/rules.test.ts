import { describe, expect, it } from 'vitest';
import { buildCast, PEOPLE, VEHICLES } from '../../../sandbox/seed/cast.js';
import { fireworksRequest } from '../../../sandbox/seed/index.js';
import { handWrittenItems } from '../../../sandbox/seed/items.js';
import {
  acceptanceCheck,
  crossFieldViolated,
  evaluateCondition,
  identifierProblems,
  reviewFindings,
  type RuleContext,
} from '../../../sandbox/rules.js';
import type { ApplicationRequest } from '../../../sandbox/types.js';

const cast = buildCast('2026-12-03');
const item = handWrittenItems().find(
  (i) => i.handlingItemCode === 'FW-ROAD-TRANSPORT-PERMIT' && i.version === 2,
)!;
const base = fireworksRequest(cast, { startDate: '2026-12-10', endDate: '2026-12-11' });

function ctx(request: ApplicationRequest): RuleContext {
  return {
    item,
    request,
    document: (id) => cast.documents.find((d) => d.documentId === id),
    fileExists: (id) => id === 'f_known_file',
    today: '2026-12-03',
  };
}

describe('conditions', () => {
  it('evaluates all/any/not and comparisons over flat form data', () => {
    const form = { 'trip.purpose': 'DISPLAY', count: 3 };
    expect(evaluateCondition({ field: 'trip.purpose', op: 'EQ', value: 'DISPLAY' }, form)).toBe(
      true,
    );
    expect(
      evaluateCondition(
        { all: [{ field: 'count', op: 'GT', value: 2 }, { not: { field: 'x', op: 'PRESENT' } }] },
        form,
      ),
    ).toBe(true);
    expect(
      evaluateCondition(
        {
          any: [
            { field: 'count', op: 'LT', value: 2 },
            { field: 'trip.purpose', op: 'IN', value: ['TRADE'] },
          ],
        },
        form,
      ),
    ).toBe(false);
  });
});

describe('acceptance check', () => {
  it('lists every missing material and field at once, including a conditional one', () => {
    const request: ApplicationRequest = {
      ...base,
      formData: { ...base.formData, 'trip.purpose': 'DISPLAY', 'vehicle.plate': '' },
      materials: base.materials.filter((m) => m.materialCode !== 'PURCHASE_CONTRACT'),
    };
    const verdict = acceptanceCheck(ctx(request), '360322');
    expect(verdict.kind).toBe('supplement');
    if (verdict.kind !== 'supplement') return;
    expect(verdict.deficiencies.map((d) => d.materialCode ?? d.field).sort()).toEqual(
      ['DISPLAY_PERMIT', 'PURCHASE_CONTRACT', 'vehicle.plate'].sort(),
    );
  });

  it('refuses a document of the wrong type or holder, and a scan that was never uploaded', () => {
    const wrongHolder = base.materials.map((m) =>
      m.materialCode === 'CONSIGNOR_QUALIFICATION'
        ? {
            ...m,
            documentId: cast.documents.find((d) => d.licenseType === 'FIREWORKS_WHOLESALE_LICENSE')!
              .documentId,
          }
        : m.materialCode === 'QUALITY_CERTIFICATES'
          ? { materialCode: 'QUALITY_CERTIFICATES', source: 'SCAN' as const, fileId: 'f_missing' }
          : m,
    );
    const verdict = acceptanceCheck(ctx({ ...base, materials: wrongHolder }), '360322');
    expect(verdict.kind === 'supplement' && verdict.deficiencies.map((d) => d.code).sort()).toEqual(
      ['document-holder-mismatch', 'file-missing'],
    );
  });

  it('does not accept an office that is neither origin nor destination', () => {
    expect(acceptanceCheck(ctx(base), '440304').kind).toBe('not-accepted');
    expect(acceptanceCheck(ctx(base), undefined).kind).toBe('accepted');
  });
});

describe('review findings', () => {
  it('asks for a supplement when a license ends before the trip does', () => {
    const late = fireworksRequest(cast, {
      startDate: '2026-12-30',
      endDate: '2026-12-31',
      driverSeed: PEOPLE.expiringDriver,
    });
    const findings = reviewFindings(ctx(late));
    expect(findings.supplement.map((d) => d.materialCode)).toEqual(['DRIVER_ESCORT_QUALIFICATION']);
    expect(findings.reject).toEqual([]);
  });

  it('rejects when the plate or the goods do not match the documents', () => {
    const request: ApplicationRequest = {
      ...base,
      formData: {
        ...base.formData,
        'vehicle.plate': VEHICLES.carrierSecond,
        goods: [{ category: 'C级组合烟花', specification: '36发', quantity: 999, unit: '箱' }],
      },
    };
    expect(
      reviewFindings(ctx(request))
        .reject.map((d) => d.code)
        .sort(),
    ).toEqual(['GOODS_WITHIN_CONTRACT', 'PLATE_MATCHES_VEHICLE_CERT'].sort());
  });

  it('leaves a rule to the human reviewer when a side is only a scan', () => {
    const rule = item.crossFieldRules.find((r) => r.code === 'PLATE_MATCHES_VEHICLE_CERT')!;
    const scanned: ApplicationRequest = {
      ...base,
      materials: base.materials.map((m) =>
        m.materialCode === 'VEHICLE_ROAD_TRANSPORT_CERT'
          ? { materialCode: m.materialCode, source: 'SCAN' as const, fileId: 'f_known_file' }
          : m,
      ),
    };
    expect(crossFieldViolated(rule, scanned, ctx(scanned).document)).toBe(false);
  });

  it('checks the applicant’s identifier check characters', () => {
    expect(identifierProblems(base)).toEqual([]);
    expect(
      identifierProblems({
        ...base,
        applicant: { ...base.applicant, code: '91360321299928339A' },
      })[0]?.path,
    ).toBe('/applicant/code');
  });
});
