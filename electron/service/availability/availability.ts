/**
 * Whether the kiosk can serve applicants. It goes out of service when
 * - a configured device of a critical family (`maintenance.criticalFamilies`) has been away
 *   (connecting, disconnected or fault) for longer than `maintenance.graceSeconds`, or
 * - `failureLimit` failures happened within `failureWindowSeconds`: a device entering
 *   `fault`, or a failure another domain reports (`reportFailure`).
 * It comes back by itself once every critical device is back and the failure window has
 * emptied. Each change is published as `service.availability` with the config's fallback
 * directions so the renderer shows where to go instead.
 */
import type { DeviceState, DeviceStatus } from '../../../drivers/common/device.js';
import type { Logger } from '../../../drivers/common/logger.js';
import type { MaintenanceConfig } from '../../../kiosk-config/staff.js';

export interface AvailabilityView {
  readonly state: 'in-service' | 'out-of-service';
  readonly reasons: string[];
  readonly since: string;
  readonly fallbackDirections?: { 'zh-CN': string; en: string };
}

export interface AvailabilityOptions {
  readonly config: Pick<
    MaintenanceConfig,
    'criticalFamilies' | 'graceSeconds' | 'failureLimit' | 'failureWindowSeconds'
  >;
  readonly fallbackDirections?: { 'zh-CN': string; en: string };
  readonly statuses: () => readonly DeviceStatus[];
  readonly publish: (view: AvailabilityView) => void;
  readonly logger: Logger;
  /** Epoch ms, injectable for tests. */
  readonly now?: () => number;
}

const AWAY: ReadonlySet<DeviceState> = new Set(['connecting', 'disconnected', 'fault']);
/** How often the monitor re-evaluates without events (grace and window expiry), ms. */
const TICK_MS = 1000;

export class AvailabilityMonitor {
  private readonly now: () => number;
  /** Device id -> epoch ms it went away. */
  private readonly awaySince = new Map<string, number>();
  private readonly lastState = new Map<string, DeviceState>();
  private failures: { at: number; source: string }[] = [];
  private currentView: AvailabilityView;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: AvailabilityOptions) {
    this.now = options.now ?? Date.now;
    this.currentView = this.view('in-service', []);
    for (const status of options.statuses()) this.observe(status);
  }

  get current(): AvailabilityView {
    return this.currentView;
  }

  get outOfService(): boolean {
    return this.currentView.state === 'out-of-service';
  }

  start(): void {
    this.timer = setInterval(() => this.evaluate(), TICK_MS);
    this.timer.unref();
    this.evaluate();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Feed every `devices.status` here. */
  observe(status: DeviceStatus): void {
    const previous = this.lastState.get(status.id);
    this.lastState.set(status.id, status.state);
    if (status.state === 'fault' && previous !== 'fault') {
      this.failures.push({ at: this.now(), source: status.id });
    }
    if (AWAY.has(status.state)) {
      if (!this.awaySince.has(status.id)) this.awaySince.set(status.id, this.now());
    } else {
      this.awaySince.delete(status.id);
    }
    this.evaluate();
  }

  /**
   * A failure that counts toward the limit: a domain's repeated failure, or (with `at`) an
   * earlier start of the service within the window, i.e. the service keeps restarting.
   */
  reportFailure(source: string, at = this.now()): void {
    this.failures.push({ at, source });
    this.evaluate();
  }

  evaluate(): AvailabilityView {
    const { config } = this.options;
    const now = this.now();
    this.failures = this.failures.filter((f) => now - f.at < config.failureWindowSeconds * 1000);
    const reasons: string[] = [];
    for (const status of this.options.statuses()) {
      if (!config.criticalFamilies.includes(status.family)) continue;
      const since = this.awaySince.get(status.id);
      if (since !== undefined && now - since >= config.graceSeconds * 1000) {
        reasons.push(
          `${status.id} ${this.lastState.get(status.id) ?? status.state} for ${Math.round((now - since) / 1000)} s`,
        );
      }
    }
    if (this.failures.length >= config.failureLimit) {
      reasons.push(`${this.failures.length} failures in ${config.failureWindowSeconds} s`);
    }
    const state = reasons.length > 0 ? 'out-of-service' : 'in-service';
    if (state !== this.currentView.state) {
      this.currentView = this.view(state, reasons);
      this.options.logger[state === 'in-service' ? 'info' : 'warn']({
        event: state === 'in-service' ? 'service.back-in-service' : 'service.out-of-service',
        reasons,
      });
      this.options.publish(this.currentView);
    } else if (state === 'out-of-service') {
      // Same state, fresher reasons (seconds away) without a new event.
      this.currentView = { ...this.currentView, reasons };
    }
    return this.currentView;
  }

  private view(state: AvailabilityView['state'], reasons: string[]): AvailabilityView {
    return {
      state,
      reasons,
      since: new Date(this.now()).toISOString(),
      ...(this.options.fallbackDirections
        ? { fallbackDirections: this.options.fallbackDirections }
        : {}),
    };
  }
}
