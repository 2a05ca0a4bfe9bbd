/**
 * The set-up most end-to-end files share: one browser host (simulators, embedded sandbox) and
 * one kiosk page in Chromium for the whole file, started before its tests and stopped after,
 * and axe-core on the page as it is.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openKiosk, type KioskBrowser } from './browser.js';
import { type HostProcess, type HostStartOptions, startHostProcess } from './host.js';
import { seriousAxeViolations } from './page.js';

export interface KioskSuite {
  readonly host: HostProcess;
  readonly browser: KioskBrowser;
  readonly page: Page;
  /** Fails the test with the serious and critical axe-core violations of the page as it is. */
  axe(screen: string): Promise<void>;
}

/** Registers beforeAll/afterAll for a host and a kiosk page on the attract screen. */
export function kioskSuite(options: HostStartOptions = {}): KioskSuite {
  let host: HostProcess | undefined;
  let browser: KioskBrowser | undefined;
  beforeAll(async () => {
    host = await startHostProcess(options);
    browser = await openKiosk(host.url);
    await browser.page.getByTestId('attract').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the kiosk suite has not started (beforeAll)');
    return value;
  };
  return {
    get host() {
      return started(host);
    },
    get browser() {
      return started(browser);
    },
    get page() {
      return started(browser).page;
    },
    async axe(screen) {
      const bad = await seriousAxeViolations(started(browser).page);
      expect(bad, `${screen}: ${JSON.stringify(bad)}`).toEqual([]);
    },
  };
}
