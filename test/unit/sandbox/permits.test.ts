import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodePermitCode } from '../../../drivers/common/codes.js';
import { WorkingCalendar } from '../../../sandbox/calendar.js';
import { permitState, rawPublicKey, type PermitRecord } from '../../../sandbox/permits.js';

const calendar = new WorkingCalendar();
const record: PermitRecord = {
  permitNumber: 'YH-360322-2026-000001',
  itemImplementCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
  consignor: { name: '萍乡市莲花华盛烟花爆竹有限公司', creditCode: '91360321299928339Y' },
  carrier: { name: '朝阳红星危险货物运输有限公司', creditCode: '91110105024913867N' },
  vehiclePlate: '京AD1234',
  origin: '上栗县',
  destination: '朝阳区',
  goods: [],
  validFrom: '2026-12-08',
  validUntil: '2026-12-09',
  issuedAt: '2026-12-03T04:00:00Z',
  issuer: '萍乡市上栗县公安局',
  keyId: 'sbx-test',
  batchCodes: [],
};
// Noon in Beijing on a given local date.
const at = (date: string) => new Date(`${date}T04:00:00Z`);

describe('permit live state', () => {
  it('is issued before the window, in transit inside it, expired after it', () => {
    expect(permitState(record, undefined, at('2026-12-07'), calendar)).toBe('ISSUED');
    expect(permitState(record, undefined, at('2026-12-08'), calendar)).toBe('IN_TRANSIT');
    expect(permitState(record, undefined, at('2026-12-09'), calendar)).toBe('IN_TRANSIT');
    expect(permitState(record, undefined, at('2026-12-10'), calendar)).toBe('EXPIRED');
  });

  it('is cancelled on arrival once the goods are booked in, and revocation wins over all', () => {
    expect(permitState(record, '2026-12-09T08:00:00Z', at('2026-12-20'), calendar)).toBe(
      'CANCELLED_ON_ARRIVAL',
    );
    expect(
      permitState({ ...record, revoked: true }, '2026-12-09T08:00:00Z', at('2026-12-08'), calendar),
    ).toBe('REVOKED');
  });

  it('publishes the raw 32-byte Ed25519 public key that verifies its codes', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    expect(rawPublicKey(publicKey)).toHaveLength(32);
    const code = encodePermitCode(
      {
        keyId: 'sbx-test',
        permitNumber: record.permitNumber,
        permitType: 'fireworks-road-transport',
        holderCreditCode: record.consignor.creditCode,
        validFrom: '20261208',
        validUntil: '20261209',
      },
      privateKey,
    );
    expect(code.startsWith('HKP1|sbx-test|YH-360322-2026-000001|')).toBe(true);
  });
});
