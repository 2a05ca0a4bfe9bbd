/**
 * The privacy check behind the e2e suite: looks through everything the kiosk left on disk —
 * host data folders (SQLite database with its -wal and -shm, key files, kept receipts), the
 * host logs the e2e harness captured, Chromium profiles, and the service's own temporary
 * folders — for the plaintext ID numbers, credit codes and names of the synthetic cast. Masked
 * forms (`110***********002X`, `王**`) never match: a needle is the whole value.
 *
 * The embedded sandbox's folder (`<data dir>/sandbox`) is skipped: it plays the central
 * approval platform, which holds applicants' data by design; it is not the kiosk's disk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import {
  DEMO_ENTERPRISE_SEEDS,
  DEMO_PEOPLE_SEEDS,
  syntheticEnterprise,
  syntheticPerson,
} from '../../../drivers/common/synthetic.js';
import {
  syntheticForeigner,
  syntheticGatHolder,
} from '../../../drivers/common/synthetic-permits.js';

/** Temp-folder prefixes of what the e2e run leaves: host data and logs, browser profiles, scans. */
export const SCANNED_PREFIXES = ['kiosk-e2e-', 'kiosk-chromium-', 'kiosk-scan-'] as const;
/** Sub-folders that are not the kiosk's own data (see the file comment). */
const SKIPPED_FOLDERS = new Set(['sandbox']);
/** Larger files are read in this many bytes at a time (Chromium caches can be large). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type NeedleKind = 'id-number' | 'credit-code' | 'name';

export interface Needle {
  readonly kind: NeedleKind;
  readonly value: string;
}

export interface PrivacyHit {
  readonly file: string;
  readonly kind: NeedleKind;
  /** The value found, masked: the report itself must not leak it. */
  readonly masked: string;
  readonly encoding: 'utf-8' | 'utf-16le';
}

/** Every identifier and name of the synthetic cast the demo config and sandbox use. */
export function castNeedles(): Needle[] {
  const needles: Needle[] = [];
  const person = (idNumber: string, ...names: string[]): void => {
    needles.push({ kind: 'id-number', value: idNumber });
    for (const name of names) needles.push({ kind: 'name', value: name });
  };
  for (const seed of DEMO_PEOPLE_SEEDS) {
    const p = syntheticPerson(seed);
    person(p.idNumber, p.name, p.namePinyin);
  }
  for (const seed of DEMO_ENTERPRISE_SEEDS) {
    const e = syntheticEnterprise(seed);
    needles.push({ kind: 'credit-code', value: e.creditCode });
    person(e.legalRepresentative.idNumber, e.legalRepresentative.name);
  }
  const gat = syntheticGatHolder(1);
  person(gat.idNumber, gat.name);
  for (const version of [2017, 2023] as const) {
    const f = syntheticForeigner(1, version);
    person(f.idNumber, f.englishName, f.chineseName);
  }
  // Deduplicate (two people can share a generated name).
  const seen = new Set<string>();
  return needles.filter((n) => !seen.has(n.value) && seen.add(n.value));
}

/** Scans one buffer for every needle in UTF-8 and UTF-16LE (SQLite can store either). */
export function scanBuffer(file: string, data: Buffer, needles: readonly Needle[]): PrivacyHit[] {
  const hits: PrivacyHit[] = [];
  for (const needle of needles) {
    for (const encoding of ['utf-8', 'utf-16le'] as const) {
      if (data.includes(Buffer.from(needle.value, encoding === 'utf-8' ? 'utf8' : 'utf16le'))) {
        hits.push({
          file,
          kind: needle.kind,
          masked: needle.kind === 'name' ? maskName(needle.value) : maskIdentifier(needle.value),
          encoding,
        });
      }
    }
  }
  return hits;
}

function walk(path: string, out: string[]): void {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return; // removed while walking (a test's cleanup, a Chromium temp file)
  }
  if (stats.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (SKIPPED_FOLDERS.has(entry)) continue;
      walk(join(path, entry), out);
    }
  } else if (stats.isFile()) {
    out.push(path);
  }
}

function readHead(file: string): Buffer | undefined {
  try {
    const data = readFileSync(file);
    return data.length > MAX_FILE_BYTES ? data.subarray(0, MAX_FILE_BYTES) : data;
  } catch {
    return undefined;
  }
}

export interface ScanResult {
  readonly roots: readonly string[];
  readonly files: number;
  readonly hits: readonly PrivacyHit[];
}

/** Scans the given folders and files (recursively). */
export function scanPaths(roots: readonly string[], needles = castNeedles()): ScanResult {
  const files: string[] = [];
  for (const root of roots) walk(root, files);
  const hits: PrivacyHit[] = [];
  for (const file of files) {
    const data = readHead(file);
    if (data) hits.push(...scanBuffer(file, data, needles));
  }
  return { roots, files: files.length, hits };
}

/** Temp entries with one of the scanned prefixes changed at or after `sinceMs`. */
export function tempEntriesSince(sinceMs: number, dir = tmpdir()): string[] {
  return readdirSync(dir)
    .filter((name) => SCANNED_PREFIXES.some((p) => name.startsWith(p)))
    .map((name) => join(dir, name))
    .filter((path) => {
      try {
        const s = statSync(path);
        return Math.max(s.mtimeMs, s.ctimeMs, s.birthtimeMs) >= sinceMs;
      } catch {
        return false;
      }
    });
}

/** One line per hit, masked, relative to the temp folder. */
export function describeHits(hits: readonly PrivacyHit[], dir = tmpdir()): string {
  return hits
    .map((h) => `${relative(dir, h.file)}: plaintext ${h.kind} ${h.masked} (${h.encoding})`)
    .join('\n');
}
