/**
 * The sandbox over HTTP checks an application's result delivery against the item: an offered
 * kind is taken and kept with the application; a kind the item does not offer, or POST without
 * an address, is a 422 problem naming the field. Responses are validated against the spec.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalClient } from '../../../electron/service/approval/client.js';
import { WorkingCalendar, addCalendarDays } from '../../../sandbox/calendar.js';
import { openDb } from '../../../sandbox/db.js';
import type { Cast } from '../../../sandbox/seed/cast.js';
import { fireworksRequest, seededCast } from '../../../sandbox/seed/index.js';
import type { ApplicationRequest } from '../../../sandbox/types.js';
import { startTestSandbox, type TestSandbox } from './support.js';

const calendar = new WorkingCalendar();
let t: TestSandbox;
let client: ApprovalClient;
let cast: Cast;

beforeAll(async () => {
  t = await startTestSandbox({ processingDelayMs: 0, generatedItems: 5 });
  client = t.client();
  const db = openDb(t.dataDir);
  cast = seededCast(db);
  db.close();
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

function shipment(delivery?: ApplicationRequest['delivery']): ApplicationRequest {
  const today = calendar.localDate(t.sandbox.clock.now());
  const request = fireworksRequest(cast, {
    startDate: addCalendarDays(today, 5),
    endDate: addCalendarDays(today, 6),
  });
  return delivery ? { ...request, delivery } : request;
}

describe('result delivery of an application', () => {
  it('takes a kind the item offers and keeps it with the application', async () => {
    const r = await client.createApplication(randomUUID(), shipment({ kind: 'PICK_UP' }) as never);
    expect(r.ok).toBe(true);
    const db = openDb(t.dataDir);
    const row = db
      .prepare('SELECT request FROM applications WHERE application_id = ?')
      .get(r.ok ? r.value.created.applicationId : '') as { request: string };
    db.close();
    expect(JSON.parse(row.request).delivery).toEqual({ kind: 'PICK_UP' });
  });

  it('takes an application without a choice (the item default applies)', async () => {
    const r = await client.createApplication(randomUUID(), shipment() as never);
    expect(r.ok).toBe(true);
  });

  it('refuses POST for the fireworks permit with a 422 naming the offered kinds', async () => {
    const r = await client.createApplication(
      randomUUID(),
      shipment({ kind: 'POST', address: '江西省萍乡市上栗县示例路12号' }) as never,
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'http') throw new Error('expected an HTTP problem');
    expect(r.error.status).toBe(422);
    expect(r.error.problem?.errors).toContainEqual({
      path: '/delivery/kind',
      message: 'this item does not deliver its result by POST; it offers E_LICENSE, PICK_UP',
    });
  });

  it('refuses a kind outside the three as a malformed request (400)', async () => {
    const r = await client.createApplication(
      randomUUID(),
      shipment({ kind: 'DRONE' as never }) as never,
    );
    expect(r.ok ? 0 : r.error.kind === 'http' ? r.error.status : -1).toBe(400);
  });
});
