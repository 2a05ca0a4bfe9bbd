/**
 * Runs the kiosk service in an Electron utility process and keeps it running. A crash in a
 * native driver kills only that process; the supervisor restarts it with exponential backoff
 * (jittered, so a fleet of kiosks does not restart in step) while the renderer shows
 * "temporarily unavailable" and asks for a new port. Main never runs service code itself.
 */
import type { MessagePortMain, UtilityProcess, utilityProcess } from 'electron';
import { Backoff } from '../../drivers/common/backoff.js';
import type { Logger } from '../../drivers/common/logger.js';
import {
  isServiceToMainMessage,
  type MainToServiceMessage,
  OUTBOX_KEY_FROM_MAIN_FLAG,
  SERVICE_RESTART_EXIT_CODE,
  type ServiceToMainMessage,
} from './channels.js';

/** First restart delay and ceiling, milliseconds. */
export const SERVICE_RESTART_INITIAL_MS = 500;
export const SERVICE_RESTART_MAX_MS = 30_000;
/** A service that stayed up this long is healthy again: the next crash restarts quickly. */
export const SERVICE_STABLE_AFTER_MS = 60_000;
/** How long `stop()` waits for the service's graceful shutdown, milliseconds. */
export const SERVICE_STOP_TIMEOUT_MS = 5_000;

export type ServiceState = 'idle' | 'starting' | 'ready' | 'restart-pending' | 'stopped';

export interface ServiceSupervisorOptions {
  /** Absolute path of the built service entry (out/main/service.js). */
  readonly modulePath: string;
  /** Arguments for the service (`--config FILE --data-dir DIR`). */
  readonly args: readonly string[];
  /** Environment for the service; default: main's. */
  readonly env?: NodeJS.ProcessEnv;
  /** `utilityProcess.fork`, injected so tests can pass a fake. */
  readonly fork: (typeof utilityProcess)['fork'];
  readonly logger: Logger;
  readonly backoff?: Backoff;
  readonly stableAfterMs?: number;
  /** The service said it accepts renderer connections. */
  readonly onReady?: () => void;
  /** The service process exited (a restart is scheduled unless stopping). */
  readonly onDown?: () => void;
  /** Any other valid message from the service (e.g. a staff-authorised quit). */
  readonly onMessage?: (message: ServiceToMainMessage) => void;
  /**
   * The outbox key main unwrapped with safeStorage (base64), asked for at every spawn; null
   * or absent: the service uses its own key file. With a key the service gets
   * `--outbox-key-from-main` and the key as its first message once spawned.
   */
  readonly outboxKey?: () => string | null;
}

export class ServiceSupervisor {
  private child: UtilityProcess | undefined;
  private stateValue: ServiceState = 'idle';
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: Backoff;
  private readonly stableAfterMs: number;
  private readonly exitWaiters = new Set<() => void>();
  private generation = 0;

  constructor(private readonly options: ServiceSupervisorOptions) {
    this.backoff =
      options.backoff ??
      new Backoff({ initialMs: SERVICE_RESTART_INITIAL_MS, maxMs: SERVICE_RESTART_MAX_MS });
    this.stableAfterMs = options.stableAfterMs ?? SERVICE_STABLE_AFTER_MS;
  }

  get state(): ServiceState {
    return this.stateValue;
  }

  /** True once the running service has sent `service-ready` (and has not exited since). */
  get ready(): boolean {
    return this.stateValue === 'ready';
  }

  /** Starts the service; later crashes restart it until `stop()`. */
  start(): void {
    if (this.stateValue !== 'idle') throw new Error('ServiceSupervisor.start called twice');
    this.spawn();
  }

  /**
   * Sends a message (with transferred ports) to the ready service. Returns false when the
   * service is not ready; the caller keeps the request and retries on `onReady`.
   */
  send(message: MainToServiceMessage, transfer: MessagePortMain[] = []): boolean {
    if (!this.ready || !this.child) return false;
    this.child.postMessage(message, transfer);
    return true;
  }

  /** Stops restarting, asks the service to shut down (SIGTERM) and waits for it to exit. */
  async stop(timeoutMs = SERVICE_STOP_TIMEOUT_MS): Promise<void> {
    const previous = this.stateValue;
    this.stateValue = 'stopped';
    this.clearTimers();
    if (!this.child || previous === 'restart-pending' || previous === 'stopped') return;

    const exited = new Promise<void>((resolve) => this.exitWaiters.add(resolve));
    this.child.kill();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.options.logger.warn({ event: 'service.stop-timeout', timeoutMs });
    }
  }

  private spawn(): void {
    const { logger } = this.options;
    const generation = ++this.generation;
    this.stateValue = 'starting';

    const outboxKey = this.options.outboxKey?.() ?? null;
    const args = [...this.options.args];
    if (outboxKey !== null) args.push(OUTBOX_KEY_FROM_MAIN_FLAG);

    let child: UtilityProcess;
    try {
      child = this.options.fork(this.options.modulePath, args, {
        serviceName: 'kiosk-service',
        stdio: 'inherit',
        env: this.options.env ?? process.env,
      });
    } catch (error) {
      logger.error({ event: 'service.fork-failed', error: String(error) });
      this.scheduleRestart();
      return;
    }
    this.child = child;
    // Events of a previous child (a late `exit`) must not touch the current one.
    const current = (): boolean => generation === this.generation;

    child.on('spawn', () => {
      if (!current()) return;
      logger.info({ event: 'service.spawned', pid: child.pid });
      // First message of every process: the service waits for it before opening the outbox.
      if (outboxKey !== null) {
        const message: MainToServiceMessage = { type: 'outbox-key', key: outboxKey };
        child.postMessage(message);
      }
    });
    child.on('message', (message: unknown) => {
      if (current()) this.handleMessage(message);
    });
    child.on('error', (type, location) => {
      if (current()) logger.error({ event: 'service.fatal-error', type, location });
    });
    child.on('exit', (code) => {
      for (const resolve of this.exitWaiters) resolve();
      this.exitWaiters.clear();
      if (!current()) return;
      this.handleExit(code);
    });
  }

  private handleMessage(message: unknown): void {
    const { logger } = this.options;
    if (!isServiceToMainMessage(message)) {
      logger.warn({ event: 'service.message-ignored' });
      return;
    }
    if (message.type === 'service-ready') {
      if (this.stateValue !== 'starting') return;
      this.stateValue = 'ready';
      logger.info({ event: 'service.ready', restarts: this.backoff.attempts });
      this.stableTimer = setTimeout(() => this.backoff.reset(), this.stableAfterMs);
      this.options.onReady?.();
      return;
    }
    this.options.onMessage?.(message);
  }

  private handleExit(code: number): void {
    this.child = undefined;
    if (this.stableTimer !== undefined) clearTimeout(this.stableTimer);
    this.stableTimer = undefined;

    if (this.stateValue === 'stopped') {
      this.options.logger.info({ event: 'service.stopped', code });
      return;
    }
    this.options.onDown?.();
    if (code === SERVICE_RESTART_EXIT_CODE) {
      // Asked for (a technician restarted the service): no crash, no backoff.
      this.options.logger.info({ event: 'service.restart-requested', code });
      this.backoff.reset();
      this.spawn();
      return;
    }
    this.options.logger.error({ event: 'service.exited', code });
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stateValue === 'stopped') return;
    this.stateValue = 'restart-pending';
    const delayMs = this.backoff.next();
    this.options.logger.info({ event: 'service.restart-scheduled', delayMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stateValue === 'restart-pending') this.spawn();
    }, delayMs);
  }

  private clearTimers(): void {
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    if (this.stableTimer !== undefined) clearTimeout(this.stableTimer);
    this.restartTimer = undefined;
    this.stableTimer = undefined;
  }
}
