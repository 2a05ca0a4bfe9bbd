/**
 * Receipt encoding: time to turn one receipt (layout + ESC/POS bytes, GB18030 text, QR code,
 * cut) into bytes, and how many bytes a receipt is, for the applicant's receipt in Chinese on
 * 80 mm and in English on 58 mm, a provisional receipt, a receipt whose applicant name holds a
 * character the printer font lacks (drawn as a raster image through sharp), and the test page.
 * The reference is the time those bytes take on a 115200-baud serial line (8N1, 10 bits a
 * byte): encoding should be a small share of the time the printer needs just to receive them.
 *
 *   npm run bench -- printer        or        npx tsx bench/printer.ts
 *
 * Runs per case: BENCH_RUNS (default 200; 20 warm-up runs first). Reports the median and p90.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  encodeReceipt,
  layoutReceipt,
  layoutTestReceipt,
  type ReceiptContent,
  type ReceiptDocument,
} from '../drivers/printer/index.js';
import type { BenchFigure, BenchReport } from './report.js';

const SERIAL_BAUD = 115_200;
const BITS_PER_BYTE_8N1 = 10;
const WARM_UP_RUNS = 20;

const CONTENT: ReceiptContent = {
  kind: 'final',
  language: 'zh-CN',
  hall: { 'zh-CN': '示例市政务服务中心', en: 'Demo City Government Service Centre' },
  item: { 'zh-CN': '烟花爆竹道路运输许可', en: 'Fireworks road transport permit' },
  applicant: { name: '王小明', identifier: '11010519491231002X' },
  reference: 'SL-2026-000123',
  terminalId: 'HK-DEMO-0001',
  submittedAt: '2026-03-04T02:05:00Z',
  materials: [
    { name: { 'zh-CN': '营业执照', en: 'Business licence' }, source: 'license' },
    { name: { 'zh-CN': '道路运输许可申请表', en: 'Application form' }, source: 'form' },
    { name: { 'zh-CN': '运输车辆行驶证', en: 'Vehicle licence' }, source: 'scan' },
    { name: { 'zh-CN': '安全承诺书', en: 'Safety commitment' }, source: 'commitment' },
  ],
  timeLimitWorkingDays: 5,
  nextSteps: {
    'zh-CN': '审批部门将在承诺时限内审核，结果以短信通知，并可扫码查询进度。',
    en: 'The department reviews it within the time limit and sends a text message.',
  },
};

interface Case {
  readonly name: string;
  readonly paperWidthMm: 58 | 80;
  readonly document: () => ReceiptDocument;
}

const CASES: readonly Case[] = [
  { name: 'receipt zh-CN 80 mm', paperWidthMm: 80, document: () => layoutReceipt(CONTENT, 80) },
  {
    name: 'receipt en 58 mm',
    paperWidthMm: 58,
    document: () => layoutReceipt({ ...CONTENT, language: 'en' }, 58),
  },
  {
    name: 'provisional receipt zh-CN 80 mm',
    paperWidthMm: 80,
    document: () =>
      layoutReceipt({ ...CONTENT, kind: 'provisional', reference: 'L20260304-7K4QMX' }, 80),
  },
  {
    name: 'receipt with a rare name character (raster line) 80 mm',
    paperWidthMm: 80,
    document: () => layoutReceipt({ ...CONTENT, applicant: { name: '䶮小明' } }, 80),
  },
  {
    name: 'test receipt 80 mm',
    paperWidthMm: 80,
    document: () => layoutTestReceipt({ terminalId: 'HK-DEMO-0001', paperWidthMm: 80 }),
  },
];

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export async function run(): Promise<BenchReport> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 200);
  const figures: BenchFigure[] = [];
  for (const c of CASES) {
    const encodeOnce = async (): Promise<number> => {
      const bytes = await encodeReceipt(c.document(), {
        model: 'epson-tm-t88vi',
        paperWidthMm: c.paperWidthMm,
      });
      return bytes.length;
    };
    for (let i = 0; i < WARM_UP_RUNS; i++) await encodeOnce();

    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      size = await encodeOnce();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const wireMs = (size * BITS_PER_BYTE_8N1 * 1000) / SERIAL_BAUD;
    const median = quantile(times, 0.5);
    figures.push(
      {
        name: `${c.name}: encode time per receipt (median of ${runs})`,
        value: median,
        unit: 'ms',
        goal: '< 10% of serial wire time',
        met: median < wireMs * 0.1,
        reference: { name: `wire time at ${SERIAL_BAUD} baud`, value: wireMs, unit: 'ms' },
      },
      { name: `${c.name}: encode time p90`, value: quantile(times, 0.9), unit: 'ms' },
      { name: `${c.name}: bytes per receipt`, value: size, unit: 'bytes' },
    );
  }
  return {
    title: 'Receipt printer: encode time and size per receipt',
    figures,
    notes: [
      'Encoding = layout (masking, wrapping) + receipt-printer-encoder bytes + GB18030 runs; the raster case also renders the line through sharp/librsvg.',
      'Wire time is only a scale: on TCP (port 9100) the bytes leave far faster, and the printer then needs about 1-2 s to print a receipt.',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
