/**
 * Keeps the kiosk window open. A window-manager close (Alt+F4 that got past the key filter, a
 * close button of a misconfigured compositor, `window.close()`) arrives as the window's
 * `close` event and is cancelled unless a quit was authorised: by staff through the service,
 * or by the operating system (SIGTERM from systemd on shutdown).
 */
import type { BrowserWindow } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';

/** Who allowed the application to quit. */
export type QuitAuthority = 'staff' | 'system-signal';

export class CloseGuard {
  private authority: QuitAuthority | undefined;

  constructor(private readonly logger: Logger) {}

  /** Allows windows to close from now on; the caller then quits the app. */
  authorise(authority: QuitAuthority): void {
    if (this.authority) return;
    this.authority = authority;
    this.logger.info({ event: 'shell.quit-authorised', authority });
  }

  get authorised(): boolean {
    return this.authority !== undefined;
  }

  /** Cancels `close` on `window` until `authorise` was called. */
  attach(window: Pick<BrowserWindow, 'on'>): void {
    window.on('close', (event) => {
      if (this.authority) return;
      event.preventDefault();
      this.logger.warn({ event: 'shell.close-prevented' });
    });
  }
}
