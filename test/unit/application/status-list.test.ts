/**
 * The status screen's "my applications": the outbox's keyed holder index (no identifier in
 * clear, forgotten at purge, backfilled for older rows) merged with the central API's search,
 * masked, newest first, and only this kiosk's applications when the API does not answer.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../drivers/common/result.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { StatusList } from '../../../electron/service/application/status-list.js';
import type { ApprovalClient, Schemas } from '../../../electron/service/approval/client.js';
import { EventBus } from '../../../electron/service/events.js';
import { staticKeyProvider } from '../../../electron/service/outbox/crypto.js';
import { OutboxStore, type OutboxEntryInput } from '../../../electron/service/outbox/store.js';
import { SessionManager } from '../../../electron/service/session/session.js';
import { openStore, type Db } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';

const me = syntheticPerson(11);
const someoneElse = syntheticPerson(12);
const firm = syntheticEnterprise(11);
const ITEM = { 'zh-CN': '从业资格证换发', en: 'Qualification renewal' };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'status-list-'));
  const logger = capturingLogger();
  const db: Db = openStore({ path: join(dir, 'kiosk.db'), migrations: MIGRATIONS, logger });
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const outbox = new OutboxStore(db, staticKeyProvider(randomBytes(32), 'test'));
  const session = new SessionManager(new EventBus(logger), logger);
  return { dir, db, outbox, session, logger };
}

function entry(
  applicant: Schemas['Applicant'],
  submittedAt: string,
  agent?: { idNumber: string; name: string },
): OutboxEntryInput {
  return {
    request: {
      itemImplementCode: '360322-DG-PRACTITIONER-QUALIFICATION',
      itemVersion: 1,
      channel: 'KIOSK',
      terminalId: 'HK-DEMO-0001',
      applicant,
      ...(agent ? { agent } : {}),
      formData: {},
      materials: [{ materialCode: 'APPLICANT_ID', source: 'FORM' }],
      completeness: { engineVersion: 'test', result: 'COMPLETE', deficiencies: [] },
    },
    files: [],
    receipt: {
      itemName: ITEM,
      itemCode: '360322-DG-PRACTITIONER-QUALIFICATION',
      itemVersion: 1,
      applicantNameMasked: '*',
      applicantCodeMasked: '*',
      submittedAt,
      promisedWorkingDays: 1,
      visitsToHall: 0,
    },
    audit: {
      terminalId: 'HK-DEMO-0001',
      sessionId: 's',
      consent: { at: submittedAt, scope: [], textVersion: 'v1' },
      completeness: { engineVersion: 'test', result: 'COMPLETE', deficiencyCodes: [] },
      materials: [],
    },
  };
}

function summary(trackingNumber: string, status: string, submittedAt: string) {
  return {
    applicationId: `app-${trackingNumber}`,
    trackingNumber,
    itemImplementCode: '360322-DG-PRACTITIONER-QUALIFICATION',
    itemVersion: 1,
    itemName: ITEM,
    status,
    submittedAt,
    formData: {},
    materials: [],
  } as Schemas['ApplicationSummary'];
}

const person = (p: { idNumber: string; name: string }): Schemas['Applicant'] => ({
  type: 'PERSON',
  code: p.idNumber,
  name: p.name,
});

function identify(session: SessionManager, p: { idNumber: string; name: string }): void {
  session.identify({
    kind: 'person',
    source: 'id-card',
    documentType: 'resident',
    idNumber: p.idNumber,
    name: p.name,
  });
}

describe('StatusList.mine', () => {
  it('lists own and agent applications from the outbox and the central API, newest first', async () => {
    const t = setup();
    const queued = t.outbox.enqueue(entry(person(me), '2026-03-03T09:00:00.000Z'));
    const asAgent = t.outbox.enqueue(
      entry(
        { type: 'ENTERPRISE', code: firm.creditCode, name: firm.name },
        '2026-03-01T09:00:00.000Z',
        me,
      ),
    );
    t.outbox.recordForwarded(
      asAgent.localReference,
      {
        applicationId: 'app-SL-2026-000101',
        trackingNumber: 'SL-2026-000101',
        status: 'SUBMITTED',
      },
      3_600_000,
    );
    t.outbox.enqueue(entry(person(someoneElse), '2026-03-04T09:00:00.000Z'));

    const asked: unknown[] = [];
    const client: Pick<ApprovalClient, 'searchApplications'> = {
      searchApplications: async (body) => {
        asked.push(body);
        return ok({
          applications: [
            summary('SL-2026-000101', 'IN_REVIEW', '2026-03-01T09:00:01.000Z'),
            summary('SL-2025-000007', 'ISSUED', '2025-11-20T02:00:00.000Z'),
          ],
        });
      },
    };
    identify(t.session, me);
    const list = new StatusList({ ...t, client, logger: t.logger });
    const r = await list.mine();
    expect(r.ok).toBe(true);
    if (!r.ok) return;

    expect(asked).toEqual([{ applicant: { type: 'PERSON', code: me.idNumber }, limit: 50 }]);
    expect(r.value.central).toBe('ok');
    expect(r.value.applications).toEqual([
      {
        reference: queued.localReference,
        localReference: queued.localReference,
        trackingNumber: null,
        itemName: ITEM,
        state: 'queued',
        status: null,
        submittedAt: '2026-03-03T09:00:00.000Z',
        source: 'kiosk',
      },
      {
        reference: 'SL-2026-000101',
        localReference: asAgent.localReference,
        trackingNumber: 'SL-2026-000101',
        itemName: ITEM,
        state: 'forwarded',
        // The central API's status replaces the one seen at forwarding.
        status: 'IN_REVIEW',
        submittedAt: '2026-03-01T09:00:00.000Z',
        source: 'kiosk',
      },
      {
        reference: 'SL-2025-000007',
        localReference: null,
        trackingNumber: 'SL-2025-000007',
        itemName: ITEM,
        state: 'forwarded',
        status: 'ISSUED',
        submittedAt: '2025-11-20T02:00:00.000Z',
        source: 'central',
      },
    ]);
    // Nothing personal in the list or the log.
    const text = JSON.stringify(r.value) + JSON.stringify(t.logger.lines);
    expect(text).not.toContain(me.idNumber);
    expect(text).not.toContain(me.name);
  });

  it('lists only what this kiosk holds when the central API does not answer', async () => {
    const t = setup();
    t.outbox.enqueue(entry(person(me), '2026-03-03T09:00:00.000Z'));
    const client: Pick<ApprovalClient, 'searchApplications'> = {
      searchApplications: async () =>
        err({ kind: 'network', message: 'ECONNREFUSED', attempts: 3, maybeProcessed: false }),
    };
    identify(t.session, me);
    const r = await new StatusList({ ...t, client }).mine();
    expect(r.ok && r.value.central).toBe('unavailable');
    expect(r.ok && r.value.applications.map((a) => a.state)).toEqual(['queued']);
  });

  it('needs an identified person', async () => {
    const t = setup();
    const r = await new StatusList({ ...t, client: undefined }).mine();
    expect(r.ok || r.error.code).toBe('no-applicant');
  });

  it('keeps holders only as keyed digests, and forgets them at purge', async () => {
    const t = setup();
    const forwarded = t.outbox.enqueue(entry(person(me), '2026-03-03T09:00:00.000Z'), 1000);
    t.outbox.recordForwarded(
      forwarded.localReference,
      { applicationId: 'a1', trackingNumber: 'SL-2026-000102', status: 'SUBMITTED' },
      10,
      1000,
    );
    const digests = t.db.prepare('SELECT digest FROM outbox_holders').all() as {
      digest: string;
    }[];
    expect(digests).toHaveLength(1);
    expect(digests[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(t.dir, 'kiosk.db')).includes(Buffer.from(me.idNumber))).toBe(false);

    expect(t.outbox.purgeDue(2000)).toBe(1);
    expect(t.outbox.rowsOfHolder(me.idNumber)).toEqual([]);
  });

  it('indexes rows queued before the holder index existed, once', async () => {
    const t = setup();
    t.outbox.enqueue(entry(person(me), '2026-03-03T09:00:00.000Z'));
    t.db.prepare('DELETE FROM outbox_holders').run();
    expect(t.outbox.rowsOfHolder(me.idNumber)).toEqual([]);
    identify(t.session, me);
    const r = await new StatusList({ ...t, client: undefined, logger: t.logger }).mine();
    expect(r.ok && r.value.applications).toHaveLength(1);
    expect(t.logger.lines.some((l) => l.fields['event'] === 'outbox.holders-indexed')).toBe(true);
  });
});
