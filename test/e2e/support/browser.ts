/**
 * Debian's Chromium driven by playwright-core, with a fresh profile and the flags that keep it
 * from reaching for the (closed) network.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface KioskBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openKiosk(
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<KioskBrowser> {
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'kiosk-chromium-')),
    {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return { context, page, close: () => context.close() };
}
