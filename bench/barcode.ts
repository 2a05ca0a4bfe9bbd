/**
 * Barcode decoding benchmark: zxing-wasm (the kiosk's decoder, in its worker) against
 * @zxing/library 0.21.3 (pure JS, kept only for this comparison) on the generated corpus of
 * A4 pages (bench/barcode-corpus.ts), with the page's formats hinted and with all formats.
 *
 *   npm run bench -- barcode        or        npx tsx bench/barcode.ts
 *
 * Reports, per library and mode: the share of expected symbols decoded, and the median time per
 * page at 200 and 300 dpi (median over pages of each page's median over BENCH_RUNS runs,
 * default 3, after one warm-up). zxing-wasm times are wall-clock in the service thread, so
 * they include handing the page to the worker. Goal (issue): 100 % decoded, median under
 * 150 ms per 300-dpi page with hints.
 */
import { pathToFileURL } from 'node:url';
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  InvertedLuminanceSource,
  MultiFormatReader,
  RGBLuminanceSource,
  type LuminanceSource,
} from '@zxing/library';
import iconv from 'iconv-lite';
import {
  createImageDecoder,
  type ImageCodeFormat,
  type ImageDecoder,
} from '../drivers/barcode/image-decoder.js';
import { decodePayload, encodePayload } from '../drivers/barcode/text-encoding.js';
import { GS1_GROUP_SEPARATOR } from '../drivers/common/gs1.js';
import { seededRandom } from '../drivers/common/synthetic.js';
import { generateCorpus, type CorpusPage, type ExpectedSymbol } from './barcode-corpus.js';
import type { BenchFigure, BenchReport } from './report.js';

type Library = 'zxing-wasm' | '@zxing/library';
type Mode = 'hinted' | 'all formats';

interface PageResult {
  readonly page: string;
  readonly dpi: number;
  readonly found: number;
  readonly expected: number;
  readonly medianMs: number;
}

export interface ConfigResult {
  readonly library: Library;
  readonly mode: Mode;
  readonly decodedPercent: number;
  readonly medianMsByDpi: Readonly<Record<200 | 300, number>>;
  readonly missed: readonly string[];
  readonly pages: readonly PageResult[];
}

const ZXING_JS_FORMAT: Readonly<Partial<Record<ImageCodeFormat, BarcodeFormat>>> = {
  qr: BarcodeFormat.QR_CODE,
  pdf417: BarcodeFormat.PDF_417,
  code128: BarcodeFormat.CODE_128,
  datamatrix: BarcodeFormat.DATA_MATRIX,
};

/** GS1 from zxing-js comes raw with a leading GS (its FNC1); compare on the raw form. */
function matches(expected: ExpectedSymbol, text: string): boolean {
  const t = text.startsWith(GS1_GROUP_SEPARATOR) ? text.slice(1) : text;
  return t === expected.text || (expected.rawText !== undefined && t === expected.rawText);
}

function countFound(page: CorpusPage, texts: readonly string[]): number {
  return page.expected.filter((e) => texts.some((t) => matches(e, t))).length;
}

/**
 * @zxing/library finds one symbol per call, so the hinted mode calls it once per hinted format
 * (the most a caller can do), and the all-formats mode once. Each call retries on the inverted
 * image when nothing is found, the equivalent of zxing-wasm's `tryInvert`.
 */
function decodeWithZxingJs(page: CorpusPage, mode: Mode): string[] {
  const luminance = new Uint8ClampedArray(page.gray.buffer, page.gray.byteOffset, page.gray.length);
  const source = new RGBLuminanceSource(luminance, page.width, page.height);
  const formatSets = mode === 'hinted' ? page.hints.map((h) => [ZXING_JS_FORMAT[h]!]) : [undefined];
  const texts: string[] = [];
  for (const formats of formatSets) {
    const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
    if (formats) hints.set(DecodeHintType.POSSIBLE_FORMATS, formats);
    const text =
      tryZxingJs(source, hints) ?? tryZxingJs(new InvertedLuminanceSource(source), hints);
    if (text !== undefined) texts.push(text);
  }
  return texts;
}

function tryZxingJs(
  source: LuminanceSource,
  hints: Map<DecodeHintType, unknown>,
): string | undefined {
  try {
    return new MultiFormatReader()
      .decode(new BinaryBitmap(new HybridBinarizer(source)), hints)
      .getText();
  } catch {
    return undefined;
  }
}

async function decodeWithZxingWasm(
  decoder: ImageDecoder,
  page: CorpusPage,
  mode: Mode,
): Promise<string[]> {
  const symbols = await decoder.decode(
    { data: page.gray, width: page.width, height: page.height, channels: 1 },
    mode === 'hinted' ? { formats: page.hints } : {},
  );
  return symbols.map((s) => s.text);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(
  pages: readonly CorpusPage[],
  runs: number,
  decode: (page: CorpusPage) => Promise<string[]>,
): Promise<PageResult[]> {
  await decode(pages[0]!); // warm-up: WASM compile, JIT
  const results: PageResult[] = [];
  for (const page of pages) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const texts = await decode(page);
      times.push(performance.now() - started);
      if (i === 0) found = countFound(page, texts);
    }
    results.push({
      page: page.name,
      dpi: page.dpi,
      found,
      expected: page.expected.length,
      medianMs: median(times),
    });
  }
  return results;
}

function summarise(library: Library, mode: Mode, pages: readonly PageResult[]): ConfigResult {
  const expected = pages.reduce((n, p) => n + p.expected, 0);
  const found = pages.reduce((n, p) => n + p.found, 0);
  const at = (dpi: number): number =>
    Math.round(median(pages.filter((p) => p.dpi === dpi).map((p) => p.medianMs)));
  return {
    library,
    mode,
    decodedPercent: Math.round((1000 * found) / expected) / 10,
    medianMsByDpi: { 200: at(200), 300: at(300) },
    missed: pages
      .filter((p) => p.found < p.expected)
      .map((p) => `${p.page} (${p.found}/${p.expected})`),
    pages,
  };
}

/** Texts for the encoding-detection figure, and the share of GB 2312 level-1 hanzi in them. */
const ENCODING_TEXTS = 20_000;
const LEVEL1_SHARE = 0.8;

/**
 * UTF-8 / GB18030 detection on generated texts of 1–12 characters (70 % GB 2312 hanzi, digits,
 * `，`, `·`), each encoded both ways: how many come back different, and how many of those are
 * not made only of `·` and digits (the one truly ambiguous case: `C2 B7` is UTF-8 `·` and GBK
 * `路`).
 */
function encodingDetection(): { misread: number; misreadOther: number } {
  const rand = seededRandom(11);
  const hanzi = (): string => {
    const lead =
      rand() < LEVEL1_SHARE ? 0xb0 + Math.floor(rand() * 40) : 0xd8 + Math.floor(rand() * 32);
    const ch = iconv.decode(Buffer.from([lead, 0xa1 + Math.floor(rand() * 93)]), 'gb2312');
    return ch.includes('\ufffd') ? '中' : ch;
  };
  let misread = 0;
  let misreadOther = 0;
  for (let i = 0; i < ENCODING_TEXTS; i++) {
    const length = 1 + Math.floor(rand() * 12);
    let text = '';
    for (let j = 0; j < length; j++) {
      const r = rand();
      text +=
        r < 0.7 ? hanzi() : r < 0.85 ? String(Math.floor(rand() * 10)) : r < 0.95 ? '，' : '·';
    }
    for (const encoding of ['utf-8', 'gb18030'] as const) {
      if (decodePayload(encodePayload(text, encoding)).text === text) continue;
      misread++;
      if (!/^[\d·]+$/.test(text)) misreadOther++;
    }
  }
  return { misread, misreadOther };
}

/** Goal from the issue: every symbol decoded, median under this per 300-dpi page with hints. */
const GOAL_MEDIAN_MS_300_DPI = 150;

function figures(wasm: ConfigResult, js: ConfigResult): BenchFigure[] {
  const mode = wasm.mode === 'hinted' ? 'formats hinted' : 'all formats';
  const goals = wasm.mode === 'hinted';
  return [
    {
      name: `zxing-wasm, ${mode}: symbols decoded`,
      value: wasm.decodedPercent,
      unit: '%',
      ...(goals ? { goal: '100 %', met: wasm.decodedPercent === 100 } : {}),
      reference: { name: '@zxing/library 0.21.3', value: js.decodedPercent, unit: '%' },
    },
    ...([300, 200] as const).map((dpi): BenchFigure => ({
      name: `zxing-wasm, ${mode}: median time per ${dpi}-dpi A4 page`,
      value: wasm.medianMsByDpi[dpi],
      unit: 'ms',
      ...(goals && dpi === 300
        ? {
            goal: `< ${GOAL_MEDIAN_MS_300_DPI} ms`,
            met: wasm.medianMsByDpi[300] < GOAL_MEDIAN_MS_300_DPI,
          }
        : {}),
      reference: { name: '@zxing/library 0.21.3', value: js.medianMsByDpi[dpi], unit: 'ms' },
    })),
  ];
}

/** Runs the benchmark, prints a table to stderr, and returns the figures. */
export async function run(): Promise<BenchReport> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const generated = performance.now();
  const pages = await generateCorpus();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(
    `barcode: ${pages.length} A4 pages generated in ${Math.round(performance.now() - generated)} ms; ${runs} runs per page`,
  );

  const decoder = createImageDecoder();
  const results: ConfigResult[] = [];
  try {
    for (const mode of ['hinted', 'all formats'] as const) {
      results.push(
        summarise(
          'zxing-wasm',
          mode,
          await measure(pages, runs, (p) => decodeWithZxingWasm(decoder, p, mode)),
        ),
      );
      results.push(
        summarise(
          '@zxing/library',
          mode,
          await measure(pages, runs, async (p) => decodeWithZxingJs(p, mode)),
        ),
      );
    }
  } finally {
    await decoder.close();
  }

  log(
    '\n| library | formats | decoded | median ms/page 200 dpi | median ms/page 300 dpi | missed |',
  );
  log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    log(
      `| ${r.library} | ${r.mode} | ${r.decodedPercent} % | ${r.medianMsByDpi[200]} | ${r.medianMsByDpi[300]} | ${r.missed.join(', ') || '–'} |`,
    );
  }

  const detection = encodingDetection();
  log(
    `encoding detection: ${detection.misread} of ${2 * ENCODING_TEXTS} misread, ${detection.misreadOther} not only "·" and digits`,
  );

  const pick = (library: Library, mode: Mode): ConfigResult =>
    results.find((r) => r.library === library && r.mode === mode)!;
  return {
    title: 'Barcode decoding on scanned A4 pages: zxing-wasm vs @zxing/library',
    figures: [
      ...figures(pick('zxing-wasm', 'hinted'), pick('@zxing/library', 'hinted')),
      ...figures(pick('zxing-wasm', 'all formats'), pick('@zxing/library', 'all formats')),
      {
        name: `UTF-8/GB18030 detection: misread of ${2 * ENCODING_TEXTS} generated texts`,
        value: detection.misread,
        unit: 'texts',
      },
      {
        name: 'UTF-8/GB18030 detection: misread texts with anything but "·" and digits',
        value: detection.misreadOther,
        unit: 'texts',
        goal: '0',
        met: detection.misreadOther === 0,
      },
    ],
    notes: [
      `${pages.length} generated pages (12 layouts at 200 and 300 dpi: QR, PDF417, GS1-128, GS1 DataMatrix; off centre, scan-like 1.5° skew + blur + JPEG q70, 30° rotation + JPEG q50, inverted, four codes per page); median of ${runs} runs per page after one warm-up, then median over the pages of each resolution.`,
      'zxing-wasm times are wall-clock in the calling thread, including the hand-over of the page to the worker; @zxing/library runs in the calling thread and retries each search on the inverted image (the equivalent of tryInvert).',
      ...results.map((r) => `${r.library}, ${r.mode}: missed ${r.missed.join(', ') || 'nothing'}.`),
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
}
