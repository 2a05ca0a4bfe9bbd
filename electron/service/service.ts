/**
 * Composition root of the kiosk service: config, logging, store, session, devices, handlers,
 * dispatcher. Both hosts (Electron's utility process and the browser host) build the service
 * here and only add their transport.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../../drivers/common/logger.js';
import { createApplicationsDomain } from './application/domain.js';
import { forwardOnRecovery } from './application/recovery.js';
import { serviceApprovalClient } from './approval/index.js';
import type { LoadedConfig } from './config/load.js';
import type { ServiceContext } from './context.js';
import { createBarcodeFamily } from './devices/barcode.js';
import type { FamilyContext } from './devices/family.js';
import { DeviceHub } from './devices/hub.js';
import { createIdCardFamily } from './devices/id-card.js';
import { createPrinterFamily } from './devices/printer.js';
import { createScannerFamily } from './devices/scanner.js';
import { EventBus } from './events.js';
import { allHandlers } from './handlers/index.js';
import { Dispatcher } from './rpc/dispatcher.js';
import type { ServeDeps } from './rpc/serve.js';
import { SessionManager } from './session/session.js';
import { createSpeech } from './speech/speech-service.js';
import { auditStaffCalls } from './staff/audit-calls.js';
import { createStaffDomain } from './staff/domain.js';
import type { KeyProvider } from './outbox/crypto.js';
import type { CentralApiSwitch } from './devdock/central-api.js';
import { openStore } from './store/db.js';
import { MIGRATIONS } from './store/migrations/index.js';
import { packageVersion } from './version.js';

export interface KioskServiceOptions {
  readonly loaded: LoadedConfig;
  /** Folder for the database, keys and outbox files. */
  readonly dataDir: string;
  readonly logger: Logger;
  /**
   * The central approval API's base URL: the config's `approvalApi.baseUrl`, or, for
   * `"embedded"`, the URL of the sandbox the browser host started.
   */
  readonly approvalBaseUrl?: string;
  /** How the host restarts the service when a technician asks (absent: not supported). */
  readonly requestRestart?: (reason: string) => void;
  /** Electron: how the service tells main that a technician authorised quitting. */
  readonly requestQuit?: () => void;
  /**
   * The outbox encryption key. Electron main passes the key it unwrapped with safeStorage;
   * without it the service uses the owner-only key file in dataDir.
   */
  readonly outboxKeys?: KeyProvider;
  /** Demo configs: the dev dock's switch over the embedded sandbox the host started. */
  readonly centralApiSwitch?: CentralApiSwitch;
}

export interface KioskService extends ServeDeps {
  readonly ctx: ServiceContext;
  start(): Promise<void>;
  /** Ends the session, stops devices, closes the database; safe to call twice. */
  shutdown(reason: string): Promise<void>;
}

export function createKioskService({
  loaded,
  dataDir,
  logger,
  approvalBaseUrl,
  requestRestart,
  requestQuit,
  outboxKeys,
  centralApiSwitch,
}: KioskServiceOptions): KioskService {
  const absoluteDataDir = resolve(dataDir);
  mkdirSync(absoluteDataDir, { recursive: true, mode: 0o700 });

  const bus = new EventBus(logger);
  const store = openStore({
    path: join(absoluteDataDir, 'kiosk.db'),
    migrations: MIGRATIONS,
    logger,
  });
  const session = new SessionManager(bus, logger.child({ domain: 'session' }));

  const familyContext: FamilyContext = {
    config: loaded.config,
    resolvePath: loaded.resolvePath,
    dataDir: absoluteDataDir,
    logger: logger.child({ domain: 'devices' }),
    bus,
    session,
    store,
  };
  const hub = new DeviceHub(
    {
      idCard: createIdCardFamily(familyContext),
      barcode: createBarcodeFamily(familyContext),
      scanner: createScannerFamily(familyContext),
      printer: createPrinterFamily(familyContext),
    },
    bus,
    logger.child({ domain: 'devices' }),
  );

  const resolvedApprovalBaseUrl =
    approvalBaseUrl ??
    (loaded.config.approvalApi.baseUrl === 'embedded'
      ? undefined
      : loaded.config.approvalApi.baseUrl);
  // One client for every domain: one circuit breaker, the one the technician screen shows.
  const approval = serviceApprovalClient({
    config: loaded.config,
    baseUrl: resolvedApprovalBaseUrl,
    resolvePath: loaded.resolvePath,
    logger,
  });
  if (approval.problem) logger.error({ event: 'approval.no-client', problem: approval.problem });
  const staffDomain = createStaffDomain({
    loaded,
    store,
    bus,
    hub,
    session,
    logger,
    approval,
    version: packageVersion(),
    ...(requestRestart ? { requestRestart } : {}),
    ...(requestQuit ? { requestQuit } : {}),
    // Read at each beat, after start(): `applications` exists by then.
    outboxDepth: () => applications.outbox.stats().pending,
  });

  const applications = createApplicationsDomain({
    config: loaded.config,
    resolvePath: loaded.resolvePath,
    dataDir: absoluteDataDir,
    db: store,
    session,
    logger,
    ...(approval.client ? { client: approval.client } : {}),
    ...(outboxKeys ? { keys: outboxKeys } : {}),
    scanPdf: async (materialId) => {
      const pdf = await hub.families.scanner.pdf(materialId);
      return pdf ? { pdf: pdf.pdf, sha256: pdf.sha256, pages: pdf.pages } : undefined;
    },
    onForwarded: (localReference, trackingNumber) =>
      bus.publish('application.forwarded', { localReference, trackingNumber }),
  });

  const ctx: ServiceContext = {
    loaded,
    dataDir: absoluteDataDir,
    logger,
    bus,
    store,
    session,
    hub,
    approvalBaseUrl: resolvedApprovalBaseUrl,
    approval,
    version: packageVersion(),
    startedAt: new Date().toISOString(),
    staffDomain,
    applications,
    ...(centralApiSwitch ? { centralApiSwitch } : {}),
    speech: createSpeech(
      loaded.config.ui.privateAudio,
      session,
      logger.child({ domain: 'speech' }),
    ),
  };
  const dispatcher = new Dispatcher(
    auditStaffCalls(allHandlers(ctx), staffDomain.audit, staffDomain.staff),
    { logger: logger.child({ domain: 'rpc' }) },
  );

  let stopped = false;
  let stopRecovery: () => void = () => undefined;
  return {
    ctx,
    dispatcher,
    bus,
    logger,
    async start() {
      await hub.start();
      staffDomain.start();
      applications.start();
      stopRecovery = forwardOnRecovery({
        client: approval.client,
        bus,
        forwarder: applications.forwarder,
        pending: () => applications.outbox.stats().pending,
        logger: logger.child({ domain: 'applications' }),
      });
      logger.info({
        event: 'service.started',
        terminalId: loaded.config.terminal.id,
        mode: loaded.config.mode,
        version: ctx.version,
      });
    },
    async shutdown(reason) {
      if (stopped) return;
      stopped = true;
      logger.info({ event: 'service.stopping', reason });
      stopRecovery();
      staffDomain.stop();
      await applications.stop();
      session.end('shutdown');
      await hub.stop();
      store.close();
      logger.info({ event: 'service.stopped', reason });
    },
  };
}
