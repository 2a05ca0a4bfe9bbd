/**
 * Watches the kiosk window's renderer and turns failures into the crash breaker's actions:
 * a crashed or killed renderer (`render-process-gone`), a main-frame load failure
 * (`did-fail-load`, or a page answered with an HTTP error status), and a renderer that stays unresponsive past a grace period (it is then
 * crashed on purpose, so the crash path handles it).
 */
import type { WebContents } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';
import type { CrashBreaker, RecoveryAction, RendererFailure } from './crash-breaker.js';

/** What the window owner does for each action. */
export interface RecoveryHost {
  /** Load the kiosk page again in the same window. */
  reload(): void;
  /** Destroy the window and create a new one (new renderer process). */
  recreate(): void;
  /** Load the static out-of-service page. */
  showOutOfService(): void;
}

export interface RendererRecoveryOptions {
  readonly breaker: CrashBreaker;
  readonly host: RecoveryHost;
  readonly logger: Logger;
  /** How long a renderer may stay unresponsive before it is crashed on purpose, ms. */
  readonly unresponsiveGraceMs?: number;
  /** After this long out of service, try once more with a fresh window, ms (0 = never). */
  readonly outOfServiceRetryMs?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

/** A busy page (a large scan preview) can stall a few seconds; a hung one never recovers. */
export const UNRESPONSIVE_GRACE_MS = 15_000;
/** Ten minutes: long enough not to flap, short enough that a transient fault clears itself. */
export const OUT_OF_SERVICE_RETRY_MS = 10 * 60_000;

/** Chromium's net::ERR_ABORTED: a load replaced by another one or cancelled by a guard. */
const ERR_ABORTED = -3;

export class RendererRecovery {
  private readonly graceMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RendererRecoveryOptions) {
    this.graceMs = options.unresponsiveGraceMs ?? UNRESPONSIVE_GRACE_MS;
    this.retryMs = options.outOfServiceRetryMs ?? OUT_OF_SERVICE_RETRY_MS;
    this.now = options.now ?? Date.now;
  }

  /** Attaches the failure listeners to one window's web contents. */
  watch(contents: WebContents): void {
    let hangTimer: ReturnType<typeof setTimeout> | undefined;
    const clearHang = (): void => {
      if (hangTimer !== undefined) clearTimeout(hangTimer);
      hangTimer = undefined;
    };

    contents.on('render-process-gone', (_event, details) => {
      clearHang();
      this.fail(details.reason, { exitCode: details.exitCode });
    });

    contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED) return;
      this.fail('load-failed', { errorCode });
    });

    // A page served with an error status (e.g. 404 because the renderer build is missing)
    // loads "successfully" as far as did-fail-load is concerned; its status code tells, where
    // Electron reports one (-1 for navigations it does not consider HTTP).
    contents.on('did-navigate', (_event, _url, httpResponseCode) => {
      if (httpResponseCode >= 400) this.fail('load-failed', { httpResponseCode });
    });

    contents.on('unresponsive', () => {
      if (hangTimer !== undefined) return;
      this.options.logger.warn({ event: 'shell.renderer-unresponsive' });
      hangTimer = setTimeout(() => {
        hangTimer = undefined;
        if (contents.isDestroyed()) return;
        this.options.logger.error({ event: 'shell.renderer-hung', graceMs: this.graceMs });
        // Emits render-process-gone (killed), which takes the normal crash path.
        contents.forcefullyCrashRenderer();
      }, this.graceMs);
    });
    contents.on('responsive', () => {
      if (hangTimer === undefined) return;
      clearHang();
      this.options.logger.info({ event: 'shell.renderer-responsive' });
    });
    contents.on('destroyed', clearHang);
  }

  /** Stops the out-of-service retry timer (on quit). */
  dispose(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private fail(reason: RendererFailure, detail: Record<string, number>): void {
    const { breaker, host, logger } = this.options;
    const action: RecoveryAction = breaker.record(reason, this.now());
    if (action === 'none') {
      if (reason !== 'clean-exit') logger.warn({ event: 'shell.renderer-failed', reason, action });
      return;
    }
    logger.error({
      event: 'shell.renderer-failed',
      reason,
      action,
      recentFailures: breaker.recentFailures,
      ...detail,
    });

    switch (action) {
      case 'reload':
        host.reload();
        return;
      case 'recreate':
        host.recreate();
        return;
      case 'out-of-service':
        host.showOutOfService();
        this.scheduleRetry();
        return;
      default: {
        const unreachable: never = action;
        throw new Error(`unknown recovery action ${String(unreachable)}`);
      }
    }
  }

  private scheduleRetry(): void {
    if (this.retryMs <= 0) return;
    this.dispose();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.options.logger.info({ event: 'shell.out-of-service-retry' });
      this.options.breaker.reset();
      this.options.host.recreate();
    }, this.retryMs);
  }
}
