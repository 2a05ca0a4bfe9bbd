/**
 * The fireworks road transport permit end to end through the service's contract methods,
 * against the sandbox over HTTP (through a fault proxy that passes until told otherwise):
 * search by pinyin initials, consent before any lookup, the repeat shipper's licenses and
 * supply-chain records used after preview (no scan at all), every deficiency at once,
 * submission with a tracking number, the same outcome on a double tap, and live status. Then,
 * with the central API failing, a provisional reference whose status turns forwarded once it
 * answers again, and the catalogue served from the cache marked stale.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { MethodName, ParamsOf, ValueOf, WireError } from '../../../electron/contract/index.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { FIREWORKS_TRANSPORT_CODE } from '../../../sandbox/seed/items.js';
import { demoConfig } from '../../support/service.js';
import { startFaultProxy, type FaultProxy } from '../approval/fault-proxy.js';
import { DEMO_TERMINAL, startTestSandbox, type TestSandbox } from '../approval/support.js';

const consignor = syntheticEnterprise(8);
const carrier = syntheticEnterprise(3);
const agent = syntheticPerson(1);
const driver = syntheticPerson(2);
const escort = syntheticPerson(3);
const PLATE = '京AD1234';

let sandbox: TestSandbox;
let proxy: FaultProxy;
let service: KioskService;
let dataDir: string;
const logger = capturingLogger();
const connection = newConnection('in-process');
let nextId = 1;

async function call<M extends MethodName>(
  method: M,
  params: ParamsOf<M>,
): Promise<{ ok: true; value: ValueOf<M> } | { ok: false; error: WireError }> {
  const frame = await service.dispatcher.dispatchFrame(
    connection,
    JSON.stringify({ type: 'call', id: nextId++, method, params }),
  );
  return frame.result as never;
}

async function value<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ValueOf<M>> {
  const r = await call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function localDay(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const TRIP_FORM = () => ({
  'carrier.creditCode': carrier.creditCode,
  'carrier.name': carrier.name,
  'driver.idNumber': driver.idNumber,
  'driver.name': driver.name,
  'escort.idNumber': escort.idNumber,
  'escort.name': escort.name,
  'vehicle.plate': PLATE,
  'trip.startDate': localDay(2),
  'trip.endDate': localDay(3),
  'trip.origin': '上栗县金山镇烟花仓库',
  'trip.originRegion': '360322',
  'trip.destination': '朝阳区批发仓库',
  'trip.destinationRegion': '110105',
  'trip.route': 'G60沪昆高速—G4京港澳高速',
  goods: [{ category: 'C级组合烟花', specification: '36发', quantity: 120, unit: '箱' }],
  'trip.purpose': 'TRADE',
});

function identifyAgent(enterprise = consignor): void {
  service.ctx.session.identify({
    kind: 'agent',
    source: 'id-card',
    documentType: 'resident',
    idNumber: agent.idNumber,
    name: agent.name,
    enterprise: { creditCode: enterprise.creditCode, name: enterprise.name },
  });
}

/** Previews every candidate of every material and uses one (the vehicle certificate with the plate). */
async function useDocumentsOnFile(
  skip: readonly string[] = [],
): Promise<ValueOf<'application.plan'>> {
  const plan = await value('application.plan', {});
  expect(plan.lookupErrors).toEqual([]);
  for (const entry of plan.materials.filter((m) => !m.byForm && !skip.includes(m.materialCode))) {
    expect(entry.candidates.length, entry.materialCode).toBeGreaterThan(0);
    let chosen: string | undefined;
    for (const candidate of entry.candidates) {
      const preview = await value('application.previewDocument', {
        documentId: candidate.documentId,
      });
      const lines = preview.lines.map((l) => l.value).join(' ');
      if (entry.materialCode !== 'VEHICLE_ROAD_TRANSPORT_CERT' || lines.includes(PLATE.slice(1))) {
        chosen ??= candidate.documentId;
      }
    }
    expect(chosen, entry.materialCode).toBeDefined();
    await value('application.useDocument', {
      materialCode: entry.materialCode,
      holderIndex: entry.holderIndex,
      documentId: chosen!,
    });
  }
  return value('application.showAuthorisation', { source: 'ON_FILE' });
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ generatedItems: 30 });
  proxy = await startFaultProxy(sandbox.sandbox.url);
  dataDir = mkdtempSync(join(tmpdir(), 'fireworks-journey-'));
  const loaded = parseConfig(
    demoConfig({
      terminal: { id: DEMO_TERMINAL.id, hall: { 'zh-CN': '测试大厅', en: 'Test hall' } },
      approvalApi: {
        baseUrl: 'embedded',
        keyId: DEMO_TERMINAL.keyId,
        keyFile: resolve('kiosk-config/demo-terminal.key'),
        timeoutMs: 1000,
      },
      applications: {
        submitWaitMs: 1500,
        hallRegion: '360322',
        outageBackoffInitialMs: 50,
        outageBackoffMaxMs: 200,
        forwarderIdleMs: 200,
      },
      devices: {
        barcode: [],
        scanner: {
          driver: 'simulator',
          feeder: [{ document: 'purchase-contract', seed: 2 }],
          platen: { document: 'quality-certificate', seed: 2 },
        },
      },
    }),
  );
  service = createKioskService({ loaded, dataDir, logger, approvalBaseUrl: proxy.url });
  await service.start();
  await service.ctx.applications.catalogue.refreshSummaries();
});

afterAll(async () => {
  await service?.shutdown('test done');
  await proxy?.close();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('fireworks road transport permit, end to end', () => {
  it('a repeat shipper applies with everything on file: no scan, one complete check, a tracking number', async () => {
    const found = await value('application.searchItems', { query: 'yhbzdlys' });
    expect(found.stale).toBe(false);
    expect(found.hits[0]?.implementCode).toBe(FIREWORKS_TRANSPORT_CODE);

    expect((await call('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE })).ok).toBe(
      false,
    );
    identifyAgent();
    const start = await value('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE });
    expect(start.consented).toBe(false);
    expect(start.materials.every((m) => m.candidates.length === 0)).toBe(true);
    expect(start.agent).toEqual({ authorisation: null });

    // Nothing on file is touched before consent.
    const early = await call('application.showAuthorisation', { source: 'ON_FILE' });
    expect(early.ok ? '' : early.error.code).toBe('E_APPLICATION_NO_CONSENT');
    await value('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });

    await value('application.setForm', { values: TRIP_FORM() });
    const plan = await useDocumentsOnFile();
    expect(plan.agent).toEqual({ authorisation: 'ON_FILE' });
    expect(plan.materials.filter((m) => !m.byForm).every((m) => m.chosen?.trustLevel === 'A')).toBe(
      true,
    );
    expect(plan.materials.some((m) => m.chosen?.source === 'SCAN')).toBe(false);

    // One wrong answer and one missing answer: both reported at once, in both languages.
    await value('application.setForm', {
      values: { 'vehicle.plate': '京AD5678', 'trip.route': null },
    });
    const broken = await value('application.check', {});
    expect(broken.result).toBe('INCOMPLETE');
    expect(broken.deficiencies.map((d) => d.code).sort()).toEqual([
      'PLATE_MATCHES_VEHICLE_CERT',
      'missing-form-field',
    ]);
    const refused = await value('application.submit', {});
    expect(refused.kind).toBe('incomplete');

    await value('application.setForm', {
      values: { 'vehicle.plate': PLATE, 'trip.route': 'G60沪昆高速—G4京港澳高速' },
    });
    const check = await value('application.check', {});
    expect(check.deficiencies).toEqual([]);
    expect(check.result).toBe('COMPLETE');

    const submitted = await value('application.submit', {});
    expect(submitted.kind).toBe('forwarded');
    if (submitted.kind !== 'forwarded') return;
    expect(submitted.receipt.applicantNameMasked).not.toContain(consignor.name.slice(1));
    const again = await value('application.submit', {});
    expect(again).toEqual(submitted);

    const status = await value('application.status', { reference: submitted.trackingNumber });
    expect(status.state).toBe('forwarded');
    expect(status.live?.status).toBeDefined();
    expect(service.ctx.applications.outbox.stats().forwardedToday).toBe(1);

    // Staff only: the outbox summary with the forwarding client's circuit.
    const refusedForApplicant = await call('outbox.stats', {});
    expect(refusedForApplicant.ok ? '' : refusedForApplicant.error.code).toBe('E_ROLE');
    // (Sign-in is the staff domain's; here the connection's role is raised directly.)
    connection.role = 'staff';
    connection.roleExpiresAt = Date.now() + 60_000;
    const stats = await value('outbox.stats', {});
    connection.role = 'applicant';
    delete connection.roleExpiresAt;
    expect(stats).toMatchObject({ pending: 0, forwardedToday: 1, refused: 0 });
    expect(stats.circuit?.state).toBe('closed');
  }, 60_000);

  it('gives a provisional reference while the central API fails, and forwards it later', async () => {
    service.ctx.session.end('complete');
    identifyAgent();
    await value('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE });
    const early = await call('application.prefill', {});
    expect(early.ok ? '' : early.error.code).toBe('E_APPLICATION_NO_CONSENT');
    await value('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    // A repeat application: what the last one said is filled in, not asked again.
    const prefilled = await value('application.prefill', {});
    expect(prefilled.fields).toEqual(
      expect.arrayContaining([
        'carrier.creditCode',
        'driver.idNumber',
        'vehicle.plate',
        'trip.route',
      ]),
    );
    expect(prefilled.fields).not.toContain('trip.startDate');
    const form = await value('application.form', {});
    expect(form.values['carrier.creditCode']).toBe(carrier.creditCode);
    expect(form.values['vehicle.plate']).toBe(PLATE);
    await value('application.setForm', {
      values: { ...TRIP_FORM(), 'trip.startDate': localDay(4), 'trip.endDate': localDay(4) },
    });
    await useDocumentsOnFile();
    expect((await value('application.check', {})).result).toBe('COMPLETE');

    const forwarded = new Promise<{ localReference: string; trackingNumber: string }>((done) => {
      // Delivered to the renderer as an event frame, as the screen would get it.
      const off = service.bus.subscribe(newConnection('in-process'), (frame) => {
        if (frame.event === 'application.forwarded') {
          off();
          done(frame.payload as { localReference: string; trackingNumber: string });
        }
      });
    });
    // Three failed answers: the applicant's wait ends with a provisional reference (fewer
    // than the circuit breaker's threshold, so the retry follows at once).
    proxy.plan(['503', '503', '503']);
    const submitted = await value('application.submit', {});
    expect(submitted.kind).toBe('provisional');
    if (submitted.kind !== 'provisional') return;
    expect(submitted.localReference).toMatch(/^L\d{8}-/);
    const queued = await value('application.status', { reference: submitted.localReference });
    expect(queued.state).toBe('queued');
    expect(queued.trackingNumber).toBeNull();

    const event = await forwarded;
    expect(event.localReference).toBe(submitted.localReference);
    const after = await value('application.status', { reference: submitted.localReference });
    expect(after.state).toBe('forwarded');
    expect(after.trackingNumber).toBe(event.trackingNumber);
  }, 60_000);

  it('a repeat application: the last answers and documents proposed, seen together, used in one step', async () => {
    service.ctx.session.end('complete');
    identifyAgent();
    await value('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE });
    await value('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    const prefilled = await value('application.prefill', {});
    // What is shown to confirm is masked: the driver's ID number and name, the carrier's code.
    const shown = new Map(prefilled.shown.map((f) => [f.key, f.display]));
    expect(shown.get('driver.idNumber')).not.toBe(driver.idNumber);
    expect(shown.get('driver.idNumber')).toMatch(/\*{4}/);
    expect(shown.get('driver.name')).not.toBe(driver.name);
    expect(shown.get('carrier.creditCode')).toMatch(/\*{4}/);
    expect(shown.get('carrier.name')).toBe(carrier.name);
    expect(shown.get('vehicle.plate')).toBe(PLATE);
    expect(JSON.stringify(prefilled.shown)).not.toContain(driver.idNumber);

    // The form's holders are known from the last application, so every license is looked up
    // now, and each material gets the document used last time (the right vehicle among several).
    const plan = await value('application.plan', {});
    const onFile = plan.materials.filter((m) => !m.byForm);
    expect(onFile.length).toBeGreaterThan(4);
    for (const m of onFile) expect(m.suggested, m.materialCode).toBeDefined();
    const vehicle = onFile.find((m) => m.materialCode === 'VEHICLE_ROAD_TRANSPORT_CERT')!;
    expect(vehicle.candidates.length).toBeGreaterThan(1);

    // Nothing is used before the applicant has seen it.
    const early = await call('application.useSuggested', {});
    expect(early.ok ? '' : early.error.code).toBe('E_APPLICATION_NOTHING_SUGGESTED');
    const seen = await value('application.previewSuggested', {});
    expect(seen.documents).toHaveLength(onFile.length);
    const vehicleSeen = seen.documents.find((d) => d.materialCode === vehicle.materialCode)!;
    expect(vehicleSeen.lines.map((l) => l.value).join(' ')).toContain(PLATE.slice(1));
    const used = await value('application.useSuggested', {});
    for (const m of used.materials.filter((e) => !e.byForm)) {
      expect(m.chosen?.documentId, m.materialCode).toBe(
        seen.documents.find(
          (d) => d.materialCode === m.materialCode && d.holderIndex === m.holderIndex,
        )?.documentId,
      );
      expect(m.suggested).toBeUndefined();
    }
    await value('application.showAuthorisation', { source: 'ON_FILE' });
    // Only the new trip is typed.
    const trip = TRIP_FORM();
    await value('application.setForm', {
      values: {
        'trip.startDate': trip['trip.startDate'],
        'trip.endDate': trip['trip.endDate'],
        goods: trip.goods,
      },
    });
    // Check answers: every answer, in the item's order, masked where personal.
    const { answers } = await value('application.answers', {});
    expect(answers.map((a) => a.key).slice(0, 2)).toEqual(['carrier.creditCode', 'carrier.name']);
    expect(answers.find((a) => a.key === 'trip.startDate')?.display).toBe(trip['trip.startDate']);
    expect(JSON.stringify(answers)).not.toContain(driver.idNumber);
    expect(JSON.stringify(answers)).not.toContain(escort.name);
    const check = await value('application.check', {});
    expect(check.deficiencies.map((d) => d.code)).toEqual([]);
    expect(check.result).toBe('COMPLETE');
  }, 60_000);

  it('a first-time shipper scans what is not on file; the scans reach the sandbox byte for byte', async () => {
    service.ctx.session.end('complete');
    const newShipper = syntheticEnterprise(2);
    identifyAgent(newShipper);
    await value('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE });
    await value('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    await value('application.setForm', { values: TRIP_FORM() });
    const scanned = ['PURCHASE_CONTRACT', 'QUALITY_CERTIFICATES'];
    let plan = await value('application.plan', {});
    for (const code of scanned) {
      const entry = plan.materials.find((m) => m.materialCode === code)!;
      expect(entry.candidates, code).toEqual([]);
    }
    expect((await useDocumentsOnFile(scanned)).agent).toEqual({ authorisation: 'ON_FILE' });

    // Attaching needs pages scanned into that session material first.
    const noScan = await call('application.attachScan', {
      materialCode: 'PURCHASE_CONTRACT',
      holderIndex: 0,
      scanMaterialId: 'contract',
    });
    expect(noScan.ok ? '' : noScan.error.code).toBe('E_APPLICATION_NO_SCAN');
    const check = await value('application.check', {});
    expect(check.deficiencies.map((d) => [d.code, d.materialCode])).toEqual([
      ['missing-material', 'PURCHASE_CONTRACT'],
      ['missing-material', 'QUALITY_CERTIFICATES'],
    ]);

    await value('scanner.scan', { materialId: 'contract', source: 'feeder' });
    await value('scanner.scan', { materialId: 'quality', source: 'platen' });
    await value('application.attachScan', {
      materialCode: 'PURCHASE_CONTRACT',
      holderIndex: 0,
      scanMaterialId: 'contract',
    });
    plan = await value('application.attachScan', {
      materialCode: 'QUALITY_CERTIFICATES',
      holderIndex: 0,
      scanMaterialId: 'quality',
    });
    for (const code of scanned) {
      const entry = plan.materials.find((m) => m.materialCode === code)!;
      expect(entry.chosen).toMatchObject({ source: 'SCAN', trustLevel: 'C' });
      expect(entry.chosen?.pages).toBeGreaterThan(0);
    }
    expect((await value('application.check', {})).result).toBe('COMPLETE');

    const pdf = await service.ctx.hub.families.scanner.pdf('contract');
    const rows = () =>
      (
        service.ctx.store.prepare('SELECT COUNT(*) AS n FROM outbox_applications').get() as {
          n: number;
        }
      ).n;
    const before = rows();
    // A double tap: two submits at once make one application with one outcome.
    const [submitted, twin] = await Promise.all([
      value('application.submit', {}),
      value('application.submit', {}),
    ]);
    expect(twin).toEqual(submitted);
    expect(rows()).toBe(before + 1);
    expect(submitted.kind).toBe('forwarded');
    if (submitted.kind !== 'forwarded') return;
    const status = await value('application.status', { reference: submitted.localReference });
    expect(status.trackingNumber).toBe(submitted.trackingNumber);
    const stored = readFileSync(join(sandbox.dataDir, 'files', pdf!.sha256));
    expect(stored.equals(pdf!.pdf)).toBe(true);
    const row = service.ctx.applications.outbox.row(submitted.localReference)!;
    expect(row.audit.materials.filter((m) => m.source === 'SCAN').map((m) => m.trustLevel)).toEqual(
      ['C', 'C'],
    );
  }, 90_000);

  it('revalidates a cached item with its ETag (304) and keeps no personal data in the log', async () => {
    // Unreachable: the cached record is served, marked stale.
    proxy.plan(['503', '503', '503']);
    const offline = await service.ctx.applications.catalogue.item(FIREWORKS_TRANSPORT_CODE);
    expect(offline?.stale).toBe(true);
    expect(offline?.item.implementCode).toBe(FIREWORKS_TRANSPORT_CODE);
    proxy.plan([]);

    const seen: { operationId: string; status: number }[] = [];
    const off = sandbox.sandbox.events.on('request', (r) => seen.push(r));
    const first = await service.ctx.applications.catalogue.item(FIREWORKS_TRANSPORT_CODE);
    const second = await service.ctx.applications.catalogue.item(FIREWORKS_TRANSPORT_CODE);
    // Confirmed a moment ago: opening the application takes it as it is, with no request.
    const recent = await service.ctx.applications.catalogue.item(FIREWORKS_TRANSPORT_CODE, {
      checkedWithinMs: 60_000,
    });
    off();
    expect(first?.stale).toBe(false);
    expect(second?.etag).toBe(first?.etag);
    expect(recent?.etag).toBe(first?.etag);
    expect(recent?.stale).toBe(false);
    expect(seen.filter((r) => r.operationId === 'getItem').map((r) => r.status)).toEqual([
      304, 304,
    ]);

    const log = JSON.stringify(logger.lines);
    for (const secret of [
      agent.idNumber,
      agent.name,
      driver.idNumber,
      driver.name,
      consignor.name,
      syntheticEnterprise(2).name,
    ]) {
      expect(log.includes(secret), 'personal data in the log').toBe(false);
    }
  });
});
