/**
 * The approval client against the sandbox through a fault proxy that resets connections,
 * answers 503 and stalls: safe operations retry through, a lost response to a submission is
 * recovered by the Idempotency-Key without a second application, unsafe operations are not
 * repeated, and the circuit breaker opens, fails fast and closes again after a probe.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTerminalKeyHex } from '../../../drivers/common/request-signature.js';
import {
  ApprovalClient,
  type ApprovalClientOptions,
} from '../../../electron/service/approval/client.js';
import { WorkingCalendar, addCalendarDays } from '../../../sandbox/calendar.js';
import { openDb } from '../../../sandbox/db.js';
import { ROLES, enterprise, type Cast } from '../../../sandbox/seed/cast.js';
import { fireworksRequest, seededCast } from '../../../sandbox/seed/index.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { DEMO_TERMINAL, startTestSandbox, validatingFetch, type TestSandbox } from './support.js';

const calendar = new WorkingCalendar();
let t: TestSandbox;
let proxy: FaultProxy;
let cast: Cast;
const violations: string[] = [];

function clientVia(extra: Partial<ApprovalClientOptions> = {}): ApprovalClient {
  return new ApprovalClient({
    baseUrl: proxy.url,
    terminalId: DEMO_TERMINAL.id,
    keyId: DEMO_TERMINAL.keyId,
    key: parseTerminalKeyHex(DEMO_TERMINAL.key),
    timeoutMs: 1000,
    maxAttempts: 4,
    retryInitialMs: 10,
    retryMaxMs: 50,
    breaker: { failureThreshold: 10, openMs: 300 },
    fetch: validatingFetch(violations),
    ...extra,
  });
}

beforeAll(async () => {
  t = await startTestSandbox();
  proxy = await startFaultProxy(t.sandbox.url);
  const db = openDb(t.dataDir);
  cast = seededCast(db);
  db.close();
});
afterAll(async () => {
  await proxy.close();
  await t.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
  proxy.plan([]);
  proxy.log.length = 0;
});

describe('retries of safe operations', () => {
  it('gets through a reset, a 503 and a stall to the answer', async () => {
    proxy.plan(['reset', '503', 'stall', 'pass']);
    const r = await clientVia().getItem('360322-FW-ROAD-TRANSPORT-PERMIT');
    expect(r.ok).toBe(true);
    expect(proxy.log.map((l) => l.fault)).toEqual(['reset', '503', 'stall', 'pass']);
  });

  it('gives up after its attempts with the kind of the last failure', async () => {
    proxy.plan(['stall', 'stall']);
    const r = await clientVia({ maxAttempts: 2 }).listItems();
    expect(!r.ok && r.error).toMatchObject({ kind: 'timeout', attempts: 2 });
  });

  it('returns an error status it will not retry at once (404)', async () => {
    const r = await clientVia().getItem('NO-SUCH-ITEM');
    expect(!r.ok && r.error).toMatchObject({ kind: 'http', status: 404, code: 'not-found' });
    expect(proxy.log).toHaveLength(1);
  });
});

describe('submissions', () => {
  it('recovers a lost response by replaying the same Idempotency-Key: one application only', async () => {
    const today = calendar.localDate(t.sandbox.clock.now());
    const body = fireworksRequest(cast, {
      startDate: addCalendarDays(today, 9),
      endDate: addCalendarDays(today, 10),
    });
    const key = randomUUID();
    proxy.plan(['reset-after-forward', '503', 'pass']);
    const r = await clientVia().createApplication(key, body as never);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.replayed).toBe(true);
    expect(proxy.log.map((l) => l.fault)).toEqual(['reset-after-forward', '503', 'pass']);

    const history = await t.client().searchApplications({
      applicant: { type: 'ENTERPRISE', code: enterprise(ROLES.consignor).creditCode },
      limit: 50,
    });
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    const sameTrip = history.value.applications.filter(
      (a) => a.formData['trip.startDate'] === addCalendarDays(today, 9),
    );
    expect(sameTrip).toHaveLength(1);
    expect(sameTrip[0]!.applicationId).toBe(r.value.created.applicationId);
  });

  it('does not repeat an unsafe operation after a timeout, and says it may have happened', async () => {
    proxy.plan(['stall']);
    const r = await clientVia().createDerivedCopy(
      cast.documents.find((d) => d.licenseType === 'FIREWORKS_PRODUCTION_LICENSE')!.documentId,
      {
        purpose: {
          itemCode: '360322-FW-ROAD-TRANSPORT-PERMIT',
          businessId: 'BIZ-FAULT-1',
          terminalId: DEMO_TERMINAL.id,
        },
        cause: '自助终端办理',
        validDays: 1,
      },
    );
    expect(!r.ok && r.error).toMatchObject({ kind: 'timeout', attempts: 1, maybeProcessed: true });
    expect(proxy.log).toHaveLength(1);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, fails fast, then closes after a successful probe', async () => {
    const client = clientVia({ maxAttempts: 1, breaker: { failureThreshold: 3, openMs: 300 } });
    const changes: string[] = [];
    client.onCircuitChange((s) => changes.push(s.state));

    proxy.plan(['503', '503', '503']);
    for (let i = 0; i < 3; i++) {
      const r = await client.listItems();
      expect(!r.ok && r.error).toMatchObject({ kind: 'http', status: 503 });
    }
    expect(client.circuit()).toMatchObject({
      state: 'open',
      consecutiveFailures: 3,
      lastFailure: 'http-503',
    });

    const fast = await client.listItems();
    expect(!fast.ok && fast.error).toMatchObject({
      kind: 'circuit-open',
      attempts: 0,
      maybeProcessed: false,
    });
    expect(proxy.log).toHaveLength(3);

    await new Promise((r) => setTimeout(r, 350));
    const probe = await client.listItems();
    expect(probe.ok).toBe(true);
    expect(client.circuit().state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the half-open probe fails', async () => {
    const client = clientVia({ maxAttempts: 1, breaker: { failureThreshold: 1, openMs: 200 } });
    proxy.plan(['reset', 'reset']);
    expect((await client.listItems()).ok).toBe(false);
    expect(client.circuit().state).toBe('open');
    await new Promise((r) => setTimeout(r, 250));
    const probe = await client.listItems();
    expect(!probe.ok && probe.error.kind).toBe('network');
    expect(client.circuit().state).toBe('open');
  });
});
