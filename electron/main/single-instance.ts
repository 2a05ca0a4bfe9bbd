/**
 * One kiosk per machine: a second launch (a technician double-starting it, a systemd restart
 * racing a still-running instance) must not open a second window or a second service holding
 * the same devices.
 */
import type { App } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';

/**
 * Takes the single-instance lock. Returns false (after calling `app.exit(0)`) when another
 * instance holds it; otherwise arranges for a second launch to focus this instance's window.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'exit' | 'on'>,
  focusWindow: () => void,
  logger: Logger,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    logger.warn({ event: 'shell.second-instance-exit' });
    // exit, not quit: nothing has started yet, and quit would run shutdown handlers.
    app.exit(0);
    return false;
  }
  app.on('second-instance', () => {
    logger.info({ event: 'shell.second-instance-focused' });
    focusWindow();
  });
  return true;
}
