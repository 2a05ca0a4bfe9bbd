/**
 * `npm run soak`: N scripted journeys (test/e2e/soak/journeys.ts) through the browser host in
 * Chromium, sampling the host's resident memory (the service runs in the host process, with the
 * embedded sandbox) and the renderer's JS heap after each journey, and reporting the growth
 * after warm-up. Goal: growth under 5 % over 300 journeys.
 *
 *   npm run soak                         20 journeys (a quick check; growth is only indicative)
 *   SOAK_JOURNEYS=300 npm run soak       the full soak
 *
 * The renderer's heap is read after a forced collection through CDP (`HeapProfiler.collectGarbage`,
 * then `Runtime.getHeapUsage`). The host's RSS (/proc) cannot be collected from outside, so it
 * is smoothed instead: growth compares the median of the last fifth of the samples after warm-up
 * with the median of the first fifth after warm-up. Exit code 1 when a soak of at least
 * MIN_JOURNEYS_FOR_VERDICT journeys misses the goal, or when a journey fails.
 */
import { readFileSync } from 'node:fs';
import { openKiosk } from '../support/browser.js';
import { startHostProcess } from '../support/host.js';
import { pageRpc, SOAK_JOURNEY } from './journeys.js';

const DEFAULT_JOURNEYS = 20;
/** Journeys before the baseline: JIT, caches and pools settle in the first ones. */
const WARM_UP_SHARE = 0.1;
const MIN_WARM_UP = 3;
/** Growth goal after warm-up, percent. */
const GOAL_GROWTH_PERCENT = 5;
/** Shorter soaks are too noisy to pass or fail on the goal. */
const MIN_JOURNEYS_FOR_VERDICT = 100;

interface Sample {
  readonly journey: number;
  readonly hostRssBytes: number;
  readonly rendererHeapBytes: number;
  readonly journeyMs: number;
}

function journeysFromEnv(): number {
  const n = Number(process.env['SOAK_JOURNEYS'] ?? DEFAULT_JOURNEYS);
  if (!Number.isInteger(n) || n < 5) {
    process.stderr.write(
      `SOAK_JOURNEYS must be an integer of at least 5; got ${process.env['SOAK_JOURNEYS']}\n`,
    );
    process.exit(2);
  }
  return n;
}

/** Resident set size of a process, bytes (Linux /proc). */
function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Growth {
  readonly baseline: number;
  readonly final: number;
  readonly percent: number;
}

/** Median of the last fifth against the median of the first fifth of the post-warm-up samples. */
export function growth(values: readonly number[]): Growth {
  const fifth = Math.max(1, Math.floor(values.length / 5));
  const baseline = median(values.slice(0, fifth));
  const final = median(values.slice(-fifth));
  return { baseline, final, percent: ((final - baseline) / baseline) * 100 };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main(): Promise<number> {
  const journeys = journeysFromEnv();
  const warmUp = Math.max(MIN_WARM_UP, Math.ceil(journeys * WARM_UP_SHARE));
  const host = await startHostProcess();
  const browser = await openKiosk(host.url);
  const { page } = browser;
  const cdp = await page.context().newCDPSession(page);
  const samples: Sample[] = [];
  let failure: Error | undefined;
  try {
    await page.getByTestId('attract').waitFor({ timeout: 60_000 });
    for (let journey = 0; journey < journeys; journey++) {
      const started = performance.now();
      const ctx = { page, journey, rpc: (m: string, p: unknown) => pageRpc(page, m, p) };
      for (const step of SOAK_JOURNEY) {
        try {
          await step.run(ctx);
        } catch (e) {
          throw new Error(`journey ${journey + 1}, step "${step.name}": ${(e as Error).message}`, {
            cause: e,
          });
        }
      }
      const journeyMs = performance.now() - started;
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      samples.push({
        journey: journey + 1,
        hostRssBytes: rssBytes(host.child.pid!),
        rendererHeapBytes: heap.usedSize,
        journeyMs,
      });
      if ((journey + 1) % 10 === 0 || journey + 1 === journeys) {
        const s = samples.at(-1)!;
        process.stderr.write(
          `soak: ${journey + 1}/${journeys} journeys, host RSS ${mib(s.hostRssBytes)}, renderer heap ${mib(s.rendererHeapBytes)}\n`,
        );
      }
    }
  } catch (e) {
    failure = e as Error;
  } finally {
    await browser.close();
    await host.stop();
  }

  const measured = samples.slice(warmUp);
  const verdictApplies = journeys >= MIN_JOURNEYS_FOR_VERDICT;
  const report = {
    journeys,
    completed: samples.length,
    warmUp,
    steps: SOAK_JOURNEY.map((s) => s.name),
    goal: `growth after warm-up < ${GOAL_GROWTH_PERCENT} %`,
    hostRss: measured.length ? growth(measured.map((s) => s.hostRssBytes)) : undefined,
    rendererHeap: measured.length ? growth(measured.map((s) => s.rendererHeapBytes)) : undefined,
    medianJourneyMs: measured.length ? median(measured.map((s) => s.journeyMs)) : undefined,
    verdict: verdictApplies
      ? 'applies'
      : `indicative only (fewer than ${MIN_JOURNEYS_FOR_VERDICT} journeys)`,
    failure: failure?.message,
    samples,
  };
  const met =
    report.hostRss !== undefined &&
    report.rendererHeap !== undefined &&
    report.hostRss.percent < GOAL_GROWTH_PERCENT &&
    report.rendererHeap.percent < GOAL_GROWTH_PERCENT;
  process.stdout.write(`${JSON.stringify({ ...report, met }, null, 2)}\n`);
  if (report.hostRss && report.rendererHeap) {
    process.stderr.write(
      `soak: host RSS ${mib(report.hostRss.baseline)} -> ${mib(report.hostRss.final)} (${report.hostRss.percent.toFixed(1)} %), ` +
        `renderer heap ${mib(report.rendererHeap.baseline)} -> ${mib(report.rendererHeap.final)} (${report.rendererHeap.percent.toFixed(1)} %); ` +
        `goal < ${GOAL_GROWTH_PERCENT} %: ${met ? 'met' : 'missed'} (${report.verdict})\n`,
    );
  }
  if (failure) {
    process.stderr.write(`soak failed: ${failure.message}\n`);
    return 1;
  }
  return verdictApplies && !met ? 1 : 0;
}

process.exit(await main());
