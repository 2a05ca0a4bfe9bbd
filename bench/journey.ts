/**
 * The applicant's journey on the touchscreen, measured in Chromium through the browser host
 * with the simulators and the embedded sandbox API:
 *
 *   npm run bench -- journey        or        npx tsx bench/journey.ts
 *
 * - initial renderer JavaScript, gzip: the entry chunk and the chunks it imports statically,
 *   from a fresh `vite build` into a private folder (lazy chunks such as the on-screen keyboard
 *   and the dev dock are not initial);
 * - time from starting the host to the attract screen painted and connected (Chromium is
 *   launched first, so its own start-up is not counted), and a reload of the kiosk page to the
 *   attract screen painted and connected against a bare page load (a one-line HTML page from
 *   a plain loopback HTTP server, to its first frame) in the same browser;
 * - taps and typed characters of journeys (1) and (2), walked on the screens by
 *   test/e2e/support/walk.ts (a tap = one click on a button or key; placing the ID card on the
 *   reader and paper in the feeder are not taps on the screen);
 * - p95 of tap-to-next-screen-painted: in the page, from the click to the frame after the app's
 *   `data-step` changed (two animation frames), over every screen-changing tap of journey (1)
 *   walked BENCH_ROUNDS times (default 5) and journey (2) once. Taps that wait for the service
 *   (opening the application, using the documents on file) are counted: the applicant waits.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../test/e2e/support/browser.js';
import { ROOT, startHostProcess } from '../test/e2e/support/host.js';
import { walkFirstJourney, walkRepeatJourney, Walker } from '../test/e2e/support/walk.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchReport } from './report.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const INITIAL_JS_GOAL_KB = 250;
const TRANSITION_P95_GOAL_MS = 100;
const JOURNEY_1_TAPS_GOAL = 10;
const FIREWORKS = '360322-FW-ROAD-TRANSPORT-PERMIT';

/** Builds the renderer into a private folder; gzip size of the JS the page loads first. */
async function initialJsGzipBytes(): Promise<{ bytes: number; files: string[] }> {
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-bench-'));
  try {
    const { build } = await import('vite');
    await build({
      configFile: join(ROOT, 'renderer', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g),
    ].map((m) => m[1]!);
    let bytes = 0;
    for (const file of initial) bytes += gzipSync(readFileSync(join(outDir, file))).length;
    const all = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    return { bytes, files: [...initial, `(${all.length - initial.length} lazy chunks)`] };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Median ms from navigating to a one-line page on a plain loopback server to its first frame. */
async function barePageLoadMs(page: Page, rounds: number): Promise<number> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>bare</title><h1>bare</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(url);
      await page.evaluate(
        () =>
          new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
      );
      times.push(performance.now() - started);
    }
    return percentile(times, 50);
  } finally {
    server.close();
  }
}

/** Median ms from navigating to the kiosk page to the attract screen painted and connected. */
async function kioskPageLoadMs(page: Page, url: string, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(url);
    await attractReady(page);
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

async function attractReady(page: Page): Promise<void> {
  await page.getByTestId('attract').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="connection-state"]'));
  await page.locator('h1').filter({ hasText: /\S/ }).waitFor();
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function run(): Promise<BenchReport> {
  const js = await initialJsGzipBytes();

  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'kiosk-bench-chromium-')),
    {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('about:blank');

  const hostStarted = performance.now();
  const host = await startHostProcess();
  try {
    await page.goto(host.url);
    await attractReady(page);
    const toAttractMs = performance.now() - hostStarted;
    const bareMs = await barePageLoadMs(page, 5);
    const reloadMs = await kioskPageLoadMs(page, host.url, 5);

    // Journey (1) repeated (every round a full visit; the first rounds warm up), then journey
    // (2) once: after it the shipper is no longer applying for the first time.
    const repeat: Walker[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const w = new Walker(page);
      await walkRepeatJourney(w);
      repeat.push(w);
    }
    const first = new Walker(page);
    await walkFirstJourney(first);
    const journey1 = repeat.at(-1)!;
    const transitions = [...repeat, first].flatMap((w) => w.tapped.map((t) => t.ms));
    const byTap = new Map<string, number[]>();
    for (const t of [...repeat, first].flatMap((w) => w.tapped)) {
      const id = t.testId.replace(FIREWORKS, 'item').replace(/^fix-\d+$/, 'fix');
      byTap.set(id, [...(byTap.get(id) ?? []), t.ms]);
    }
    const taps = journey1.taps;
    const typed = 0;
    const tripCharacters = journey1.typed;

    const p95 = percentile(transitions, 95);
    return {
      title: 'Applicant journey (Chromium, browser host, simulators, sandbox API)',
      figures: [
        {
          name: 'initial renderer JavaScript (gzip)',
          value: js.bytes / 1024,
          unit: 'KB',
          goal: `< ${INITIAL_JS_GOAL_KB} KB`,
          met: js.bytes / 1024 < INITIAL_JS_GOAL_KB,
        },
        {
          name: 'host start to attract screen painted and connected',
          value: toAttractMs,
          unit: 'ms',
        },
        {
          name: `tap to next screen painted, p95 of ${transitions.length} taps`,
          value: p95,
          unit: 'ms',
          goal: `< ${TRANSITION_P95_GOAL_MS} ms`,
          met: p95 < TRANSITION_P95_GOAL_MS,
        },
        {
          name: 'kiosk page load to attract screen painted and connected, median of 5',
          value: reloadMs,
          unit: 'ms',
          reference: {
            name: 'bare page load to first frame, median of 5',
            value: bareMs,
            unit: 'ms',
          },
        },
        {
          name: 'tap to next screen painted, median',
          value: percentile(transitions, 50),
          unit: 'ms',
        },
        {
          name: 'journey (1) taps, attract to finished (agent, recommended item, everything on file)',
          value: taps,
          unit: 'taps',
          goal: `<= ${JOURNEY_1_TAPS_GOAL} taps`,
          met: taps <= JOURNEY_1_TAPS_GOAL,
        },
        {
          name: 'journey (1) typed characters beyond the trip details',
          value: typed,
          unit: 'characters',
          goal: '0',
          met: typed === 0,
        },
        {
          name: 'journey (1) trip details typed (dates and goods)',
          value: tripCharacters,
          unit: 'characters',
        },
        {
          name: 'journey (2) taps, attract to finished (first application: search, 3 scans, a deficiency and its fix)',
          value: first.taps,
          unit: 'taps',
        },
        {
          name: 'journey (2) characters typed (the whole trip: carrier, driver, escort, vehicle, route, goods)',
          value: first.typed,
          unit: 'characters',
        },
      ],
      notes: [
        `initial chunks: ${js.files.join(', ')}`,
        'Journey (1) is walked to the end: act for the consignor, the recommended item, "I agree, start" on its guide (consent, the last application\'s answers filled in, the authorisation on file), one tap to use the documents used last time (previewed together on the materials screen), the new trip on the form, submit, and a rating on the receipt screen that ends the visit. The trip details (dates and goods) are filled into the inputs directly and counted as typed characters; on the on-screen keyboard a Chinese character costs its pinyin letters plus a candidate tap.',
        `median tap to next screen painted, by tap: ${[...byTap]
          .map(([id, ms]) => `${id.replace(FIREWORKS, 'item')} ${percentile(ms, 50).toFixed(0)} ms`)
          .join(', ')}`,
        "Journey (2) walks a first application for a shipper with only its production license on file: the item found by pinyin initials on the on-screen keyboard (4 key taps), the purchase contract and quality certificates scanned, the whole trip typed for a display, the deficiency list (the display permit, the carrier's licenses), its fix (the carrier's licenses proposed once the form named the carrier, the display permit scanned), submission and a rating. Every form field is filled into its input directly; on the on-screen keyboard a Chinese character costs its pinyin letters plus a candidate tap.",
        'Placing the ID card and paper in the feeder are done through the simulators and are not counted as taps.',
      ],
    };
  } finally {
    await context.close();
    await host.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
