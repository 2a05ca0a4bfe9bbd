/**
 * ID-card read latency: time from the successful find-card answer reaching the driver to the
 * driver's identity event, against the wire time of the select and read exchanges (command
 * and answer, 8N1), over a socat pty pair with the simulator pacing its bytes at the baud rate.
 *
 *   npm run bench -- id-card        or        npx tsx bench/id-card.ts
 *
 * The find answer is timestamped by a tap on the driver's own link (a second FrameParser on
 * the bytes the driver receives), so both ends of the interval are seen in the driver's
 * process. Overhead = measured - wire time; it holds the driver's parsing and text decoding,
 * the simulator's work, pty hops and timer lateness. Goal (issue): median overhead under 10 %
 * of wire time at 115200 and 9600 baud. Runs per case: BENCH_RUNS (default 15 at 115200, 5 at
 * 9600).
 */
import { pathToFileURL } from 'node:url';
import {
  decodeAnswer,
  FrameParser,
  openSerialLink,
  SamReader,
  SamSimulator,
  SW3,
  syntheticCard,
  wireTimeMs,
  type IdCardRead,
  type SerialLink,
} from '../drivers/id-card/index.js';
import { createPtyPair, makePtyDir } from '../test/support/pty.js';
import type { BenchFigure, BenchReport } from './report.js';

/** Bytes on the wire: every command frame is 10; select answer 19; read answers by kind. */
const COMMAND_BYTES = 10;
const SELECT_ANSWER_BYTES = 19;
const READ_TEXT_ANSWER_BYTES = 1295;
const READ_FINGERPRINT_ANSWER_BYTES = 2321;
/** Goal: overhead under this share of the wire time. */
const OVERHEAD_GOAL = 0.1;

interface Case {
  readonly baudRate: number;
  readonly readFingerprint: boolean;
  readonly runs: number;
}

export interface CaseResult {
  readonly baudRate: number;
  readonly read: '30 01 text+photo' | '30 10 text+photo+fingerprint';
  readonly runs: number;
  /** Wire time of select + read exchanges, milliseconds. */
  readonly wireMs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly medianOverheadMs: number;
  /** Median overhead as a share of the wire time, percent. */
  readonly medianOverheadPercent: number;
  readonly goalMet: boolean;
}

export interface IdCardBenchReport {
  readonly name: 'id-card';
  readonly goal: string;
  readonly results: readonly CaseResult[];
  readonly goalMet: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Wraps a link so every successful find answer the driver receives is timestamped. */
function tapFindAnswers(link: SerialLink, onFind: (at: number) => void): SerialLink {
  const parser = new FrameParser();
  link.onData((chunk) => {
    const at = performance.now();
    for (const event of parser.push(chunk)) {
      if (event.kind !== 'frame') continue;
      const answer = decodeAnswer(event.body);
      if (answer.ok && answer.value.sw3 === SW3.FIND_SUCCESS) onFind(at);
    }
  });
  return link;
}

async function runCase(c: Case): Promise<CaseResult> {
  const pair = await createPtyPair(makePtyDir(), 'bench');
  const simulator = new SamSimulator({
    baudRate: c.baudRate,
    cards: [syntheticCard({ kind: 'resident', seed: 1, fingerprint: true })],
  });
  simulator.attach(await openSerialLink(pair.simulatorPath, c.baudRate));

  let findAt = 0;
  const reader = new SamReader({
    driver: 'sam-serial',
    detail: `${pair.devicePath} @ ${c.baudRate}`,
    baudRate: c.baudRate,
    readFingerprint: c.readFingerprint,
    pollIntervalMs: 300,
    open: async () =>
      tapFindAnswers(await openSerialLink(pair.devicePath, c.baudRate), (at) => (findAt = at)),
  });
  const samples: number[] = [];
  let resolveRead: ((read: IdCardRead) => void) | null = null;
  reader.on('card', (read) => {
    samples.push(performance.now() - findAt);
    resolveRead?.(read);
  });
  let resolveRemoved: (() => void) | null = null;
  reader.on('removed', () => resolveRemoved?.());
  reader.on('error', (error) => {
    throw new Error(`bench read failed: ${error.code}: ${error.message}`);
  });

  try {
    await reader.start();
    for (let i = 0; i < c.runs; i++) {
      const read = new Promise<IdCardRead>((resolve) => (resolveRead = resolve));
      simulator.placeCard(0);
      await read;
      const removed = new Promise<void>((resolve) => (resolveRemoved = resolve));
      simulator.removeCard();
      await removed;
    }
  } finally {
    await reader.stop();
    simulator.detach();
    await pair.close();
  }

  const readBytes = c.readFingerprint ? READ_FINGERPRINT_ANSWER_BYTES : READ_TEXT_ANSWER_BYTES;
  const wireMs = wireTimeMs(
    COMMAND_BYTES + SELECT_ANSWER_BYTES + COMMAND_BYTES + readBytes,
    c.baudRate,
  );
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  const overhead = median - wireMs;
  return {
    baudRate: c.baudRate,
    read: c.readFingerprint ? '30 10 text+photo+fingerprint' : '30 01 text+photo',
    runs: samples.length,
    wireMs: round(wireMs),
    medianMs: round(median),
    p90Ms: round(percentile(sorted, 0.9)),
    medianOverheadMs: round(overhead),
    medianOverheadPercent: round((overhead / wireMs) * 100),
    goalMet: overhead < OVERHEAD_GOAL * wireMs,
  };
}

/** Measures every case and returns the raw per-case results. */
export async function measure(): Promise<IdCardBenchReport> {
  const fromEnv = Number(process.env['BENCH_RUNS']);
  const runs = (fallback: number): number =>
    Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
  const cases: Case[] = [
    { baudRate: 115200, readFingerprint: false, runs: runs(15) },
    { baudRate: 115200, readFingerprint: true, runs: runs(15) },
    { baudRate: 9600, readFingerprint: false, runs: runs(5) },
    { baudRate: 9600, readFingerprint: true, runs: runs(3) },
  ];
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c));
  return {
    name: 'id-card',
    goal: 'median (identity event - find answer) - wire time of select+read < 10 % of that wire time',
    results,
    goalMet: results.every((r) => r.goalMet),
  };
}

/** One table row per case: the median overhead against the wire time of the same exchanges. */
export function toBenchReport(report: IdCardBenchReport): BenchReport {
  const figures: BenchFigure[] = [];
  for (const r of report.results) {
    const label = `${r.baudRate} baud, read ${r.read}`;
    figures.push(
      {
        name: `${label}: median overhead (identity event - find answer - wire time)`,
        value: r.medianOverheadMs,
        unit: 'ms',
        goal: '< 10 % of wire time',
        met: r.goalMet,
        reference: { name: 'wire time of select + read', value: r.wireMs, unit: 'ms' },
      },
      {
        name: `${label}: find answer to identity event, median of ${r.runs}`,
        value: r.medianMs,
        unit: 'ms',
        reference: { name: 'wire time of select + read', value: r.wireMs, unit: 'ms' },
      },
      { name: `${label}: find answer to identity event, p90`, value: r.p90Ms, unit: 'ms' },
    );
  }
  return {
    title: 'ID-card reader: identity event latency against wire time (SAM over a pty pair)',
    figures,
    notes: [
      `Goal: ${report.goal}.`,
      'Simulator paces its bytes at the baud rate behind a socat pty pair; overhead holds parsing, text decoding, the simulator, pty hops and timer lateness.',
    ],
  };
}

export async function run(): Promise<BenchReport> {
  return toBenchReport(await measure());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
