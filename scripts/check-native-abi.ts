/**
 * Checks which Node/Electron ABI a native addon was built for, by its ABI marker: a V8-API
 * addon (better-sqlite3) exports `node_register_module_v<ABI>`, where ABI is 115 for Node 20
 * and 150 for Electron 45. Used when packaging (docs/electron-shell.md): `electron-rebuild`
 * can print "Rebuild Complete" and still leave a Node build behind, which would fail only
 * when the installed kiosk starts.
 *
 *   tsx scripts/check-native-abi.ts [--file ADDON.node] [--expect ABI]
 *
 * Defaults: better-sqlite3's addon, and the ABI of the installed `electron` package
 * (node_modules/electron/abi_version). Prints one JSON object; exit 0 when the marker matches,
 * 1 when it does not (or none is found), 2 on bad usage or an unreadable file.
 *
 * The marker is found by scanning the file's bytes for the exported symbol name, which works
 * for ELF, PE and Mach-O alike without binutils; `nm -D FILE | grep node_register_module_v`
 * is the manual cross-check on Linux.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const V8_MARKER = 'node_register_module_v';
/**
 * N-API addons carry one of these instead (newer ones export the first, older ones import the
 * second from a static constructor, as node-hid 3.4's prebuild does). They load in any runtime
 * with that N-API version and need no Electron rebuild.
 */
const NAPI_MARKERS = ['napi_register_module_v1', 'napi_module_register'];

export interface AbiMarkers {
  /** ABI numbers of every `node_register_module_v<N>` symbol name in the file. */
  readonly nodeAbis: number[];
  /** True when the file names an N-API registration symbol. */
  readonly napi: boolean;
}

/** Finds the ABI markers in an addon's bytes. */
export function findAbiMarkers(bytes: Uint8Array): AbiMarkers {
  // latin1 maps each byte to one character, so offsets and ASCII names survive intact.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const nodeAbis = new Set<number>();
  for (const match of text.matchAll(/node_register_module_v(\d{1,4})(?!\d)/g)) {
    nodeAbis.add(Number(match[1]));
  }
  return {
    nodeAbis: [...nodeAbis].sort((a, b) => a - b),
    napi: NAPI_MARKERS.some((marker) => text.includes(marker)),
  };
}

export interface AbiCheck {
  readonly file: string;
  readonly expected: number;
  readonly found: number[];
  readonly napi: boolean;
  readonly ok: boolean;
  readonly message: string;
}

/** Compares an addon's marker with the expected ABI. */
export function checkAddonAbi(file: string, bytes: Uint8Array, expected: number): AbiCheck {
  const { nodeAbis, napi } = findAbiMarkers(bytes);
  const ok = nodeAbis.length === 1 && nodeAbis[0] === expected;
  let message: string;
  if (ok) {
    message = `${path.basename(file)} exports ${V8_MARKER}${expected}: built for ABI ${expected}`;
  } else if (nodeAbis.length === 0) {
    message = napi
      ? `${path.basename(file)} is an N-API addon (no ${V8_MARKER}<N>): it needs no rebuild`
      : `${path.basename(file)} has no ${V8_MARKER}<N> marker: not a Node addon?`;
  } else {
    message =
      `${path.basename(file)} is built for ABI ${nodeAbis.join(', ')}, expected ${expected}: ` +
      'rebuild it against the Electron headers (see docs/electron-shell.md)';
  }
  return { file, expected, found: nodeAbis, napi, ok, message };
}

/** ABI of the installed electron package (its `abi_version` file), if present. */
export function installedElectronAbi(projectRoot: string): number | undefined {
  try {
    const text = readFileSync(path.join(projectRoot, 'node_modules/electron/abi_version'), 'utf8');
    const abi = Number(text.trim());
    return Number.isInteger(abi) && abi > 0 ? abi : undefined;
  } catch {
    return undefined;
  }
}

function main(argv: string[]): number {
  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  let values: { file?: string | undefined; expect?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { file: { type: 'string' }, expect: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: check-native-abi [--file F] [--expect N]\n`,
    );
    return 2;
  }
  const file = path.resolve(
    values.file ??
      path.join(projectRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
  );
  const expected =
    values.expect === undefined ? installedElectronAbi(projectRoot) : Number(values.expect);
  if (expected === undefined || !Number.isInteger(expected) || expected <= 0) {
    process.stderr.write('--expect needs a positive integer ABI (e.g. 150 for Electron 45)\n');
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const result = checkAddonAbi(file, bytes, expected);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
