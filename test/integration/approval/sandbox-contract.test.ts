/**
 * Contract tests of the sandbox over HTTP: signature refusals, idempotency rules, status
 * transitions on the test clock, permits and batches, documents, files, catalogue caching.
 * Every response passes through a fetch that validates it against openapi.yaml; each test
 * ends by asserting no response broke the spec.
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  parsePermitCode,
  parseReceiptCode,
  verifyPermitCode,
} from '../../../drivers/common/codes.js';
import { syntheticPerson } from '../../../drivers/common/synthetic.js';
import { SIGNATURE_MAX_SKEW_MS } from '../../../drivers/common/request-signature.js';
import type { ApprovalClient } from '../../../electron/service/approval/client.js';
import { WorkingCalendar, addCalendarDays } from '../../../sandbox/calendar.js';
import { openDb } from '../../../sandbox/db.js';
import { PEOPLE, ROLES, VEHICLES, enterprise } from '../../../sandbox/seed/cast.js';
import { fireworksRequest, seededCast } from '../../../sandbox/seed/index.js';
import type { Cast } from '../../../sandbox/seed/cast.js';
import type { ApplicationRequest } from '../../../sandbox/types.js';
import {
  DEMO_TERMINAL,
  OTHER_TERMINAL,
  advance,
  rawRequest,
  startTestSandbox,
  type TestSandbox,
} from './support.js';

const calendar = new WorkingCalendar();
let t: TestSandbox;
let client: ApprovalClient;
let cast: Cast;

beforeAll(async () => {
  t = await startTestSandbox({ processingDelayMs: 0 });
  client = t.client();
  const db = openDb(t.dataDir);
  cast = seededCast(db);
  db.close();
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  const seen = t.violations.splice(0);
  expect(seen).toEqual([]);
});

/** A local date `days` calendar days after the sandbox's today. */
function sandboxDay(days: number): string {
  return addCalendarDays(calendar.localDate(t.sandbox.clock.now()), days);
}

function repeatShipment(
  overrides: Parameters<typeof fireworksRequest>[1] | undefined = undefined,
): ApplicationRequest {
  return fireworksRequest(cast, overrides ?? { startDate: sandboxDay(5), endDate: sandboxDay(6) });
}

async function submit(request: ApplicationRequest): Promise<string> {
  const r = await client.createApplication(randomUUID(), request as never);
  if (!r.ok) throw new Error(`submit failed: ${JSON.stringify(r.error)}`);
  return r.value.created.applicationId;
}

async function status(id: string) {
  const r = await client.getApplication(id);
  if (!r.ok) throw new Error(`status failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('request signatures', () => {
  it('answers the unsigned health check and refuses unsigned calls with 401', async () => {
    const health = await t.fetch(`${t.sandbox.url}/v1/health`);
    expect(health.status).toBe(200);
    const unsigned = await t.fetch(`${t.sandbox.url}/v1/items`);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe('signature-missing');
  });

  it('refuses a wrong key, an unknown key id and a tampered body digest', async () => {
    const wrongKey = await rawRequest(t, {
      method: 'GET',
      path: '/v1/items',
      signWithKey: '22'.repeat(32),
    });
    expect(wrongKey.status).toBe(401);
    expect((wrongKey.body as { code: string }).code).toBe('signature-invalid');

    const unknown = await rawRequest(t, {
      method: 'GET',
      path: '/v1/items',
      terminal: { ...DEMO_TERMINAL, keyId: 'no-such-key' },
    });
    expect((unknown.body as { code: string }).code).toBe('unknown-key');

    const digest = await rawRequest(t, {
      method: 'POST',
      path: '/v1/permits/verify',
      body: { code: 'x' },
      contentSha256: '0'.repeat(64),
    });
    expect(digest.status).toBe(401);
    expect((digest.body as { code: string }).code).toBe('digest-mismatch');
  });

  it('refuses timestamps more than five minutes off, either way', async () => {
    for (const skew of [SIGNATURE_MAX_SKEW_MS + 10_000, -(SIGNATURE_MAX_SKEW_MS + 10_000)]) {
      const r = await rawRequest(t, {
        method: 'GET',
        path: '/v1/items',
        timestampMs: Date.now() + skew,
      });
      expect(r.status).toBe(401);
      expect((r.body as { code: string }).code).toBe('timestamp-skew');
    }
    const within = await rawRequest(t, {
      method: 'GET',
      path: '/v1/items',
      timestampMs: Date.now() - 60_000,
    });
    expect(within.status).toBe(200);
  });

  it('refuses a reused nonce, even on a correctly signed request', async () => {
    const nonce = `replayed-nonce-${randomUUID()}`;
    const first = await rawRequest(t, { method: 'GET', path: '/v1/items?page=1', nonce });
    expect(first.status).toBe(200);
    const replay = await rawRequest(t, { method: 'GET', path: '/v1/items?page=1', nonce });
    expect(replay.status).toBe(401);
    expect((replay.body as { code: string }).code).toBe('nonce-reused');
  });

  it('signs the query string: changing it breaks the signature', async () => {
    const signed = await rawRequest(t, { method: 'GET', path: '/v1/items?page=1' });
    expect(signed.status).toBe(200);
    const moved = await rawRequest(t, {
      method: 'GET',
      path: '/v1/items?page=1',
      sendPath: '/v1/items?page=2',
    });
    expect(moved.status).toBe(401);
    expect((moved.body as { code: string }).code).toBe('signature-invalid');
  });
});

describe('idempotency', () => {
  it('needs an Idempotency-Key', async () => {
    const r = await rawRequest(t, {
      method: 'POST',
      path: '/v1/applications',
      body: repeatShipment(),
    });
    expect(r.status).toBe(400);
    expect((r.body as { code: string }).code).toBe('idempotency-key-missing');
  });

  it('replays the stored response for the same key and body, marked as replayed', async () => {
    const key = randomUUID();
    const body = repeatShipment();
    const first = await client.createApplication(key, body as never);
    const second = await client.createApplication(key, body as never);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value.replayed).toBe(false);
    expect(second.value.replayed).toBe(true);
    expect(second.value.created).toEqual(first.value.created);

    const history = await client.searchApplications({
      applicant: { type: 'ENTERPRISE', code: body.applicant.code },
      limit: 50,
    });
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    const ids = history.value.applications.map((a) => a.applicationId);
    expect(ids.filter((id) => id === first.value.created.applicationId)).toHaveLength(1);
  });

  it('answers 422 when the same key comes with another body', async () => {
    const key = randomUUID();
    const created = await client.createApplication(key, repeatShipment() as never);
    expect(created.ok).toBe(true);
    const other = await client.createApplication(
      key,
      repeatShipment({ startDate: sandboxDay(7), endDate: sandboxDay(8) }) as never,
    );
    expect(other.ok).toBe(false);
    if (other.ok) return;
    expect(other.error).toMatchObject({
      kind: 'http',
      status: 422,
      code: 'idempotency-key-reused',
    });
  });

  it('answers 409 with Retry-After while the first request with the key is still running', async () => {
    const slow = await startTestSandbox({ processingDelayMs: 1500 });
    try {
      const key = randomUUID();
      const body = repeatShipment();
      const started = new Promise<void>((resolve) =>
        slow.sandbox.events.on('processing', () => resolve()),
      );
      const first = rawRequest(slow, {
        method: 'POST',
        path: '/v1/applications',
        body,
        headers: { 'Idempotency-Key': key },
      });
      await started;
      const second = await rawRequest(slow, {
        method: 'POST',
        path: '/v1/applications',
        body,
        headers: { 'Idempotency-Key': key },
      });
      expect(second.status).toBe(409);
      expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((second.body as { code: string }).code).toBe('idempotency-in-progress');
      expect((await first).status).toBe(201);
      const third = await rawRequest(slow, {
        method: 'POST',
        path: '/v1/applications',
        body,
        headers: { 'Idempotency-Key': key },
      });
      expect(third.status).toBe(201);
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('status transitions', () => {
  it('takes a repeat fireworks shipment with everything on file to ISSUED within the three working days', async () => {
    const id = await submit(repeatShipment());
    expect((await status(id)).status).toBe('SUBMITTED');

    await advance(t, { advanceMs: 11 * 60_000 });
    const inReview = await status(id);
    expect(inReview.status).toBe('IN_REVIEW');
    expect(inReview.departmentReviews.map((r) => r.state)).toEqual(['IN_REVIEW', 'IN_REVIEW']);
    expect(inReview.deadlines?.statutory.workingDays).toBe(3);
    expect(inReview.deadlines?.statutory.dueDate).toBe(
      calendar.addWorkingDays(calendar.localDate(new Date(inReview.acceptedAt!)), 3),
    );

    // Parallel reviews finish at different times: after 2.5 h only the first is done.
    await advance(t, { advanceMs: 150 * 60_000 });
    const partly = await status(id);
    expect(partly.departmentReviews.map((r) => r.state)).toEqual(['APPROVED', 'IN_REVIEW']);

    await advance(t, { advanceMs: 2 * 3_600_000 });
    const done = await status(id);
    expect(done.status).toBe('ISSUED');
    expect(done.history.map((h) => h.status)).toEqual([
      'SUBMITTED',
      'ACCEPTED',
      'IN_REVIEW',
      'APPROVED',
      'ISSUED',
    ]);
    expect(done.permit?.state).toBe('ISSUED');

    const verified = await client.verifyPermit(done.permit!.code);
    expect(verified.ok && verified.value).toMatchObject({ signature: 'VALID', state: 'ISSUED' });
  });

  it('finds the application again from its receipt QR code', async () => {
    const created = await client.createApplication(randomUUID(), repeatShipment() as never);
    if (!created.ok) throw new Error('submit failed');
    const scanned = parseReceiptCode(created.value.created.receiptQrPayload);
    expect(scanned.ok && scanned.value.terminalId).toBe(DEMO_TERMINAL.id);
    if (!scanned.ok) return;
    const s = await client.getApplicationByTrackingNumber(scanned.value.trackingNumber);
    expect(s.ok && s.value.applicationId).toBe(created.value.created.applicationId);
  });

  it('asks for every missing material in one notice, then accepts the supplement', async () => {
    const full = repeatShipment();
    const request: ApplicationRequest = {
      ...full,
      materials: full.materials.filter(
        (m) =>
          !['PURCHASE_CONTRACT', 'QUALITY_CERTIFICATES'].includes(m.materialCode) &&
          m.holderCode === undefined,
      ),
    };
    const id = await submit(request);
    await advance(t, { advanceMs: 11 * 60_000 });
    const s = await status(id);
    expect(s.status).toBe('SUPPLEMENT_REQUIRED');
    expect(s.deadlines).toBeUndefined();
    const missing = s.supplement!.deficiencies.map(
      (d) => `${d.materialCode}${d.holderCode ? `:${d.holderCode}` : ''}`,
    );
    const driver = syntheticPerson(PEOPLE.driver).idNumber;
    const escort = syntheticPerson(PEOPLE.escort).idNumber;
    expect(missing.sort()).toEqual(
      [
        `DRIVER_ESCORT_QUALIFICATION:${driver}`,
        `DRIVER_ESCORT_QUALIFICATION:${escort}`,
        'PURCHASE_CONTRACT',
        'QUALITY_CERTIFICATES',
      ].sort(),
    );

    const supplement = full.materials.filter((m) => !request.materials.includes(m));
    const answered = await client.submitSupplement(id, randomUUID(), {
      materials: supplement as never,
    });
    expect(answered.ok && answered.value.status.status).toBe('SUBMITTED');
    const again = await client.submitSupplement(id, randomUUID(), {
      materials: supplement as never,
    });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.error).toMatchObject({ status: 409, code: 'not-awaiting-supplement' });

    await advance(t, { advanceMs: 8 * 3_600_000 });
    expect((await status(id)).status).toBe('ISSUED');
  });

  it('pauses the clock while a department waits for a supplement and shifts the due date', async () => {
    // The expiring driver's qualification ends 20 days after seeding; this trip is later.
    const request = repeatShipment({
      startDate: sandboxDay(25),
      endDate: sandboxDay(26),
      driverSeed: PEOPLE.expiringDriver,
    });
    const id = await submit(request);
    await advance(t, { advanceMs: 11 * 60_000 + 2 * 3_600_000 + 60_000 });
    const asked = await status(id);
    expect(asked.status).toBe('SUPPLEMENT_REQUIRED');
    expect(asked.clockPaused).toBe(true);
    expect(asked.departmentReviews[0]!.state).toBe('SUPPLEMENT_REQUESTED');
    expect(asked.supplement!.deficiencies).toEqual([
      expect.objectContaining({
        code: 'document-validity',
        materialCode: 'DRIVER_ESCORT_QUALIFICATION',
      }),
    ]);
    const dueBefore = asked.deadlines!.statutory.dueDate;

    await advance(t, { advanceWorkingDays: 2 });
    const paused = await status(id);
    expect(paused.deadlines!.statutory.pausedWorkingDays).toBe(2);
    expect(paused.deadlines!.statutory.dueDate).toBe(calendar.addWorkingDays(dueBefore, 2));

    const validDriver = syntheticPerson(PEOPLE.driver);
    const driverDoc = cast.documents.find(
      (d) =>
        d.licenseType === 'DG_PRACTITIONER_QUALIFICATION' && d.holder.code === validDriver.idNumber,
    )!;
    const resumed = await client.submitSupplement(id, randomUUID(), {
      formData: { 'driver.idNumber': validDriver.idNumber, 'driver.name': validDriver.name },
      materials: [
        {
          materialCode: 'DRIVER_ESCORT_QUALIFICATION',
          source: 'E_LICENSE',
          holderCode: validDriver.idNumber,
          documentId: driverDoc.documentId,
        },
      ],
    });
    expect(resumed.ok && resumed.value.status).toMatchObject({
      status: 'IN_REVIEW',
      clockPaused: false,
    });
    await advance(t, { advanceMs: 5 * 3_600_000 });
    expect((await status(id)).status).toBe('ISSUED');
  });

  it('rejects with reasons when the plate differs from the vehicle certificate', async () => {
    const base = repeatShipment();
    const id = await submit({
      ...base,
      formData: { ...base.formData, 'vehicle.plate': VEHICLES.carrierSecond },
    });
    await advance(t, { advanceMs: 6 * 3_600_000 });
    const s = await status(id);
    expect(s.status).toBe('REJECTED');
    expect(s.rejectionReasons?.map((r) => r.code)).toEqual(['PLATE_MATCHES_VEHICLE_CERT']);
    expect(s.departmentReviews[0]!.state).toBe('REJECTED');
  });

  it('does not accept an application made at neither the origin nor the destination', async () => {
    const base = repeatShipment();
    const r = await t.client(OTHER_TERMINAL).createApplication(randomUUID(), {
      ...base,
      terminalId: OTHER_TERMINAL.id,
      formData: { ...base.formData, 'trip.destinationRegion': '440304' },
    } as never);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await advance(t, { advanceMs: 11 * 60_000 });
    const s = await t.client(OTHER_TERMINAL).getApplication(r.value.created.applicationId);
    expect(s.ok && s.value).toMatchObject({
      status: 'NOT_ACCEPTED',
      notAcceptedReason: expect.any(Object),
    });
  });

  it('runs a special procedure that stops the statutory clock', async () => {
    const retailer = syntheticPerson(PEOPLE.retailer);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = await client.uploadFile({
      bytes: png,
      mediaType: 'image/png',
      fileName: '场所.png',
    });
    expect(upload.ok).toBe(true);
    if (!upload.ok) return;
    const fileId = upload.value.fileId;
    const id = await submit({
      itemImplementCode: '360322-FW-RETAIL-LICENSE',
      itemVersion: 1,
      channel: 'KIOSK',
      terminalId: DEMO_TERMINAL.id,
      applicant: { type: 'PERSON', code: retailer.idNumber, name: retailer.name },
      formData: { 'shop.address': retailer.address, renewal: 'NO' },
      materials: [
        { materialCode: 'SHOP_PREMISES', source: 'SCAN', fileId },
        { materialCode: 'SAFETY_TRAINING', source: 'SCAN', fileId },
        { materialCode: 'SAFETY_COMMITMENT', source: 'COMMITMENT' },
      ],
      completeness: { engineVersion: 'test', result: 'COMPLETE', deficiencies: [] },
    });
    await advance(t, { advanceMs: 11 * 60_000 });
    const s = await status(id);
    expect(s.status).toBe('SPECIAL_PROCEDURE');
    expect(s.clockPaused).toBe(true);
    expect(s.specialProcedure).toMatchObject({
      code: 'ON_SITE_INSPECTION',
      countsTowardLimit: false,
    });
    await advance(t, { advanceWorkingDays: 6 });
    const after = await status(id);
    expect(after.status).toBe('ISSUED');
    expect(after.deadlines!.statutory.pausedWorkingDays).toBeGreaterThanOrEqual(5);
  });
});

describe('permits and batches', () => {
  it('shows a seeded permit in transit, then cancelled on arrival once the goods are booked in', async () => {
    const consignor = enterprise(ROLES.consignor).creditCode;
    const history = await client.searchApplications({
      applicant: { type: 'ENTERPRISE', code: consignor },
      limit: 50,
    });
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    const states = new Map<string, string>();
    for (const a of history.value.applications.filter((x) => x.status === 'ISSUED')) {
      const s = await status(a.applicationId);
      if (s.permit) states.set(s.permit.permitNumber, s.permit.state);
    }
    expect([...states.values()]).toEqual(
      expect.arrayContaining(['CANCELLED_ON_ARRIVAL', 'EXPIRED']),
    );

    const batch = cast.batches[0]!;
    const { encodeBatchCode } = await import('../../../drivers/common/codes.js');
    const code = encodeBatchCode({ gtin: batch.gtin, batch: batch.batch });
    const trace = await client.traceBatch(code);
    expect(trace.ok).toBe(true);
    if (!trace.ok) return;
    expect(trace.value.events.map((e) => e.type).slice(0, 2)).toEqual(['PRODUCED', 'WAREHOUSED']);
    const shipped = trace.value.events.find((e) => e.type === 'SHIPPED' && e.permitNumber);
    expect(shipped).toBeDefined();

    const arrived = await client.recordSandboxFlowEvent({
      code,
      type: 'ARRIVED',
      place: '北京市朝阳区仓库',
      permitNumber: shipped!.permitNumber!,
    });
    expect(arrived.ok).toBe(true);
    const verifiedByNumber = await Promise.all(
      history.value.applications.map(async (a) => (await status(a.applicationId)).permit),
    );
    const theOne = verifiedByNumber.find((p) => p?.permitNumber === shipped!.permitNumber);
    expect(theOne?.state).toBe('CANCELLED_ON_ARRIVAL');
  });

  it('tells a forged or altered permit code from a genuine one', async () => {
    const consignor = enterprise(ROLES.consignor).creditCode;
    const history = await client.searchApplications({
      applicant: { type: 'ENTERPRISE', code: consignor },
      limit: 50,
    });
    if (!history.ok) throw new Error('history');
    const issued = history.value.applications.find((a) => a.status === 'ISSUED')!;
    const code = (await status(issued.applicationId)).permit!.code;
    expect((await client.verifyPermit(code)).ok).toBe(true);

    const altered = code.replace(
      /\|(\d{8})\|(\d{8})\|/,
      (_m, from: string) => `|${from}|20991231|`,
    );
    expect(altered).not.toBe(code);
    const v = await client.verifyPermit(altered);
    expect(v.ok && v.value.signature).toBe('INVALID');
    // Offline: the kiosk verifies with the published key alone.
    const published = await client.permitKeys();
    if (!published.ok) throw new Error('keys');
    const keys = new Map(
      published.value.keys.map((k) => [k.keyId, createPublicKey(k.publicKeyPem)] as const),
    );
    const parsed = parsePermitCode(code);
    expect(parsed.ok && verifyPermitCode(parsed.value, keys).ok).toBe(true);
    const parsedAltered = parsePermitCode(altered);
    expect(parsedAltered.ok && verifyPermitCode(parsedAltered.value, keys)).toMatchObject({
      ok: false,
      error: 'bad-signature',
    });
    const junk = await client.verifyPermit('not a permit');
    expect(junk.ok && junk.value.signature).toBe('MALFORMED');
    expect(published.value.keys[0]!.keyId).toBe(t.sandbox.permitKeyId);
  });
});

describe('documents on file', () => {
  it('finds the repeat shipper’s licenses and supply-chain records, previews masked, derives an expiring copy', async () => {
    const consignor = enterprise(ROLES.consignor).creditCode;
    const purpose = {
      itemCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
      businessId: 'BIZ-0001',
      terminalId: DEMO_TERMINAL.id,
    };
    const found = await client.lookupDocuments({
      holder: { type: 'ENTERPRISE', code: consignor },
      purpose,
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const kinds = found.value.documents.map((d) => d.licenseType ?? d.kind).sort();
    expect(kinds).toEqual([
      'AGENT_AUTHORISATION',
      'BUSINESS_LICENSE',
      'FIREWORKS_PRODUCTION_LICENSE',
      'PURCHASE_CONTRACT',
      'QUALITY_CERTIFICATE',
      'QUALITY_CERTIFICATE',
    ]);

    const license = found.value.documents.find(
      (d) => d.licenseType === 'FIREWORKS_PRODUCTION_LICENSE',
    )!;
    const preview = await client.previewDocument(license.documentId, purpose);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const codeLine = preview.value.lines.find((l) => l.label.en === 'Holder code')!;
    expect(codeLine.value).toBe(`${consignor.slice(0, 3)}${'*'.repeat(11)}${consignor.slice(-4)}`);

    const copy = await client.createDerivedCopy(license.documentId, {
      purpose,
      cause: '自助终端办理',
      validDays: 3,
    });
    expect(copy.ok && copy.value.state).toBe('VALID');
    if (!copy.ok) return;
    await advance(t, { advanceMs: 4 * 24 * 3_600_000 });
    const later = await client.getDerivedCopy(copy.value.derivedCopyId);
    expect(later.ok && later.value.state).toBe('EXPIRED');
  });

  it('refuses a purpose naming another terminal', async () => {
    const r = await client.lookupDocuments({
      holder: { type: 'PERSON', code: syntheticPerson(PEOPLE.driver).idNumber },
      purpose: {
        itemCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
        businessId: 'BIZ-0002',
        terminalId: OTHER_TERMINAL.id,
      },
    });
    expect(!r.ok && r.error).toMatchObject({ status: 403, code: 'purpose-terminal-mismatch' });
  });
});

describe('files', () => {
  const pdf = Buffer.from('%PDF-1.7\n% sandbox test\n', 'latin1');

  it('stores a file once per content and checks its digest and type', async () => {
    const first = await client.uploadFile({ bytes: pdf, mediaType: 'application/pdf' });
    const second = await client.uploadFile({ bytes: pdf, mediaType: 'application/pdf' });
    expect(first.ok && second.ok && first.value.fileId === second.value.fileId).toBe(true);

    const wrongType = await client.uploadFile({ bytes: pdf, mediaType: 'image/png' });
    expect(!wrongType.ok && wrongType.error).toMatchObject({
      status: 422,
      code: 'file-content-mismatch',
    });

    const badDigest = await t.fetch(`${t.sandbox.url}/v1/files`, { method: 'POST', body: pdf });
    expect(badDigest.status).toBe(401);
  });

  it('refuses uploads over the size limit with 413', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    big.write('%PDF-', 0, 'latin1');
    const r = await client.uploadFile({ bytes: big, mediaType: 'application/pdf' });
    expect(!r.ok && r.error).toMatchObject({ kind: 'http', status: 413 });
  });
});

describe('catalogue, recommendations, ratings, heartbeat', () => {
  it('serves item records conditionally with ETags', async () => {
    const first = await client.getItem('360322-FW-ROAD-TRANSPORT-PERMIT');
    expect(first.ok && !first.value.notModified).toBe(true);
    if (!first.ok || first.value.notModified) return;
    expect(first.value.item.version).toBe(2);
    expect(first.value.item.materials.slice(0, 7).map((m) => m.requirement.kind)).toEqual(
      Array(7).fill('REQUIRED'),
    );
    expect(first.value.item.fee.charged).toBe(false);
    const again = await client.getItem('360322-FW-ROAD-TRANSPORT-PERMIT', first.value.etag);
    expect(again.ok && again.value.notModified).toBe(true);
    const v1 = await client.getItemVersion('360322-FW-ROAD-TRANSPORT-PERMIT', 1);
    expect(v1.ok && v1.value.materials).toHaveLength(7);

    const list = await rawRequest(t, { method: 'GET', path: '/v1/items?q=%E7%83%9F%E8%8A%B1' });
    const etag = list.headers.get('etag')!;
    const cached = await rawRequest(t, {
      method: 'GET',
      path: '/v1/items?q=%E7%83%9F%E8%8A%B1',
      headers: { 'If-None-Match': etag },
    });
    expect(cached.status).toBe(304);
  });

  it('pages through every full item record for an offline cache, conditionally', async () => {
    const first = await client.listItemRecords(1, 500);
    expect(first.ok && !first.value.notModified).toBe(true);
    if (!first.ok || first.value.notModified) return;
    const { total } = first.value.page;
    const codes = new Set(first.value.page.records.map((r) => r.implementCode));
    for (let page = 2; (page - 1) * 500 < total; page++) {
      const next = await client.listItemRecords(page, 500);
      if (!next.ok || next.value.notModified) throw new Error('page failed');
      for (const r of next.value.page.records) codes.add(r.implementCode);
    }
    expect(codes.size).toBe(total);
    const again = await client.listItemRecords(1, 500, first.value.etag);
    expect(again.ok && again.value.notModified).toBe(true);
  });

  it('recommends repeats and renewals, and knows whom an agent represents', async () => {
    const agent = syntheticPerson(PEOPLE.agent).idNumber;
    const r = await client.recommendations({ type: 'PERSON', code: agent });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.represents.map((e) => e.creditCode)).toContain(
      enterprise(ROLES.consignor).creditCode,
    );
    expect(r.value.recommendations).toContainEqual(
      expect.objectContaining({
        reason: 'REPEAT',
        implementCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
      }),
    );
    const driver = await client.recommendations({
      type: 'PERSON',
      code: syntheticPerson(PEOPLE.retailer).idNumber,
    });
    expect(driver.ok && driver.value.recommendations[0]).toMatchObject({
      reason: 'LICENSE_EXPIRING',
      implementCode: '360322-FW-RETAIL-LICENSE',
    });
  });

  it('resolves a government-app sign-in code once, and refuses used, expired and unknown codes', async () => {
    const person = syntheticPerson(PEOPLE.agent);
    const issued = await client.issueSandboxAppIdentityCode({
      idNumber: person.idNumber,
      validSeconds: 60,
    });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    const resolved = await client.resolveAppIdentity(issued.value.code);
    expect(resolved.ok && resolved.value).toMatchObject({
      idNumber: person.idNumber,
      name: person.name,
      appId: 'gov-app',
    });
    const reused = await client.resolveAppIdentity(issued.value.code);
    expect(!reused.ok && reused.error).toMatchObject({ status: 409, code: 'identity-code-used' });

    const shortLived = await client.issueSandboxAppIdentityCode({
      idNumber: person.idNumber,
      validSeconds: 30,
    });
    if (!shortLived.ok) throw new Error('issue failed');
    await advance(t, { advanceMs: 31_000 });
    const expired = await client.resolveAppIdentity(shortLived.value.code);
    expect(!expired.ok && expired.error).toMatchObject({
      status: 410,
      code: 'identity-code-expired',
    });

    const forged = issued.value.code.replace(
      /\|[A-Za-z0-9_-]{16,}\|/,
      '|forgedforgedforgedforged|',
    );
    const unknown = await client.resolveAppIdentity(forged);
    expect(!unknown.ok && unknown.error).toMatchObject({ status: 404 });
    const junk = await client.resolveAppIdentity('hello');
    expect(!junk.ok && junk.error).toMatchObject({ status: 400, code: 'identity-code-unreadable' });
    const stranger = await client.issueSandboxAppIdentityCode({ idNumber: '11010519491231002X' });
    expect(!stranger.ok && stranger.error).toMatchObject({ status: 404 });
  });

  it('records a rating once per id and a heartbeat only for the signing terminal', async () => {
    const id = randomUUID();
    const first = await client.putRating(id, { score: 5 });
    const again = await client.putRating(id, { score: 5 });
    expect(first.ok && again.ok).toBe(true);
    const changed = await client.putRating(id, { score: 1 });
    expect(!changed.ok && changed.error).toMatchObject({ status: 422, code: 'rating-conflict' });

    const beat = await client.heartbeat({
      sentAt: new Date().toISOString(),
      softwareVersion: '0.1.0',
      status: 'IN_SERVICE',
      outboxDepth: 0,
    });
    expect(beat.ok && beat.value.terminalId).toBe(DEMO_TERMINAL.id);
    const foreign = await rawRequest(t, {
      method: 'PUT',
      path: `/v1/terminals/${OTHER_TERMINAL.id}/heartbeat`,
      body: { sentAt: new Date().toISOString(), softwareVersion: '0.1.0', status: 'IN_SERVICE' },
    });
    expect(foreign.status).toBe(403);
  });

  it('refuses bodies that do not match the spec, naming the field', async () => {
    const r = await rawRequest(t, {
      method: 'POST',
      path: '/v1/recommendations',
      body: { applicant: { type: 'PERSON', code: 'short' }, terminalId: DEMO_TERMINAL.id },
    });
    expect(r.status).toBe(400);
    expect((r.body as { errors: { path: string }[] }).errors[0]!.path).toBe('/applicant/code');
  });
});

describe('sandbox permit codes (dev dock presets)', () => {
  it('shows a genuine permit code in each asked live state, and makes a fresh one in transit when none is', async () => {
    const published = await client.permitKeys();
    if (!published.ok) throw new Error('keys');
    const keys = new Map(
      published.value.keys.map((k) => [k.keyId, createPublicKey(k.publicKeyPem)] as const),
    );
    const states = ['IN_TRANSIT', 'EXPIRED', 'CANCELLED_ON_ARRIVAL'] as const;
    const numbers = new Map<string, string>();
    for (const state of states) {
      const shown = await client.sandboxPermitCode(state);
      if (!shown.ok) throw new Error(`${state}: ${JSON.stringify(shown.error)}`);
      expect(shown.value).toMatchObject({ state, keyId: t.sandbox.permitKeyId });
      numbers.set(state, shown.value.permitNumber);
      // Online: the API's verdict; offline: the published key alone.
      const verified = await client.verifyPermit(shown.value.code);
      expect(verified.ok && verified.value).toMatchObject({ signature: 'VALID', state });
      const parsed = parsePermitCode(shown.value.code);
      expect(parsed.ok && parsed.value.permitNumber).toBe(shown.value.permitNumber);
      expect(parsed.ok && verifyPermitCode(parsed.value, keys).ok).toBe(true);
    }
    expect(new Set(numbers.values()).size).toBe(3);
    // Asking again finds the same permit: the sandbox does not issue one per call.
    const again = await client.sandboxPermitCode('IN_TRANSIT');
    expect(again.ok && again.value.permitNumber).toBe(numbers.get('IN_TRANSIT'));

    // Weeks later every permit so far has expired (this block runs last: the clock moves far);
    // the sandbox issues a fresh demo permit in transit from today, and one issued for tomorrow.
    await advance(t, { advanceMs: 40 * 86_400_000 });
    const fresh = await client.sandboxPermitCode('IN_TRANSIT');
    if (!fresh.ok) throw new Error('fresh');
    expect(fresh.value.permitNumber).not.toBe(numbers.get('IN_TRANSIT'));
    expect([fresh.value.validFrom, fresh.value.validUntil]).toEqual([sandboxDay(0), sandboxDay(1)]);
    const upcoming = await client.sandboxPermitCode('ISSUED');
    if (!upcoming.ok) throw new Error('issued');
    expect([upcoming.value.state, upcoming.value.validFrom]).toEqual(['ISSUED', sandboxDay(1)]);
    const upcomingAgain = await client.sandboxPermitCode('ISSUED');
    expect(upcomingAgain.ok && upcomingAgain.value.permitNumber).toBe(upcoming.value.permitNumber);
    const freshVerified = await client.verifyPermit(fresh.value.code);
    expect(freshVerified.ok && freshVerified.value).toMatchObject({
      signature: 'VALID',
      state: 'IN_TRANSIT',
    });

    // No permit is revoked, and the sandbox does not revoke one to order.
    const revoked = await client.sandboxPermitCode('REVOKED');
    expect(!revoked.ok && revoked.error).toMatchObject({ status: 404 });
    const junk = await rawRequest(t, {
      method: 'GET',
      path: '/v1/sandbox/permit-codes?state=LOST',
    });
    expect(junk.status).toBe(400);
  });
});
