/**
 * `npm run bench [-- name ...]`: runs the named benchmarks (all when none is named), prints
 * each report as JSON, and when all ran writes docs/benchmarks.md with every figure, its goal,
 * its ratio to the reference, and the machine it ran on.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename } from 'node:path';
import { isBenchReport } from './report.js';

const BENCH_DIR = new URL('./', import.meta.url);
const NOT_BENCHMARKS = new Set(['run', 'report']);

function available(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => basename(f, '.ts'))
    .filter((n) => !NOT_BENCHMARKS.has(n))
    .sort();
}

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

function markdown(results: [string, unknown][]): string {
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine()}.`,
    'Figures from one run on a shared machine: compare ratios measured in the same run, not absolute times across runs.',
    '',
  ];
  for (const [name, report] of results) {
    lines.push(`## ${isBenchReport(report) ? report.title : name}`, '', `\`npm run bench -- ${name}\``, '');
    if (!isBenchReport(report)) {
      lines.push('```json', JSON.stringify(report, null, 2), '```', '');
      continue;
    }
    lines.push('| figure | value | goal | met | reference | ratio |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of report.figures) {
      const ref = f.reference ? `${f.reference.name}: ${round(f.reference.value)} ${f.reference.unit}` : '';
      const ratio = f.reference && f.reference.value !== 0 && f.reference.unit === f.unit ? `${round(f.value / f.reference.value)}×` : '';
      lines.push(`| ${f.name} | ${round(f.value)} ${f.unit} | ${f.goal ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : 'no'} | ${ref} | ${ratio} |`);
    }
    for (const note of report.notes ?? []) lines.push('', `- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

function round(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = available();
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; available: ${all.join(', ')}\n`);
  process.exit(2);
}
const chosen = names.length ? names : all;
const results: [string, unknown][] = [];
for (const name of chosen) {
  process.stderr.write(`bench ${name}...\n`);
  const module = (await import(new URL(`./${name}.ts`, BENCH_DIR).href)) as { run?: () => Promise<unknown> };
  if (typeof module.run !== 'function') {
    // Support files (corpus generators and the like) sit beside the benchmarks.
    if (!names.length) continue;
    process.stderr.write(`bench/${name}.ts exports no run()\n`);
    process.exit(2);
  }
  const report = await module.run();
  results.push([name, report]);
  process.stdout.write(`${JSON.stringify({ bench: name, report })}\n`);
}
if (!names.length) {
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), markdown(results));
  process.stderr.write('wrote docs/benchmarks.md\n');
}
process.exit(0);
