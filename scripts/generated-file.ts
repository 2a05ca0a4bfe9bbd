/**
 * For files generated from code (the config JSON Schema, the contract's method list): write
 * them, or with `--check` fail when the committed copy differs from what the code generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function readOrEmpty(target: URL): string {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '';
  }
}

/** Writes `fresh` to `target`, or checks it when argv has `--check`; exits 1 when stale. */
export function writeOrCheck(target: URL, fresh: string, regenerate: string): void {
  if (!process.argv.includes('--check')) {
    writeFileSync(target, fresh);
    return;
  }
  if (readOrEmpty(target) !== fresh) {
    process.stderr.write(`${target.pathname} is out of date: run \`${regenerate}\`\n`);
    process.exit(1);
  }
}
