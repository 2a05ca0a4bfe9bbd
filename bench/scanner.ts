/**
 * Page pipeline cost: time per page and bytes per page at 200 and 300 dpi, from the raw page a
 * scanner delivers (RGB JPEG q92, as an eSCL device sends in colour mode) to the kiosk's grey
 * mozjpeg page, plus PDF assembly per page.
 *
 *   npm run bench -- scanner        or        npx tsx bench/scanner.ts
 *
 * Inputs are the simulator's synthetic documents (contract pages, quality certificate, business
 * license), each clean and with sensor-like noise added (uniform ±NOISE_LEVEL grey levels per
 * pixel): clean renders compress far better than real scans, noisy ones are closer to them.
 * Reference: the rule of thumb of the scanning notes, grey 200 dpi mozjpeg q75 ≈ 0.4-0.5 MB per
 * A4 page. Runs per page: BENCH_RUNS (default 3); the median time is reported.
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { seededRandom } from '../drivers/common/synthetic.js';
import { renderSheet, type SyntheticSheet } from '../drivers/scanner/documents.js';
import {
  assemblePdf,
  DEFAULT_PIPELINE_SETTINGS,
  processPage,
  type ScannedPage,
} from '../drivers/scanner/pipeline.js';
import type { RawPage } from '../drivers/scanner/types.js';
import type { BenchFigure, BenchReport } from './report.js';

const SHEETS: readonly SyntheticSheet[] = [
  { kind: 'purchase-contract', page: 1, seed: 1 },
  { kind: 'purchase-contract', page: 2, seed: 1 },
  { kind: 'purchase-contract', page: 3, seed: 1 },
  { kind: 'quality-certificate', page: 1, seed: 2 },
  { kind: 'business-license', page: 1, seed: 3 },
];
const RESOLUTIONS = [200, 300] as const;
/** Peak noise added to the noisy inputs, grey levels (a CIS sensor shows a few levels). */
const NOISE_LEVEL = 8;
/** The reference's upper figure for a grey 200 dpi A4 page, bytes. */
const REFERENCE_BYTES_200DPI = 500_000;

async function rawPage(sheet: SyntheticSheet, dpi: number, noisy: boolean): Promise<RawPage> {
  const raw = await renderSheet(sheet, dpi, true);
  if (noisy) {
    const rand = seededRandom(dpi + sheet.page);
    for (let i = 0; i < raw.data.length; i += raw.channels) {
      const delta = Math.round((rand() * 2 - 1) * NOISE_LEVEL);
      for (let c = 0; c < raw.channels; c++) {
        raw.data[i + c] = Math.max(0, Math.min(255, raw.data[i + c]! + delta));
      }
    }
  }
  const image = await sharp(raw.data, {
    raw: { width: raw.width, height: raw.height, channels: raw.channels },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
  return { index: 1, image, mediaType: 'image/jpeg', resolutionDpi: dpi };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ScannerCase {
  readonly resolutionDpi: number;
  readonly input: 'clean' | 'noisy';
  readonly pages: number;
  readonly medianMsPerPage: number;
  /** CPU time of all threads (libvips uses several); steadier than wall time on a busy machine. */
  readonly medianCpuMsPerPage: number;
  readonly medianBytesPerPage: number;
  readonly maxBytesPerPage: number;
  readonly pdfMsPerPage: number;
  readonly pdfOverheadBytesPerPage: number;
}

export async function measure(
  runs = Number(process.env['BENCH_RUNS'] ?? 3),
): Promise<ScannerCase[]> {
  const cases: ScannerCase[] = [];
  for (const dpi of RESOLUTIONS) {
    for (const input of ['clean', 'noisy'] as const) {
      const settings = { ...DEFAULT_PIPELINE_SETTINGS, resolutionDpi: dpi };
      const times: number[] = [];
      const cpuTimes: number[] = [];
      const pages: ScannedPage[] = [];
      for (const sheet of SHEETS) {
        const raw = await rawPage(sheet, dpi, input === 'noisy');
        const perRun: number[] = [];
        const cpuPerRun: number[] = [];
        let page: ScannedPage | undefined;
        for (let r = 0; r < runs; r++) {
          const started = performance.now();
          const cpuStarted = process.cpuUsage();
          const result = await processPage(raw, settings, { dropBlank: true });
          perRun.push(performance.now() - started);
          const cpu = process.cpuUsage(cpuStarted);
          cpuPerRun.push((cpu.user + cpu.system) / 1000);
          if (!result.ok || !result.value) throw new Error(`${sheet.kind} p${sheet.page}: no page`);
          page = result.value;
        }
        times.push(median(perRun));
        cpuTimes.push(median(cpuPerRun));
        pages.push(page!);
      }
      const pdfStarted = performance.now();
      const pdf = await assemblePdf(pages, 'bench');
      const pdfMs = performance.now() - pdfStarted;
      const bytes = pages.map((p) => p.bytes);
      cases.push({
        resolutionDpi: dpi,
        input,
        pages: pages.length,
        medianMsPerPage: median(times),
        medianCpuMsPerPage: median(cpuTimes),
        medianBytesPerPage: median(bytes),
        maxBytesPerPage: Math.max(...bytes),
        pdfMsPerPage: pdfMs / pages.length,
        pdfOverheadBytesPerPage: (pdf.bytes - bytes.reduce((a, b) => a + b, 0)) / pages.length,
      });
    }
  }
  return cases;
}

export async function run(): Promise<BenchReport> {
  const cases = await measure();
  const figures: BenchFigure[] = [];
  for (const c of cases) {
    const label = `${c.resolutionDpi} dpi, ${c.input} A4`;
    figures.push({
      name: `pipeline time per page, ${label}`,
      value: c.medianMsPerPage,
      unit: 'ms',
    });
    figures.push({
      name: `pipeline CPU time per page, ${label}`,
      value: c.medianCpuMsPerPage,
      unit: 'ms',
    });
    figures.push({
      name: `bytes per page (median), ${label}`,
      value: c.medianBytesPerPage / 1000,
      unit: 'kB',
      ...(c.resolutionDpi === 200
        ? {
            goal: `≤ ${REFERENCE_BYTES_200DPI / 1000} kB`,
            met: c.medianBytesPerPage <= REFERENCE_BYTES_200DPI,
            reference: {
              name: 'scanning notes, grey 200 dpi q75',
              value: REFERENCE_BYTES_200DPI / 1000,
              unit: 'kB',
            },
          }
        : {}),
    });
    figures.push({ name: `largest page, ${label}`, value: c.maxBytesPerPage / 1000, unit: 'kB' });
    figures.push({ name: `PDF assembly per page, ${label}`, value: c.pdfMsPerPage, unit: 'ms' });
  }
  return {
    title: 'Scanner page pipeline (grey mozjpeg q75, PDF)',
    figures,
    notes: [
      `${SHEETS.length} synthetic A4 pages per case; input is an RGB JPEG q92 at the same resolution; "noisy" adds ±${NOISE_LEVEL} grey levels of uniform noise per pixel.`,
      `Load average at the end of the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; wall times grow with load, CPU times much less.`,
      'Time covers decode, blank check, grey conversion, mozjpeg encoding and the one-channel check; PDF assembly embeds the JPEGs unchanged.',
      ...cases.map(
        (c) =>
          `${c.resolutionDpi} dpi ${c.input}: PDF overhead ${c.pdfOverheadBytesPerPage.toFixed(0)} bytes per page.`,
      ),
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
}
