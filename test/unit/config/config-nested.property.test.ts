/**
 * Fuzzing of the config loader below the top level and at the file level: any one value
 * anywhere in the shipped demo config (device entries, staff, approval API, UI) replaced by arbitrary
 * JSON or removed, and arbitrary file text. Each either loads or throws ConfigError whose
 * problems name where they are; nothing else escapes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../../electron/service/config/load.js';
import { fuzzRuns } from '../../support/fuzz.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a JSON document, parents before children. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

/** A copy of `doc` with the value at `path` replaced (or removed when `value` is undefined). */
function withValue(doc: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value !== undefined) node[last] = value;
  else if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return copy;
}

function expectLoadsOrNamesProblems(load: () => unknown): void {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/\S.*:/s);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('config loader: nested and file-level fuzzing', () => {
  // The shipped demo config: every device family, staff, approval API, UI.
  const base = JSON.parse(
    readFileSync(new URL('../../../kiosk-config/default.json', import.meta.url), 'utf8'),
  ) as Json;
  const allPaths = paths(base);

  it('any one value replaced or removed anywhere gives a config or named problems', () => {
    expect(allPaths.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...allPaths),
        fc.option(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, { nil: undefined }),
        (path, value) =>
          expectLoadsOrNamesProblems(() => parseConfig(withValue(base, path, value))),
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('arbitrary file text gives a config or named problems', () => {
    const file = join(dir, 'kiosk.json');
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.nat(), fc.string({ maxLength: 8 })).map(([cut, junk]) => {
        const full = JSON.stringify(base);
        const at = cut % full.length;
        return full.slice(0, at) + junk + full.slice(at);
      }),
    );
    fc.assert(
      fc.property(text, (content) => {
        writeFileSync(file, content);
        expectLoadsOrNamesProblems(() => loadConfig(file));
      }),
      // Each case writes a file: a tenth of the count keeps npm test quick.
      { numRuns: Math.ceil(fuzzRuns() / 10) },
    );
  });
});
