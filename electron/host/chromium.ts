/**
 * Finds an installed Chromium or Google Chrome and opens the kiosk page in app mode
 * (`--kiosk` with `--start-fullscreen`), with its own profile folder and without the
 * background services that would try to reach the network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Logger } from '../../drivers/common/logger.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

export function findChromium(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/** Flags that keep Chromium quiet on a closed network and locked to one page. */
export function chromiumArgs(url: string, profileDir: string, asRoot: boolean): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    '--start-fullscreen',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,MediaRouter',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    // Chromium refuses to run as root without it; a hall kiosk should not run as root.
    ...(asRoot ? ['--no-sandbox'] : []),
  ];
}

export function launchChromium(
  url: string,
  profileDir: string,
  logger: Logger,
): ChildProcess | undefined {
  const binary = findChromium();
  if (!binary) {
    logger.warn({
      event: 'host.browser-missing',
      tried: CANDIDATES,
      hint: 'install chromium or open the url yourself',
    });
    return undefined;
  }
  if (!process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    logger.warn({
      event: 'host.no-display',
      hint: 'run under a display or xvfb-run; the host keeps serving',
    });
  }
  mkdirSync(profileDir, { recursive: true });
  // KIOSK_BROWSER_ARGS adds flags for diagnostics, e.g. `--remote-debugging-port=9222`.
  const extra = (process.env['KIOSK_BROWSER_ARGS'] ?? '').split(' ').filter(Boolean);
  const args = [...chromiumArgs(url, profileDir, process.getuid?.() === 0), ...extra];
  const child = spawn(binary, args, { stdio: 'ignore' });
  logger.info({ event: 'host.browser-launched', binary, pid: child.pid });
  child.on('exit', (code, signal) => logger.info({ event: 'host.browser-exited', code, signal }));
  return child;
}
