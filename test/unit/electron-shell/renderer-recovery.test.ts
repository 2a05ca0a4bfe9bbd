import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { CrashBreaker } from '../../../electron/main/crash-breaker.js';
import { RendererRecovery } from '../../../electron/main/renderer-recovery.js';
import { asElectron, fakeEvent, FakeWebContents } from './fake-electron.js';

let clock: number;
let actions: string[];
let contents: FakeWebContents;
let recovery: RendererRecovery;
let logger: ReturnType<typeof capturingLogger>;

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  actions = [];
  logger = capturingLogger();
  recovery = new RendererRecovery({
    breaker: new CrashBreaker(),
    logger,
    now: () => clock,
    unresponsiveGraceMs: 15_000,
    outOfServiceRetryMs: 600_000,
    host: {
      reload: () => actions.push('reload'),
      recreate: () => actions.push('recreate'),
      showOutOfService: () => actions.push('out-of-service'),
    },
  });
  contents = new FakeWebContents();
  recovery.watch(asElectron<WebContents>(contents));
});

afterEach(() => {
  recovery.dispose();
  vi.useRealTimers();
});

const crash = (reason: string, at: number): void => {
  clock = at;
  contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });
};

describe('renderer crash recovery', () => {
  it('reloads, then recreates, then shows out of service after 3 crashes in 60 s', () => {
    crash('crashed', 0);
    crash('crashed', 20_000);
    crash('killed', 40_000);
    expect(actions).toEqual(['reload', 'recreate', 'out-of-service']);
    expect(logger.lines.at(-1)?.fields).toMatchObject({
      event: 'shell.renderer-failed',
      reason: 'killed',
      action: 'out-of-service',
      recentFailures: 3,
    });
  });

  it('retries with a fresh window after a long out-of-service pause', () => {
    crash('crashed', 0);
    crash('crashed', 1_000);
    crash('crashed', 2_000);
    vi.advanceTimersByTime(599_999);
    expect(actions).toEqual(['reload', 'recreate', 'out-of-service']);
    vi.advanceTimersByTime(1);
    expect(actions.at(-1)).toBe('recreate');
    // The breaker starts over: the next crash reloads.
    crash('crashed', 700_000);
    expect(actions.at(-1)).toBe('reload');
  });

  it('spaced-out crashes only ever reload', () => {
    crash('crashed', 0);
    crash('crashed', 61_000);
    crash('crashed', 122_000);
    expect(actions).toEqual(['reload', 'reload', 'reload']);
  });

  it('treats a main-frame load failure as a failure, but not aborts or sub-frames', () => {
    contents.emit('did-fail-load', fakeEvent(), -3, 'ERR_ABORTED', 'app://kiosk/', true);
    contents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'app://kiosk/x', false);
    expect(actions).toEqual([]);
    contents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'app://kiosk/', true);
    expect(actions).toEqual(['reload']);
  });

  it('treats a page answered with an error status as a failed load', () => {
    contents.emit('did-navigate', fakeEvent(), 'app://kiosk/index.html', 200, 'OK');
    contents.emit('did-navigate', fakeEvent(), 'app://kiosk/index.html', -1, '');
    expect(actions).toEqual([]);
    contents.emit('did-navigate', fakeEvent(), 'app://kiosk/index.html', 404, 'Not Found');
    expect(actions).toEqual(['reload']);
  });

  it('crashes a renderer that stays unresponsive past the grace period', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(14_999);
    expect(contents.crashedOnPurpose).toBe(0);
    vi.advanceTimersByTime(1);
    expect(contents.crashedOnPurpose).toBe(1);
    // Electron then reports the renderer gone, which takes the crash path.
    crash('killed', 15_000);
    expect(actions).toEqual(['reload']);
  });

  it('leaves a renderer alone that becomes responsive again', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    contents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.crashedOnPurpose).toBe(0);
    expect(actions).toEqual([]);
  });

  it('ignores a clean exit', () => {
    crash('clean-exit', 0);
    expect(actions).toEqual([]);
  });
});
