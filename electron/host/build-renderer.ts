/**
 * Builds the renderer when its output is missing or older than any source it is built from,
 * so `npm start` works right after `npm ci`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
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
  await build({ configFile: join(PROJECT_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  logger.info({ event: 'host.renderer-built', ms: Date.now() - started });
}
