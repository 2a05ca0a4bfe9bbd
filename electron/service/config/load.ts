/**
 * Loads and checks the kiosk config. A bad config stops startup with one line per problem:
 * the field's path, what was expected, and what was found.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { type KioskConfig, kioskConfigSchema } from '../../../kiosk-config/schema.js';

export interface LoadedConfig {
  readonly config: KioskConfig;
  /** Absolute path of the file it came from. */
  readonly path: string;
  /** Resolves a path from the config relative to the config file's folder. */
  readonly resolvePath: (p: string) => string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid kiosk config ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Picks the config file: `--config` wins over `KIOSK_CONFIG`, which wins over the default. */
export function chooseConfigPath(
  flag: string | undefined,
  env = process.env,
  fallback?: string,
): string | undefined {
  return flag ?? env['KIOSK_CONFIG'] ?? fallback;
}

export function loadConfig(file: string): LoadedConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(json, path);
}

export function parseConfig(json: unknown, path = '<inline>'): LoadedConfig {
  const result = kioskConfigSchema.safeParse(json, { reportInput: true });
  if (!result.success) throw new ConfigError(path, describeIssues(result.error.issues));
  const base = path === '<inline>' ? process.cwd() : dirname(path);
  return {
    config: result.data,
    path,
    resolvePath: (p) => (isAbsolute(p) ? p : resolve(base, p)),
  };
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `${where}: expected only the keys in docs/config.md, found unknown key ${keys}`;
    }
    const found = 'input' in issue ? describeValue(fieldValue(issue.input, issue.path)) : 'nothing';
    const expected = expectedText(issue);
    return `${where}: expected ${expected}, found ${found}`;
  });
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'invalid_union':
      if ('note' in issue && issue.note === 'No matching discriminator') {
        return `one of the known "driver" values (${issue.message})`;
      }
      return `one of the allowed shapes (${issue.message})`;
    default:
      return issue.message;
  }
}

/** A union's issue carries the whole object; show the field the path names (e.g. `driver`). */
function fieldValue(input: unknown, path: readonly PropertyKey[]): unknown {
  const last = path.at(-1);
  if (
    typeof last === 'string' &&
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    last in input
  ) {
    return (input as Record<string, unknown>)[last];
  }
  return input;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
