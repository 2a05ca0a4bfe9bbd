/**
 * The completeness engine, rule by rule, on the fireworks road transport permit: each test
 * breaks one rule of the item record and expects exactly that deficiency (with both
 * languages), and one test breaks many at once and expects every one of them in one list.
 */
import { describe, expect, it } from 'vitest';
import {
  checkCompleteness,
  COMPLETENESS_ENGINE_VERSION,
  type CompletenessInput,
} from '../../../electron/service/application/completeness.js';
import {
  carrier,
  completeInput,
  consignor,
  driver,
  escort,
  license,
  suppliedFor,
  withSupplied,
} from './fireworks-fixture.js';

function codes(input: CompletenessInput): string[] {
  return checkCompleteness(input).deficiencies.map((d) => d.code);
}

function withForm(input: CompletenessInput, values: Record<string, unknown>): CompletenessInput {
  const formData = { ...input.formData };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete formData[k];
    else formData[k] = v;
  }
  return { ...input, formData };
}

describe('completeness check on the fireworks road transport permit', () => {
  it('passes a complete application with every material from documents on file', () => {
    const result = checkCompleteness(completeInput());
    expect(result.deficiencies).toEqual([]);
    expect(result.result).toBe('COMPLETE');
    expect(result.engineVersion).toBe(COMPLETENESS_ENGINE_VERSION);
  });

  it('names a missing required form field', () => {
    const result = checkCompleteness(withForm(completeInput(), { 'trip.route': undefined }));
    expect(result.result).toBe('INCOMPLETE');
    expect(result.deficiencies).toEqual([
      expect.objectContaining({
        code: 'missing-form-field',
        field: 'trip.route',
        message: { 'zh-CN': '请填写：行驶路线', en: 'Please fill in: Route' },
      }),
    ]);
  });

  it('checks identifier formats with their check characters', () => {
    const badId = `${driver.idNumber.slice(0, 17)}${driver.idNumber.endsWith('1') ? '2' : '1'}`;
    const badCode = `${carrier.creditCode.slice(0, 17)}${carrier.creditCode.endsWith('1') ? '2' : '1'}`;
    const input = withForm(completeInput(), {
      'driver.idNumber': badId,
      'carrier.creditCode': badCode,
    });
    const found = checkCompleteness(input).deficiencies.filter(
      (d) => d.code === 'invalid-form-field',
    );
    expect(found.map((d) => d.field).sort()).toEqual(['carrier.creditCode', 'driver.idNumber']);
    expect(found.find((d) => d.field === 'driver.idNumber')?.message.en).toContain(
      'check character',
    );
  });

  it('refuses an applicant code with a wrong check character', () => {
    const input = completeInput();
    const bad = `${consignor.creditCode.slice(0, 17)}${consignor.creditCode.endsWith('0') ? '1' : '0'}`;
    expect(codes({ ...input, applicant: { type: 'ENTERPRISE', code: bad } })).toContain(
      'applicant-identifier-invalid',
    );
  });

  it('checks the e-license identifier of a license on file', () => {
    const input = completeInput();
    const s = suppliedFor(input, 'CONSIGNOR_QUALIFICATION');
    const broken = { ...s.document!, documentId: `${s.document!.documentId.slice(0, -1)}#` };
    expect(
      codes(withSupplied(input, 'CONSIGNOR_QUALIFICATION', [{ ...s, document: broken }])),
    ).toEqual(['license-identifier-invalid']);
  });

  it('checks validity over the whole trip, not just today', () => {
    const input = completeInput();
    const s = suppliedFor(input, 'CARRIER_DG_TRANSPORT_LICENSE');
    // Valid today (2026-03-02) and on the first trip day, but ends before the last one.
    const short = license(
      'DG_TRANSPORT_OPERATION_LICENSE',
      { type: 'ENTERPRISE', code: carrier.creditCode, name: carrier.name },
      '2024-01-01',
      '2026-03-06',
    );
    const result = checkCompleteness(
      withSupplied(input, 'CARRIER_DG_TRANSPORT_LICENSE', [{ ...s, document: short }]),
    );
    expect(result.deficiencies.map((d) => d.code)).toEqual(['document-validity']);
    expect(result.deficiencies[0]!.message['zh-CN']).toContain('2026-03-06');
    expect(result.deficiencies[0]!.message.en).toContain('whole period');
  });

  it('checks that a license starts before the trip does', () => {
    const input = completeInput();
    const s = suppliedFor(input, 'CONSIGNOR_QUALIFICATION');
    const late = license(
      'FIREWORKS_PRODUCTION_LICENSE',
      { type: 'ENTERPRISE', code: consignor.creditCode, name: consignor.name },
      '2026-03-06',
      '2029-03-05',
    );
    expect(
      codes(withSupplied(input, 'CONSIGNOR_QUALIFICATION', [{ ...s, document: late }])),
    ).toEqual(['document-validity']);
  });

  it('refuses a revoked license and one of the wrong type or holder', () => {
    const input = completeInput();
    const s = suppliedFor(input, 'CONSIGNOR_QUALIFICATION');
    expect(
      codes(
        withSupplied(input, 'CONSIGNOR_QUALIFICATION', [
          { ...s, document: { ...s.document!, status: 'REVOKED' } },
        ]),
      ),
    ).toEqual(['document-revoked']);
    expect(
      codes(
        withSupplied(input, 'CONSIGNOR_QUALIFICATION', [
          { ...s, document: { ...s.document!, licenseType: 'FOOD_BUSINESS_LICENSE' } },
        ]),
      ),
    ).toEqual(['document-mismatch']);
    expect(
      codes(
        withSupplied(input, 'CONSIGNOR_QUALIFICATION', [
          {
            ...s,
            document: { ...s.document!, holder: { type: 'ENTERPRISE', code: carrier.creditCode } },
          },
        ]),
      ),
    ).toEqual(['document-holder-mismatch']);
  });

  it('needs one qualification per holder: driver and escort each', () => {
    const input = completeInput();
    const onlyDriver = input.supplied.filter(
      (s) =>
        !(s.materialCode === 'DRIVER_ESCORT_QUALIFICATION' && s.holderCode === escort.idNumber),
    );
    const result = checkCompleteness({ ...input, supplied: onlyDriver });
    expect(result.deficiencies).toEqual([
      expect.objectContaining({
        code: 'missing-material',
        materialCode: 'DRIVER_ESCORT_QUALIFICATION',
        holderCode: escort.idNumber,
      }),
    ]);
  });

  it('asks for the conditional display permit only when the goods go to a display', () => {
    const trade = completeInput();
    expect(codes(trade)).toEqual([]);
    const display = withForm(trade, { 'trip.purpose': 'DISPLAY' });
    const result = checkCompleteness(display);
    expect(result.deficiencies).toEqual([
      expect.objectContaining({ code: 'missing-material', materialCode: 'DISPLAY_PERMIT' }),
    ]);
    const scanned = {
      ...display,
      supplied: [
        ...display.supplied,
        {
          materialCode: 'DISPLAY_PERMIT',
          source: 'SCAN' as const,
          scan: { pages: 2, sha256: 'a'.repeat(64), bytes: 4000 },
        },
      ],
    };
    expect(codes(scanned)).toEqual([]);
  });

  it('refuses a source the material does not accept', () => {
    const input = completeInput();
    expect(
      codes(
        withSupplied(input, 'CONSIGNOR_QUALIFICATION', [
          {
            materialCode: 'CONSIGNOR_QUALIFICATION',
            source: 'COMMITMENT',
            commitment: { signedAt: '2026-03-02T09:00:00Z' },
          },
        ]),
      ),
    ).toEqual(['source-not-accepted']);
  });

  it('counts scanned pages (a scan needs pages; an item may set limits)', () => {
    const input = completeInput();
    const noPages = withSupplied(input, 'PURCHASE_CONTRACT', [
      {
        materialCode: 'PURCHASE_CONTRACT',
        source: 'SCAN',
        scan: { pages: 0, sha256: 'b'.repeat(64), bytes: 0 },
      },
    ]);
    expect(codes(noPages)).toEqual(['scan-missing']);

    const item = structuredClone(input.item);
    const contract = item.materials.find((m) => m.code === 'PURCHASE_CONTRACT')!;
    Object.assign(contract, { pages: { min: 2, max: 3 } });
    const one = withSupplied({ ...input, item }, 'PURCHASE_CONTRACT', [
      {
        materialCode: 'PURCHASE_CONTRACT',
        source: 'SCAN',
        scan: { pages: 1, sha256: 'c'.repeat(64), bytes: 900 },
      },
    ]);
    expect(codes(one)).toEqual(['scan-too-few-pages']);
    const five = withSupplied({ ...input, item }, 'PURCHASE_CONTRACT', [
      {
        materialCode: 'PURCHASE_CONTRACT',
        source: 'SCAN',
        scan: { pages: 5, sha256: 'd'.repeat(64), bytes: 900 },
      },
    ]);
    expect(codes(five)).toEqual(['scan-too-many-pages']);
  });

  it('checks the plate against the vehicle certificate (case and space insensitive)', () => {
    expect(codes(withForm(completeInput(), { 'vehicle.plate': '京ad 1234' }))).toEqual([]);
    expect(codes(withForm(completeInput(), { 'vehicle.plate': '京AD5678' }))).toEqual([
      'PLATE_MATCHES_VEHICLE_CERT',
    ]);
  });

  it("checks the carrier's credit code against its license and vehicle", () => {
    const other = withForm(completeInput(), { 'carrier.creditCode': consignor.creditCode });
    const found = codes(other);
    expect(found).toContain('CARRIER_MATCHES_LICENSE');
    expect(found).toContain('VEHICLE_BELONGS_TO_CARRIER');
  });

  it('checks quantities and categories against the purchase contract', () => {
    const over = withForm(completeInput(), {
      goods: [{ category: 'C级爆竹', specification: '5000响', quantity: 301, unit: '箱' }],
    });
    expect(codes(over)).toEqual(['GOODS_WITHIN_CONTRACT']);
    const other = withForm(completeInput(), {
      goods: [{ category: 'B级礼花弹', specification: '3寸', quantity: 1, unit: '箱' }],
    });
    expect(codes(other)).toEqual(['GOODS_WITHIN_CONTRACT']);
  });

  it('checks the trip dates are in order', () => {
    const input = withForm(completeInput(), { 'trip.startDate': '2026-03-08' });
    expect(codes(input)).toContain('TRIP_DATES_IN_ORDER');
  });

  it('leaves rules a scan cannot answer to the reviewing department', () => {
    const input = withSupplied(completeInput(), 'VEHICLE_ROAD_TRANSPORT_CERT', [
      {
        materialCode: 'VEHICLE_ROAD_TRANSPORT_CERT',
        source: 'SCAN',
        scan: { pages: 1, sha256: 'e'.repeat(64), bytes: 1000 },
      },
    ]);
    expect(codes(withForm(input, { 'vehicle.plate': '京AD5678' }))).toEqual([]);
  });

  it('needs the enterprise authorisation of an agent', () => {
    const input = completeInput();
    expect(codes({ ...input, agent: { idNumber: input.agent!.idNumber } })).toEqual([
      'agent-authorisation-missing',
    ]);
  });

  it('refuses an applicant type the item does not accept', () => {
    const input = completeInput();
    expect(
      codes({
        ...input,
        applicant: { type: 'PERSON', code: driver.idNumber },
        agent: undefined,
      } as CompletenessInput),
    ).toContain('applicant-type-not-accepted');
  });

  it('checks the place of application (origin or destination)', () => {
    const input = completeInput();
    expect(codes({ ...input, hallRegion: '440304' })).toEqual(['wrong-place-of-application']);
  });

  it('returns every deficiency at once, each in both languages', () => {
    let input = withForm(completeInput(), {
      'trip.route': undefined,
      'vehicle.plate': '京AD5678',
      'trip.purpose': 'DISPLAY',
      'driver.idNumber': '110101199003070000',
    });
    input = withSupplied(input, 'QUALITY_CERTIFICATES', []);
    input = { ...input, agent: { idNumber: input.agent!.idNumber } };
    const result = checkCompleteness(input);
    const found = result.deficiencies.map((d) => d.code);
    expect(found).toEqual(
      expect.arrayContaining([
        'agent-authorisation-missing',
        'missing-form-field',
        'invalid-form-field',
        'missing-material',
        'PLATE_MATCHES_VEHICLE_CERT',
      ]),
    );
    // QUALITY_CERTIFICATES and DISPLAY_PERMIT are both missing; the driver's qualification no
    // longer matches the (now wrong) driver ID number either.
    expect(
      result.deficiencies.filter((d) => d.code === 'missing-material').map((d) => d.materialCode),
    ).toEqual(
      expect.arrayContaining([
        'QUALITY_CERTIFICATES',
        'DISPLAY_PERMIT',
        'DRIVER_ESCORT_QUALIFICATION',
      ]),
    );
    for (const d of result.deficiencies) {
      expect(d.message['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(d.message.en).toMatch(/[A-Za-z]/);
    }
  });
});
