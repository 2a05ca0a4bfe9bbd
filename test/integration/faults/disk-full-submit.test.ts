/**
 * The data disk fills up while an applicant is about to submit, seen through the contract: the
 * kiosk service's data folder is a small tmpfs mounted for the test, the repeat shipper's
 * fireworks application is made complete through the RPC dispatcher (documents on file, no
 * scan), a filler file takes the rest of the space, and `application.submit` answers
 * E_APPLICATION_NOT_SAVED (the renderer shows it as the `applicationNotSaved` fault: call
 * staff, the answers are kept; test/unit/renderer/faults-i18n.test.ts). The draft stays whole
 * in the session, nothing half-written is in the outbox, and once the space is freed the same
 * submit goes through.
 *
 * Needs `mount -t tmpfs` (root, as in CI). Where mounting is not permitted the test is skipped
 * and says so.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { MethodName, ParamsOf, ValueOf } from '../../../electron/contract/index.js';
import { parseConfig } from '../../../electron/service/config/load.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { callInProcess } from '../../../electron/service/rpc/dispatcher.js';
import { createKioskService, type KioskService } from '../../../electron/service/service.js';
import { addCalendarDays, WorkingCalendar } from '../../../sandbox/calendar.js';
import { enterprise, PEOPLE, ROLES } from '../../../sandbox/seed/cast.js';
import { FIREWORKS_TRANSPORT_CODE } from '../../../sandbox/seed/items.js';
import { demoConfig } from '../../support/service.js';
import { DEMO_TERMINAL, startTestSandbox, type TestSandbox } from '../approval/support.js';

/** Room for the kiosk's database with a small catalogue, and little else. */
const TMPFS_SIZE = '16m';
const FILLER_CHUNK_BYTES = 64 * 1024;

let mountPoint = '';
let mounted = false;
let skipReason = '';
let sandbox: TestSandbox | undefined;
let service: KioskService | undefined;
const logger = capturingLogger();
const connection = newConnection('in-process');

const call = <M extends MethodName>(method: M, params: ParamsOf<M>) =>
  callInProcess(service!.dispatcher, connection, method, params);

async function must<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ValueOf<M>> {
  const r = await call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A date `days` after today in the province's calendar (the central API's dates). */
const tripDay = (days: number) =>
  addCalendarDays(new WorkingCalendar().localDate(new Date()), days);

/** Writes a filler file until the file system refuses it (ENOSPC); returns its path. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler.bin');
  const fd = openSync(path, 'w');
  try {
    for (const size of [FILLER_CHUNK_BYTES, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0xa5);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

beforeAll(async () => {
  mountPoint = mkdtempSync(join(tmpdir(), 'kiosk-diskfull-submit-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
    mounted = true;
  } catch (e) {
    skipReason = `mount -t tmpfs is not permitted here (${String((e as { stderr?: Buffer }).stderr ?? e).trim()}); run as root to test a full data disk`;
    process.stderr.write(`disk-full submit test skipped: ${skipReason}\n`);
    return;
  }
  sandbox = await startTestSandbox({ generatedItems: 10 });
  // The demo terminal of the sandbox, its key from the repository's demo key file.
  const approvalApi = {
    baseUrl: 'embedded',
    keyId: DEMO_TERMINAL.keyId,
    keyFile: resolve('kiosk-config/demo-terminal.key'),
  };
  const terminal = { id: DEMO_TERMINAL.id, hall: { 'zh-CN': '满盘大厅', en: 'Full disk hall' } };
  const loaded = parseConfig(
    demoConfig({ terminal, approvalApi, applications: { hallRegion: '360322' } }),
  );
  service = createKioskService({
    loaded,
    dataDir: join(mountPoint, 'data'),
    logger,
    approvalBaseUrl: sandbox.sandbox.url,
  });
  await service.start();
  await service.ctx.applications.catalogue.refreshSummaries();
}, 60_000);

afterAll(async () => {
  await service?.shutdown('test done');
  await sandbox?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
  if (mountPoint) (mounted ? rmdirSync : (p: string) => rmSync(p, { recursive: true }))(mountPoint);
});

describe('fault: the data disk is full when the applicant submits', () => {
  it('answers E_APPLICATION_NOT_SAVED, keeps the draft whole, and submits once space is freed', async (ctx) => {
    if (!mounted) return ctx.skip(skipReason);
    const svc = service!;
    const agent = syntheticPerson(PEOPLE.agent);
    const consignor = enterprise(ROLES.consignor);
    svc.ctx.session.identify({
      kind: 'agent',
      source: 'id-card',
      documentType: 'resident',
      idNumber: agent.idNumber,
      name: agent.name,
      enterprise: { creditCode: consignor.creditCode, name: consignor.name },
    });

    // A repeat shipment: last time's answers, this trip's dates and goods, the documents on file.
    await must('application.start', { implementCode: FIREWORKS_TRANSPORT_CODE });
    await must('application.consent', {
      scope: ['documents-on-file', 'authorisation-on-file'],
      textVersion: 'consent-documents-on-file/1',
    });
    await must('application.prefill', {});
    await must('application.setForm', {
      values: {
        'trip.startDate': tripDay(2),
        'trip.endDate': tripDay(3),
        goods: [{ category: 'C级组合烟花', specification: '36发', quantity: 80, unit: '箱' }],
      },
    });
    await must('application.previewSuggested', {});
    await must('application.useSuggested', {});
    await must('application.showAuthorisation', { source: 'ON_FILE' });
    const complete = await must('application.check', {});
    expect(complete.deficiencies).toEqual([]);
    expect(complete.result).toBe('COMPLETE');
    const formBefore = await must('application.form', {});
    const planBefore = await must('application.plan', {});
    const outbox = svc.ctx.applications.outbox;
    const counts = () => {
      const { pending, forwardedToday, refused, holdingPersonalData } = outbox.stats();
      return { pending, forwardedToday, refused, holdingPersonalData };
    };
    const queuedBefore = counts();

    // Empty the write-ahead log to zero bytes first (as a restart or a TRUNCATE checkpoint
    // leaves it): with slack left in an old WAL file a small application could still be saved
    // on a full disk; this way the outbox write needs new blocks, like a big one would.
    svc.ctx.store.pragma('wal_checkpoint(TRUNCATE)');
    const filler = fillDisk(mountPoint);

    const refused = await call('application.submit', {});
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'E_APPLICATION_NOT_SAVED',
        message: expect.stringMatching(/could not be saved.*call staff/),
      },
    });
    expect(
      logger.lines.some(
        (l) =>
          l.fields['event'] === 'application.not-saved' && /full/.test(String(l.fields['error'])),
      ),
    ).toBe(true);

    // The draft is whole in the session; nothing half-written went to the outbox.
    expect(await must('application.form', {})).toEqual(formBefore);
    expect(await must('application.plan', {})).toEqual(planBefore);
    expect((await must('application.check', {})).result).toBe('COMPLETE');
    expect(counts()).toEqual(queuedBefore);
    expect(svc.ctx.store.pragma('integrity_check', { simple: true })).toBe('ok');
    // Asking again while the disk is still full gives the same clear answer.
    expect(await call('application.submit', {})).toMatchObject({
      ok: false,
      error: { code: 'E_APPLICATION_NOT_SAVED' },
    });

    // Staff free space; the applicant taps "Try again": saved and forwarded, once.
    unlinkSync(filler);
    const submitted = await must('application.submit', {});
    expect(submitted.kind).toBe('forwarded');
    expect(await must('application.submit', {})).toEqual(submitted);
    expect(counts().forwardedToday).toBe(queuedBefore.forwardedToday + 1);
    expect(svc.ctx.store.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
