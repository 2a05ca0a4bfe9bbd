/**
 * The approval API round trip on one machine: seeding a province-scale sandbox (5,000
 * generated items), then, through the signed client over loopback HTTP, catalogue search, an
 * item record fetch and its conditional (304) refetch, and submitting an application with an
 * Idempotency-Key. The reference for the client's own cost is the HMAC signature alone.
 *
 *   npm run bench -- approval        or        npx tsx bench/approval.ts
 *
 * Runs per figure: BENCH_RUNS (default 200; 20 warm-up runs first). Reports medians and p90.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  EMPTY_BODY_SHA256,
  computeSignature,
  parseTerminalKeyHex,
} from '../drivers/common/request-signature.js';
import { ApprovalClient } from '../electron/service/approval/client.js';
import { WorkingCalendar, addCalendarDays } from '../sandbox/calendar.js';
import { openDb } from '../sandbox/db.js';
import { fireworksRequest, seededCast } from '../sandbox/seed/index.js';
import { startSandbox } from '../sandbox/server.js';
import type { BenchFigure, BenchReport } from './report.js';

const WARM_UP_RUNS = 20;
const DEMO_KEY = '0bea1a5a586d65fdc41585afa4d6a022e47f4ce15af022c68243ea5d5ab38458';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measure(
  runs: number,
  fn: () => Promise<unknown> | unknown,
): Promise<{ p50: number; p90: number }> {
  for (let i = 0; i < WARM_UP_RUNS; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p90: quantile(times, 0.9) };
}

export async function run(): Promise<BenchReport> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 200);
  const dataDir = mkdtempSync(join(tmpdir(), 'hk-bench-approval-'));
  const seedStart = performance.now();
  const sandbox = await startSandbox({ dataDir, generatedItems: 5000 });
  const seedMs = performance.now() - seedStart;
  try {
    const key = parseTerminalKeyHex(DEMO_KEY);
    const client = new ApprovalClient({
      baseUrl: sandbox.url,
      terminalId: 'HK-DEMO-0001',
      keyId: 'demo-key-1',
      key,
      timeoutMs: 10_000,
    });
    const expectOk = (r: { ok: boolean }) => {
      if (!r.ok) throw new Error('bench call failed');
    };

    const search = await measure(runs, async () =>
      expectOk(await client.listItems({ q: '许可', pageSize: 50 })),
    );
    const item = await measure(runs, async () =>
      expectOk(await client.getItem('360322-FW-ROAD-TRANSPORT-PERMIT')),
    );
    const first = await client.getItem('360322-FW-ROAD-TRANSPORT-PERMIT');
    const etag = first.ok ? first.value.etag : '';
    const cached = await measure(runs, async () =>
      expectOk(await client.getItem('360322-FW-ROAD-TRANSPORT-PERMIT', etag)),
    );

    const db = openDb(dataDir);
    const cast = seededCast(db);
    db.close();
    const today = new WorkingCalendar().localDate(new Date());
    const body = fireworksRequest(cast, {
      startDate: addCalendarDays(today, 5),
      endDate: addCalendarDays(today, 6),
    });
    const submit = await measure(runs, async () =>
      expectOk(await client.createApplication(randomUUID(), body as never)),
    );

    const sign = await measure(runs * 10, () =>
      computeSignature(key, {
        method: 'GET',
        pathWithQuery: '/v1/items?q=x',
        timestampMs: Date.now(),
        nonce: 'abcdefghijklmnopqrstuv',
        contentSha256: EMPTY_BODY_SHA256,
      }),
    );

    const figures: BenchFigure[] = [
      {
        name: 'first start: seed 5,000 generated + hand-written items, cast, history',
        value: seedMs,
        unit: 'ms',
      },
      {
        name: 'catalogue search over 5,000+ items, median',
        value: search.p50,
        unit: 'ms',
        goal: '< 200 ms (ours)',
        met: search.p90 < 200,
      },
      { name: 'catalogue search, p90', value: search.p90, unit: 'ms' },
      { name: 'item record fetch, median', value: item.p50, unit: 'ms' },
      {
        name: 'item record conditional refetch (304), median',
        value: cached.p50,
        unit: 'ms',
        reference: { name: 'full fetch', value: item.p50, unit: 'ms' },
      },
      {
        name: 'submit application (signed, Idempotency-Key), median',
        value: submit.p50,
        unit: 'ms',
      },
      { name: 'submit application, p90', value: submit.p90, unit: 'ms' },
      {
        name: 'HMAC request signature alone, median',
        value: sign.p50 * 1000,
        unit: 'µs',
        reference: { name: 'submit median', value: submit.p50 * 1000, unit: 'µs' },
      },
    ];
    return {
      title: 'Approval API (sandbox over loopback, signed client)',
      figures,
      notes: [
        `${runs} runs per figure after ${WARM_UP_RUNS} warm-up runs; one sandbox, one client, loopback HTTP.`,
      ],
    };
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
