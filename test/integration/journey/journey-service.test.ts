/**
 * The journey's service methods against the sandbox over HTTP and the simulated printer:
 * recommendations and represented enterprises for the person on the card, acting for the
 * consignor without typing its credit code, the receipt printed after a forwarded submission
 * (and the printer-out-of-paper code when the roll ends), and the rating.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { MethodName, ParamsOf, ValueOf } from '../../../electron/contract/index.js';
import type { WireResult } from '../../../electron/contract/protocol.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { openDb } from '../../../sandbox/db.js';
import { FIREWORKS_TRANSPORT_CODE } from '../../../sandbox/seed/items.js';
import { demoConfig } from '../../support/service.js';
import { DEMO_TERMINAL, startTestSandbox, type TestSandbox } from '../approval/support.js';

const consignor = syntheticEnterprise(8);
const carrier = syntheticEnterprise(3);
const agent = syntheticPerson(1);

let sandbox: TestSandbox;
let service: KioskService;
let dataDir: string;
const connection = newConnection('in-process');
let id = 1;

/** One call through the dispatcher, as the renderer makes it. */
async function rpc<M extends MethodName>(method: M, params: ParamsOf<M>) {
  const frame = await service.dispatcher.dispatchFrame(
    connection,
    JSON.stringify({ type: 'call', id: id++, method, params }),
  );
  return frame.result as WireResult<ValueOf<M>>;
}

async function must<M extends MethodName>(method: M, params: ParamsOf<M>) {
  const result = await rpc(method, params);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ generatedItems: 10 });
  dataDir = mkdtempSync(join(tmpdir(), 'journey-service-'));
  const loaded = parseConfig(
    demoConfig({
      terminal: { id: DEMO_TERMINAL.id, hall: { 'zh-CN': '测试大厅', en: 'Test hall' } },
      approvalApi: {
        baseUrl: 'embedded',
        keyId: DEMO_TERMINAL.keyId,
        keyFile: resolve('kiosk-config/demo-terminal.key'),
        timeoutMs: 2000,
      },
      applications: { submitWaitMs: 3000, hallRegion: '360322' },
      devices: {
        barcode: [],
        printer: { driver: 'simulator', model: 'epson-tm-t88vi', paperWidthMm: 80 },
      },
    }),
  );
  service = createKioskService({
    loaded,
    dataDir,
    logger: capturingLogger(),
    approvalBaseUrl: sandbox.sandbox.url,
  });
  await service.start();
  await service.ctx.applications.catalogue.refreshSummaries();
});

afterAll(async () => {
  await service?.shutdown('test done');
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('journey service methods', () => {
  it('refuses recommendations and acting for an enterprise before anyone is identified', async () => {
    const r = await rpc('journey.recommendations', {});
    expect(r.ok ? '' : r.error.code).toBe('E_JOURNEY_NO_APPLICANT');
    const a = await rpc('journey.actFor', { index: 0 });
    expect(a.ok ? '' : a.error.code).toBe('E_JOURNEY_NO_SUCH_ENTERPRISE');
  });

  it('recommends the repeat permit and lets the person act for the consignor by index', async () => {
    service.ctx.session.identify({
      kind: 'person',
      source: 'id-card',
      documentType: 'resident',
      idNumber: agent.idNumber,
      name: agent.name,
    });
    const sessionId = service.ctx.session.active!.id;
    const recommendations = await must('journey.recommendations', {});
    const index = recommendations.represents.findIndex((e) => e.name === consignor.name);
    expect(index).toBeGreaterThanOrEqual(0);
    // Masked: first 3 and last 4 characters kept.
    expect(recommendations.represents[index]!.creditCodeMasked).toBe(
      `${consignor.creditCode.slice(0, 3)}${'*'.repeat(11)}${consignor.creditCode.slice(-4)}`,
    );

    const acting = await must('journey.actFor', { index });
    expect(acting.enterpriseName).toBe(consignor.name);
    const view = await must('session.get', {});
    expect(view?.id).toBe(sessionId);
    expect(view?.applicant?.kind).toBe('agent');
    expect(view?.applicant?.enterpriseName).toBe(consignor.name);

    const forEnterprise = await must('journey.recommendations', {});
    expect(forEnterprise.items.map((i) => [i.implementCode, i.reason])).toContainEqual([
      FIREWORKS_TRANSPORT_CODE,
      'REPEAT',
    ]);
  });

  it('prints the receipt of the submitted application, and names paper-end when the roll ends', async () => {
    await must('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE });
    await must('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    await must('application.setForm', {
      values: {
        'carrier.creditCode': carrier.creditCode,
        'carrier.name': carrier.name,
        'driver.idNumber': syntheticPerson(2).idNumber,
        'driver.name': syntheticPerson(2).name,
        'escort.idNumber': syntheticPerson(3).idNumber,
        'escort.name': syntheticPerson(3).name,
        'vehicle.plate': '京AD1234',
        'trip.startDate': day(2),
        'trip.endDate': day(3),
        'trip.origin': '上栗县金山镇烟花仓库',
        'trip.originRegion': '360322',
        'trip.destination': '朝阳区批发仓库',
        'trip.destinationRegion': '110105',
        'trip.route': 'G60沪昆高速—G4京港澳高速',
        goods: [{ category: 'C级组合烟花', specification: '36发', quantity: 120, unit: '箱' }],
        'trip.purpose': 'TRADE',
      },
    });
    const plan = await must('application.plan', {});
    for (const m of plan.materials.filter((x) => !x.byForm)) {
      let chosen: string | undefined;
      for (const c of m.candidates) {
        const preview = await must('application.previewDocument', { documentId: c.documentId });
        const text = preview.lines.map((l) => l.value).join(' ');
        if (m.materialCode !== 'VEHICLE_ROAD_TRANSPORT_CERT' || text.includes('AD1234')) {
          chosen ??= c.documentId;
        }
      }
      await must('application.useDocument', {
        materialCode: m.materialCode,
        holderIndex: m.holderIndex,
        documentId: chosen!,
      });
    }
    await must('application.showAuthorisation', { source: 'ON_FILE' });
    expect((await must('application.check', {})).result).toBe('COMPLETE');
    // The catalogue cache passes each item's delivery options through to the search hits.
    const hits = await must('application.searchItems', { query: '烟花爆竹道路运输' });
    const hit = hits.hits.find((h) => h.implementCode === FIREWORKS_TRANSPORT_CODE);
    expect(hit?.delivery.map((o) => [o.kind, o.isDefault])).toEqual([
      ['E_LICENSE', true],
      ['PICK_UP', false],
    ]);
    // Where the result goes: the electronic permit by default; the applicant takes the
    // stamped copy at the hall instead, and POST (not offered for this item) is refused.
    expect((await must('application.delivery', {})).chosen.kind).toBe('E_LICENSE');
    const post = await rpc('application.setDelivery', { kind: 'POST' });
    expect(post.ok ? '' : post.error.code).toBe('E_APPLICATION_DELIVERY_NOT_OFFERED');
    expect((await must('application.setDelivery', { kind: 'PICK_UP' })).chosen.kind).toBe(
      'PICK_UP',
    );
    const submitted = await must('application.submit', {});
    expect(submitted.kind).toBe('forwarded');
    if (submitted.kind === 'incomplete') return;
    const db = openDb(sandbox.dataDir);
    const forwarded = db
      .prepare('SELECT request FROM applications WHERE tracking_number = ?')
      .get(submitted.kind === 'forwarded' ? submitted.trackingNumber : '') as { request: string };
    db.close();
    expect(JSON.parse(forwarded.request).delivery).toEqual({ kind: 'PICK_UP' });

    const printed = await must('receipt.print', {
      localReference: submitted.localReference,
      language: 'zh-CN',
    });
    expect(printed).toEqual({ printed: true, kind: 'final' });
    const state = await must('printer.simulatorState', {});
    expect(state.receipts.filter((r) => !r.interrupted)).toHaveLength(1);
    expect(state.receipts[0]!.lines.join('\n')).toMatch(/结果领取方式\s+窗口领取/);

    await must('printer.simulatorAction', { action: { kind: 'paper-runs-out', afterDots: 0 } });
    const failed = await must('receipt.print', {
      localReference: submitted.localReference,
      language: 'en',
    });
    expect(failed.printed).toBe(false);
    expect(failed.printed ? '' : failed.code).toBe('paper-end');
    await must('printer.simulatorAction', { action: { kind: 'load-paper' } });

    const unknown = await rpc('receipt.print', { localReference: 'KIOSK-NOPE', language: 'en' });
    expect(unknown.ok ? '' : unknown.error.code).toBe('E_RECEIPT_NOT_IN_SESSION');

    const rated = await must('journey.rate', {
      score: 5,
      ...(submitted.kind === 'forwarded' ? { trackingNumber: submitted.trackingNumber } : {}),
    });
    expect(rated.recorded).toBe(true);
  });

  it("posts a result to the enterprise's registered address on file, or to a typed one", async () => {
    await must('application.start', {
      implementCode: FIREWORKS_TRANSPORT_CODE.replace(
        'FW-ROAD-TRANSPORT-PERMIT',
        'BUSINESS-LICENSE-CHANGE',
      ),
    });
    const before = await must('application.delivery', {});
    expect(before.chosen.kind).toBe('E_LICENSE');
    // Nothing is looked up before consent: no address on file yet, so POST must be typed.
    expect(before.addressOnFile).toBe(false);
    const untyped = await rpc('application.setDelivery', { kind: 'POST' });
    expect(untyped.ok ? '' : untyped.error.code).toBe('E_APPLICATION_DELIVERY_ADDRESS_REQUIRED');

    await must('application.consent', {
      scope: ['documents-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    expect((await must('application.delivery', {})).addressOnFile).toBe(true);
    const posted = await must('application.setDelivery', { kind: 'POST' });
    expect(posted.chosen).toEqual({
      kind: 'POST',
      detail: expect.objectContaining({ 'zh-CN': expect.stringContaining('邮费由发证机关承担') }),
      address: consignor.address,
      addressSource: 'ON_FILE',
    });
    const typed = await must('application.setDelivery', {
      kind: 'POST',
      address: '萍乡市上栗县示例路8号',
    });
    expect(typed.chosen.addressSource).toBe('TYPED');
    const invalid = await rpc('application.setDelivery', { kind: 'POST', address: '8号' });
    expect(invalid.ok ? '' : invalid.error.code).toBe('E_APPLICATION_DELIVERY_ADDRESS_INVALID');
  });

  it('forgets the represented enterprises with the session', async () => {
    service.ctx.session.end('complete');
    service.ctx.session.identify({
      kind: 'person',
      source: 'id-card',
      documentType: 'resident',
      idNumber: agent.idNumber,
      name: agent.name,
    });
    const r = await rpc('journey.actFor', { index: 0 });
    expect(r.ok ? '' : r.error.code).toBe('E_JOURNEY_NO_SUCH_ENTERPRISE');
  });
});
