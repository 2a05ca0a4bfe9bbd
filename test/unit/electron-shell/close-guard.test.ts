import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { CloseGuard } from '../../../electron/main/close-guard.js';
import { asElectron, FakeBrowserWindow } from './fake-electron.js';

function guardedWindow(): { guard: CloseGuard; window: FakeBrowserWindow; lines: unknown[] } {
  const logger = capturingLogger();
  const guard = new CloseGuard(logger);
  const window = new FakeBrowserWindow({});
  guard.attach(asElectron<BrowserWindow>(window));
  return { guard, window, lines: logger.lines };
}

describe('close guard', () => {
  it('prevents a window-manager close (Alt+F4, window.close) without authorisation', () => {
    const { window, guard } = guardedWindow();
    expect(window.close()).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(guard.authorised).toBe(false);
  });

  it('lets the window close once staff authorised a quit', () => {
    const { window, guard, lines } = guardedWindow();
    guard.authorise('staff');
    expect(window.close()).toBe(true);
    expect(window.isDestroyed()).toBe(true);
    expect(lines).toContainEqual({
      level: 'info',
      fields: { event: 'shell.quit-authorised', authority: 'staff' },
    });
  });

  it('keeps the first authority', () => {
    const { guard, lines } = guardedWindow();
    guard.authorise('system-signal');
    guard.authorise('staff');
    expect(lines).toHaveLength(1);
  });
});
