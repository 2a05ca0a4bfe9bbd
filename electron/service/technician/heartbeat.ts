/**
 * The heartbeat to the central API (PUT /v1/terminals/{id}/heartbeat, sandbox/openapi.yaml):
 * every `maintenance.heartbeatSeconds` the service reports its software version, overall
 * status and each device's state. The last outcome is kept for the technician screen and
 * published as `tech.heartbeat`. A failed heartbeat is logged once per change, not per beat.
 */
import type { DeviceStatus } from '../../../drivers/common/device.js';
import type { Logger } from '../../../drivers/common/logger.js';
import type { ApprovalClient } from '../approval/client.js';

export type HeartbeatStatus = 'IN_SERVICE' | 'DEGRADED' | 'OUT_OF_SERVICE';

export interface HeartbeatView {
  readonly sentAt: string;
  readonly ok: boolean;
  readonly status: HeartbeatStatus;
  readonly receivedAt?: string;
  readonly error?: string;
}

export interface HeartbeatOptions {
  /** Null when the API cannot be reached from config (the reason is in `problem`). */
  readonly client: Pick<ApprovalClient, 'heartbeat'> | null;
  readonly problem?: string;
  readonly intervalSeconds: number;
  readonly version: string;
  readonly statuses: () => readonly DeviceStatus[];
  readonly outOfService: () => boolean;
  /** Applications waiting in the outbox, when the outbox exists. */
  readonly outboxDepth?: () => number | undefined;
  readonly onBeat: (view: HeartbeatView) => void;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** The overall status the central API sees. */
export function overallStatus(
  statuses: readonly DeviceStatus[],
  outOfService: boolean,
): HeartbeatStatus {
  if (outOfService) return 'OUT_OF_SERVICE';
  const troubled = statuses.some((s) => s.state === 'disconnected' || s.state === 'fault');
  return troubled ? 'DEGRADED' : 'IN_SERVICE';
}

function outboxDepthField(depth: HeartbeatOptions['outboxDepth']): { outboxDepth?: number } {
  const value = depth?.();
  return value === undefined ? {} : { outboxDepth: value };
}

export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastView: HeartbeatView | undefined;
  private inFlight: Promise<HeartbeatView> | undefined;

  constructor(private readonly options: HeartbeatOptions) {}

  get last(): HeartbeatView | undefined {
    return this.lastView;
  }

  start(): void {
    const { intervalSeconds, client } = this.options;
    if (intervalSeconds <= 0 || !client) {
      this.options.logger.info({
        event: 'heartbeat.disabled',
        reason: client ? 'maintenance.heartbeatSeconds is 0' : this.options.problem,
      });
      return;
    }
    this.timer = setInterval(() => void this.sendNow(), intervalSeconds * 1000);
    this.timer.unref();
    void this.sendNow();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends one heartbeat (joining one already on its way). */
  sendNow(): Promise<HeartbeatView> {
    this.inFlight ??= this.send().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async send(): Promise<HeartbeatView> {
    const { client, logger } = this.options;
    const now = this.options.now ?? (() => new Date());
    const statuses = this.options.statuses();
    const status = overallStatus(statuses, this.options.outOfService());
    const sentAt = now().toISOString();
    let view: HeartbeatView;
    if (!client) {
      view = {
        sentAt,
        ok: false,
        status,
        error: this.options.problem ?? 'no central API configured',
      };
    } else {
      const result = await client.heartbeat({
        sentAt,
        softwareVersion: this.options.version.slice(0, 64),
        status,
        devices: statuses.slice(0, 32).map((s) => ({ family: s.family, state: s.state })),
        ...outboxDepthField(this.options.outboxDepth),
      });
      view = result.ok
        ? { sentAt, ok: true, status, receivedAt: result.value.receivedAt }
        : { sentAt, ok: false, status, error: `${result.error.kind}: ${result.error.message}` };
    }
    if (view.ok !== this.lastView?.ok) {
      logger[view.ok ? 'info' : 'warn']({
        event: view.ok ? 'heartbeat.ok' : 'heartbeat.failed',
        status,
        ...(view.error ? { error: view.error } : {}),
      });
    }
    this.lastView = view;
    this.options.onBeat(view);
    return view;
  }
}
