/**
 * Which document on file the kiosk proposes for a material (so a repeat applicant uses them all
 * with one tap): the one the last application used, else the only valid one that agrees with the
 * form; and how a prefilled answer is shown (masked) for confirming.
 */
import { describe, expect, it } from 'vitest';
import { documentFitsForm } from '../../../electron/service/application/completeness.js';
import { prefilledView, suggestDocument } from '../../../electron/service/application/desk.js';
import { carrier, driver, fireworksItem, license, PLATE } from './fireworks-fixture.js';

const ent = { type: 'ENTERPRISE' as const, code: carrier.creditCode, name: carrier.name };
const vehicle = (plate: string) =>
  license('VEHICLE_ROAD_TRANSPORT_CERT', ent, '2024-01-01', '2030-01-01', { plateNumber: plate });

describe('suggestDocument', () => {
  it('proposes the document the last application used, among several valid ones', () => {
    const [a, b, c] = [vehicle('京AD0001'), vehicle('京AD0002'), vehicle('京AD0003')];
    const previous = [
      {
        materialCode: 'VEHICLE_ROAD_TRANSPORT_CERT',
        source: 'E_LICENSE' as const,
        documentId: b.documentId,
      },
    ];
    expect(
      suggestDocument([a, b, c], previous, 'VEHICLE_ROAD_TRANSPORT_CERT', carrier.creditCode),
    ).toBe(b.documentId);
  });

  it('ignores a last-used document that is no longer valid, or used for another material', () => {
    const a = vehicle('京AD0001');
    const gone = { ...vehicle('京AD0002'), status: 'REVOKED' as const };
    const previous = [
      {
        materialCode: 'VEHICLE_ROAD_TRANSPORT_CERT',
        source: 'E_LICENSE' as const,
        documentId: gone.documentId,
      },
      { materialCode: 'OTHER', source: 'E_LICENSE' as const, documentId: a.documentId },
    ];
    // The only valid one is proposed; two valid ones and no history: none.
    expect(suggestDocument([a, gone], previous, 'VEHICLE_ROAD_TRANSPORT_CERT', 'x')).toBe(
      a.documentId,
    );
    expect(
      suggestDocument([a, vehicle('京AD0009')], previous, 'VEHICLE_ROAD_TRANSPORT_CERT', 'x'),
    ).toBeUndefined();
    expect(suggestDocument([], undefined, 'VEHICLE_ROAD_TRANSPORT_CERT', 'x')).toBeUndefined();
  });

  it('respects the holder a last-used document was for', () => {
    const mine = license(
      'DG_PRACTITIONER_QUALIFICATION',
      { type: 'PERSON', code: driver.idNumber, name: driver.name },
      '2024-01-01',
      null,
    );
    const previous = [
      {
        materialCode: 'DRIVER_ESCORT_QUALIFICATION',
        source: 'E_LICENSE' as const,
        documentId: mine.documentId,
        holderCode: 'SOMEONE-ELSE',
      },
    ];
    const other = license(
      'DG_PRACTITIONER_QUALIFICATION',
      { type: 'PERSON', code: driver.idNumber, name: driver.name },
      '2024-01-01',
      null,
    );
    expect(
      suggestDocument([mine, other], previous, 'DRIVER_ESCORT_QUALIFICATION', driver.idNumber),
    ).toBeUndefined();
  });
});

describe('documentFitsForm', () => {
  const item = fireworksItem();
  it('keeps the vehicle certificate whose plate the form names and drops the others', () => {
    const form = { 'vehicle.plate': PLATE };
    expect(documentFitsForm(item, form, 'VEHICLE_ROAD_TRANSPORT_CERT', vehicle(PLATE))).toBe(true);
    expect(documentFitsForm(item, form, 'VEHICLE_ROAD_TRANSPORT_CERT', vehicle('京AD0001'))).toBe(
      false,
    );
    // Spaces and a middle dot in what was typed do not matter.
    expect(
      documentFitsForm(
        item,
        { 'vehicle.plate': '京A·D1234' },
        'VEHICLE_ROAD_TRANSPORT_CERT',
        vehicle(PLATE),
      ),
    ).toBe(true);
  });

  it('lets every document fit while the form has not named it yet', () => {
    expect(documentFitsForm(item, {}, 'VEHICLE_ROAD_TRANSPORT_CERT', vehicle('京AD0001'))).toBe(
      true,
    );
  });
});

describe('prefilledView', () => {
  const item = fireworksItem();
  it("masks identifiers and persons' names, shows an enterprise's name, joins lists", () => {
    const form = {
      'carrier.creditCode': carrier.creditCode,
      'carrier.name': carrier.name,
      'driver.idNumber': driver.idNumber,
      'driver.name': driver.name,
      'trip.stopovers': ['长沙服务区', '郑州服务区'],
      'vehicle.plate': PLATE,
    };
    const shown = new Map(
      prefilledView(item.formFields, form, Object.keys(form)).map((f) => [f.key, f.display]),
    );
    expect(shown.get('carrier.creditCode')).not.toContain(carrier.creditCode.slice(4, 12));
    expect(shown.get('carrier.name')).toBe(carrier.name);
    expect(shown.get('driver.idNumber')).toMatch(/\*{4}/);
    expect(shown.get('driver.name')).not.toBe(driver.name);
    expect(shown.get('driver.name')?.[0]).toBe(driver.name[0]);
    expect(shown.get('trip.stopovers')).toBe('长沙服务区、郑州服务区');
    expect(shown.get('vehicle.plate')).toBe(PLATE);
  });

  it('leaves out keys the item does not have or that have no answer', () => {
    expect(prefilledView(item.formFields, { 'no.such': 'x' }, ['no.such', 'driver.name'])).toEqual(
      [],
    );
  });
});
