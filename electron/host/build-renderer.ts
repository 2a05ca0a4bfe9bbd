/**
 * Builds the renderer when its output is missing or older than any source it is built from,
 * so `npm start` works right after `npm ci`.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../drivers/common/logger.js';

export const PROJECT_ROOT = new URL('../../', import.meta.url).pathname;
export const RENDERER_OUT = join(PROJECT_ROOT, 'out', 'renderer');
const SOURCE_DIRS = ['renderer', 'electron/contract'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCE_DIRS.some((d) => newestMtime(join(PROJECT_ROOT, d)) > built);
}

export async function ensureRendererBuilt(logger: Logger): Promise<void> {
  if (!rendererIsStale()) return;
  logger.info({ event: 'host.renderer-building' });
  const started = Date.now();
  const { build } = await import('vite');
  // Build beside the output and swap it in with renames, so a host already serving the old
  // build (another process) never sees a half-emptied folder.
  const outParent = join(RENDERER_OUT, '..');
  mkdirSync(outParent, { recursive: true });
  const staging = mkdtempSync(join(outParent, 'renderer-building-'));
  await build({
    configFile: join(PROJECT_ROOT, 'renderer', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: staging, emptyOutDir: true },
  });
  const retired = `${staging}-old`;
  if (existsSync(RENDERER_OUT)) renameSync(RENDERER_OUT, retired);
  renameSync(staging, RENDERER_OUT);
  rmSync(retired, { recursive: true, force: true });
  logger.info({ event: 'host.renderer-built', ms: Date.now() - started });
}
