/**
 * The technician's view of the running config and the few fields that are safe to change at
 * the kiosk. A change is applied to the file's own JSON (not to the parsed config, so defaults
 * stay implicit), checked against the whole schema, and written atomically: a temporary file
 * in the same folder, fsync, rename over the original, fsync of the folder. A power cut leaves
 * either the old file or the new one, never half of each.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import type { KioskConfig } from '../../../kiosk-config/schema.js';
import { EDITABLE_CONFIG_PATHS } from '../../contract/methods/staff.js';
import { ConfigError, parseConfig } from '../config/load.js';

export type EditablePath = (typeof EDITABLE_CONFIG_PATHS)[number];

const REDACTED = '[redacted]';

/**
 * The config as a technician may see it: PIN hashes and salts replaced, staff card numbers
 * masked. `approvalApi.keyFile` is a path and stays; the key itself is never read here.
 */
export function redactedConfig(config: KioskConfig): Record<string, unknown> {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  const staff = copy['staff'] as { members: Record<string, unknown>[] } | undefined;
  for (const member of staff?.members ?? []) {
    member['pin'] = REDACTED;
    member['cardNumbers'] = (member['cardNumbers'] as string[]).map(maskIdentifier);
  }
  return copy;
}

export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function withValue(
  root: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(root);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return copy;
}

export type ConfigChangeError =
  | { readonly code: 'E_CONFIG_INVALID'; readonly message: string; readonly problems: string[] }
  | { readonly code: 'E_CONFIG_FILE'; readonly message: string };

export type ConfigChange =
  | {
      readonly ok: true;
      readonly previous: unknown;
      readonly value: unknown;
      readonly config: KioskConfig;
    }
  | ({ readonly ok: false } & ConfigChangeError);

/** Reads the config file's JSON as written (no defaults filled in). */
export function readConfigJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Changes one editable field of the config file; refuses anything the schema refuses. */
export function changeConfigField(file: string, path: EditablePath, value: unknown): ConfigChange {
  if (!(EDITABLE_CONFIG_PATHS as readonly string[]).includes(path)) {
    return {
      ok: false,
      code: 'E_CONFIG_INVALID',
      message: `${path} cannot be changed at the kiosk`,
      problems: [],
    };
  }
  let raw: Record<string, unknown>;
  try {
    raw = readConfigJson(file);
  } catch (error) {
    return {
      ok: false,
      code: 'E_CONFIG_FILE',
      message: `cannot read ${file}: ${(error as Error).message}`,
    };
  }
  const next = withValue(raw, path, value);
  let parsed;
  try {
    parsed = parseConfig(next, file);
  } catch (error) {
    if (error instanceof ConfigError) {
      return {
        ok: false,
        code: 'E_CONFIG_INVALID',
        message: `the new value for ${path} is not valid: ${error.problems.join('; ')}`,
        problems: [...error.problems],
      };
    }
    throw error;
  }
  try {
    writeFileAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
  } catch (error) {
    return {
      ok: false,
      code: 'E_CONFIG_FILE',
      message: `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} (the kiosk user needs write access to the config file and its folder)`,
    };
  }
  return { ok: true, previous: valueAt(raw, path), value, config: parsed.config };
}

/** Writes a file so that a crash leaves the old or the new contents, keeping its mode. */
export function writeFileAtomically(file: string, text: string): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o600;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // a new file keeps 0600
  }
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
