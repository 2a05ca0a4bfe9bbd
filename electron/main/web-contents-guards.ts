/**
 * Lockdown applied to every web contents main creates (`app.on('web-contents-created')`):
 * navigation and redirects only within `app://kiosk`, no new windows, no `<webview>`, and the
 * blocked key chords. Electron security checklist items 11–14.
 */
import type { Event, Input, WebContents } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';
import { isAppUrl } from './app-url.js';
import { classifyInput } from './input-policy.js';

export interface WebContentsGuardOptions {
  readonly logger: Logger;
  /** Called (on the first key-down) when staff press the staff chord in this web contents. */
  readonly onStaffChord: (contents: WebContents) => void;
}

/**
 * The scheme and host of a URL, for logs: a blocked URL's path or query could carry personal
 * data typed into a form, so only where it pointed is logged.
 */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? parsed.protocol : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparseable';
  }
}

/** Attaches every guard to `contents`. Call once per web contents. */
export function hardenWebContents(contents: WebContents, options: WebContentsGuardOptions): void {
  const log = options.logger;

  const blockForeign = (kind: string, event: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ event: 'shell.navigation-blocked', kind, target: describeTarget(event.url) });
  };

  // Main-frame navigation (links, location changes) and server redirects.
  contents.on('will-navigate', (event) => blockForeign('navigate', event));
  contents.on('will-redirect', (event) => blockForeign('redirect', event));
  // Sub-frames: the CSP already forbids frames (`default-src 'none'`); this is the second lock.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) blockForeign('frame-navigate', event);
  });

  contents.setWindowOpenHandler((details) => {
    log.warn({ event: 'shell.window-open-denied', target: describeTarget(details.url) });
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event: Event) => {
    event.preventDefault();
    log.warn({ event: 'shell.webview-blocked' });
  });

  contents.on('before-input-event', (event: Event, input: Input) => {
    const decision = classifyInput(input);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'staff-chord') {
      log.info({ event: 'shell.staff-chord' });
      options.onStaffChord(contents);
    }
  });
}
