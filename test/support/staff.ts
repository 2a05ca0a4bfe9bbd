/** Synthetic staff for tests: PIN hashes at the lowest accepted scrypt cost (2^14). */
import type { StaffMemberConfig } from '../../kiosk-config/staff.js';
import { hashPin } from '../../electron/service/staff/pin.js';

export const STAFF_PIN = '246810';
export const TECH_PIN = '13579753';
/** A synthetic ID number with a valid check character, used as a staff card. */
export const STAFF_CARD = '11010519491231002X';

export async function testStaffMembers(): Promise<StaffMemberConfig[]> {
  const params = { N: 2 ** 14, r: 8, p: 1 };
  const [staffPin, techPin] = await Promise.all([
    hashPin(STAFF_PIN, params),
    hashPin(TECH_PIN, params),
  ]);
  return [
    { id: '1001', role: 'staff', pin: staffPin, cardNumbers: [STAFF_CARD] },
    { id: '2001', role: 'technician', pin: techPin, cardNumbers: [] },
  ];
}
