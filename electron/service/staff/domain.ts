/**
 * The staff/technician domain as the composition root builds it: audit log, sign-in, the
 * out-of-service monitor and the heartbeat, plus the restart request the host provides.
 */
import type { Logger } from '../../../drivers/common/logger.js';
import {
  type ApprovalClient,
  readTerminalKeyFile,
  type ServiceApprovalClient,
} from '../approval/index.js';
import { AuditLog } from '../audit/audit-log.js';
import { AvailabilityMonitor } from '../availability/availability.js';
import type { LoadedConfig } from '../config/load.js';
import type { DeviceHub } from '../devices/hub.js';
import type { EventBus } from '../events.js';
import type { SessionManager } from '../session/session.js';
import type { Db } from '../store/db.js';
import { Heartbeat } from '../technician/heartbeat.js';
import { Lockout, sqliteLockoutStore } from './lockout.js';
import { StaffCalls } from './staff-calls.js';
import { StaffService } from './staff-service.js';

/**
 * Exit code of the service process when a technician asked for a restart (EX_TEMPFAIL from
 * sysexits.h): the Electron supervisor restarts the utility process after any exit, and the
 * distinct code tells a requested restart from a crash in its log.
 */
export const RESTART_EXIT_CODE = 75;

export interface StaffDomainDeps {
  readonly loaded: LoadedConfig;
  readonly store: Db;
  readonly bus: EventBus;
  readonly hub: DeviceHub;
  readonly session: SessionManager;
  readonly logger: Logger;
  /** The service's shared approval client (null with the reason when there is none). */
  readonly approval: ServiceApprovalClient;
  readonly version: string;
  /** The host's restart; undefined where nothing can restart the service (CLI). */
  readonly requestRestart?: (reason: string) => void;
  /** Electron: tells main a technician authorised quitting; undefined elsewhere. */
  readonly requestQuit?: () => void;
  /** Pending applications for the heartbeat (the outbox is built after this domain). */
  readonly outboxDepth?: () => number | undefined;
}

export interface StaffDomain {
  readonly audit: AuditLog;
  readonly staff: StaffService;
  /** The applicant's calls for help and staff acknowledgements. */
  readonly calls: StaffCalls;
  readonly availability: AvailabilityMonitor;
  readonly heartbeat: Heartbeat;
  /** The terminal's HMAC key (signs exports); null with the reason in `keyProblem`. */
  readonly terminalKey: Uint8Array | null;
  readonly keyProblem: string | undefined;
  readonly approvalClient: ApprovalClient | null;
  readonly requestRestart: ((reason: string) => void) | undefined;
  readonly requestQuit: (() => void) | undefined;
  start(): void;
  stop(): void;
}

/** Key in `kiosk_meta` (migration 001) of the recent service start times, epoch ms. */
const STARTS_KEY = 'service.recentStarts';

/** Keeps the service's recent start times so a restart loop is visible after a restart. */
export function serviceStartHistory(store: Db): {
  /** Records a start; returns the earlier starts within `windowMs`. */
  record(now: number, windowMs: number): number[];
} {
  const read = store.prepare('SELECT value FROM kiosk_meta WHERE key = ?');
  const write = store.prepare(
    'INSERT INTO kiosk_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    record(now, windowMs) {
      const row = read.get(STARTS_KEY) as { value: string } | undefined;
      let earlier: number[] = [];
      try {
        const parsed: unknown = row ? JSON.parse(row.value) : [];
        if (Array.isArray(parsed))
          earlier = parsed.filter((t): t is number => typeof t === 'number');
      } catch {
        earlier = [];
      }
      earlier = earlier.filter((t) => now - t < windowMs && t <= now);
      write.run(STARTS_KEY, JSON.stringify([...earlier, now]));
      return earlier;
    },
  };
}

export function createStaffDomain(deps: StaffDomainDeps): StaffDomain {
  const { loaded, store, bus, hub, session } = deps;
  const { config } = loaded;
  const logger = deps.logger.child({ domain: 'staff' });
  const audit = new AuditLog(store);
  const staff = new StaffService({
    config: config.staff,
    audit,
    lockout: new Lockout(config.staff.lockout, sqliteLockoutStore(store), Date.now),
    logger,
  });

  const calls = new StaffCalls({
    audit,
    publish: ({ event, payload }) => bus.publish(event, payload),
    logger,
    acknowledgeSeconds: config.staff.callAcknowledgeSeconds,
  });
  const unlistenSession = session.onEnd((ended) => calls.sessionEnded(ended.id));

  // Staff card sign-in listens to the same reader the applicant journey uses. The id-card
  // family's own listener runs first and may open an applicant session for the card; a staff
  // card taken for a sign-in must not leave that session behind.
  const reader = hub.families.idCard.reader;
  if (reader) {
    staff.attachCardSource(reader, (cardNumber) => {
      if (session.active?.applicant?.idNumber === cardNumber) session.end('cancel');
    });
  }

  const availability = new AvailabilityMonitor({
    config: config.maintenance,
    ...(config.terminal.fallbackDirections
      ? { fallbackDirections: config.terminal.fallbackDirections }
      : {}),
    statuses: () => hub.statuses(),
    publish: (view) => bus.publish('service.availability', view),
    logger,
  });
  const unlisten = bus.listen((event, payload) => {
    if (event === 'devices.status')
      availability.observe(payload as Parameters<AvailabilityMonitor['observe']>[0]);
  });

  let terminalKey: Uint8Array | null = null;
  let keyProblem: string | undefined;
  try {
    terminalKey = readTerminalKeyFile(loaded.resolvePath(config.approvalApi.keyFile));
  } catch (error) {
    keyProblem = (error as Error).message;
  }
  const approvalClient = deps.approval.client;
  const apiProblem = keyProblem ?? deps.approval.problem;
  const heartbeat = new Heartbeat({
    client: approvalClient,
    ...(apiProblem ? { problem: apiProblem } : {}),
    intervalSeconds: config.maintenance.heartbeatSeconds,
    version: deps.version,
    statuses: () => hub.statuses(),
    outOfService: () => availability.outOfService,
    ...(deps.outboxDepth ? { outboxDepth: deps.outboxDepth } : {}),
    onBeat: (view) => bus.publish('tech.heartbeat', view),
    logger,
  });

  const startHistory = serviceStartHistory(store);

  return {
    audit,
    staff,
    calls,
    availability,
    heartbeat,
    terminalKey,
    keyProblem,
    approvalClient,
    requestRestart: deps.requestRestart,
    requestQuit: deps.requestQuit,
    start() {
      // Earlier starts within the failure window mean the service keeps failing (Electron's
      // supervisor or systemd restarting it): each one counts as a failure.
      const windowMs = config.maintenance.failureWindowSeconds * 1000;
      for (const at of startHistory.record(Date.now(), windowMs)) {
        availability.reportFailure('service-restart', at);
      }
      availability.start();
      heartbeat.start();
    },
    stop() {
      unlisten();
      unlistenSession();
      calls.close();
      heartbeat.stop();
      availability.stop();
      staff.close();
    },
  };
}
