/**
 * Builds the applications domain from the service context: the approval client (issue 7's
 * signed client, one per service), the catalogue cache, the encrypted outbox, its forwarder and
 * the application desk. The composition root calls `createApplicationsDomain` once and starts
 * and stops it with the service.
 */
import type { Logger } from '../../../drivers/common/logger.js';
import type { KioskConfig } from '../../../kiosk-config/schema.js';
import type { ApprovalClient } from '../approval/client.js';
import { approvalClientFromConfig } from '../approval/index.js';
import { CatalogueCache } from '../catalogue/cache.js';
import { fileKeyProvider, type KeyProvider } from '../outbox/crypto.js';
import { Forwarder, type ForwarderStep } from '../outbox/forwarder.js';
import { OutboxStore } from '../outbox/store.js';
import type { SessionManager } from '../session/session.js';
import type { Db } from '../store/db.js';
import { DeliveryDesk } from './delivery.js';
import { ApplicationDesk, type DeskDeps } from './desk.js';

const HOUR_MS = 3_600_000;
/** Bounds of the catalogue list refresh interval, milliseconds. */
const CATALOGUE_REFRESH_MIN_MS = 60_000;
const CATALOGUE_REFRESH_MAX_MS = 6 * HOUR_MS;
/** Backoff of one application the API asked to retry later (409, 429), milliseconds. */
const RETRY_LATER_BACKOFF = { initialMs: 1000, maxMs: 120_000 } as const;

export interface ApplicationsDomain {
  readonly client: ApprovalClient | undefined;
  readonly catalogue: CatalogueCache;
  readonly outbox: OutboxStore;
  readonly forwarder: Forwarder | undefined;
  readonly desk: ApplicationDesk;
  /** Where the result goes: the applicant's choice among the item's options. */
  readonly delivery: DeliveryDesk;
  /** Starts the forwarder and a first catalogue refresh (in the background). */
  start(): void;
  stop(): Promise<void>;
}

export interface ApplicationsDomainOptions {
  readonly config: KioskConfig;
  readonly resolvePath: (path: string) => string;
  readonly dataDir: string;
  readonly db: Db;
  readonly session: SessionManager;
  readonly logger: Logger;
  /** Builds its own client from this URL when no `client` is given (tests, tools). */
  readonly approvalBaseUrl?: string | undefined;
  /** The outbox key; default the key file in dataDir (Electron main passes a safeStorage key). */
  readonly keys?: KeyProvider;
  readonly scanPdf: DeskDeps['scanPdf'];
  /** Called after each application the central API acknowledged. */
  readonly onForwarded?: (localReference: string, trackingNumber: string) => void;
  /** Tests only: a hook at each forwarding step; a client replacement (e.g. through a proxy). */
  readonly onForwarderStep?: (step: ForwarderStep, localReference: string) => void | Promise<void>;
  readonly client?: ApprovalClient;
}

export function createApplicationsDomain(options: ApplicationsDomainOptions): ApplicationsDomain {
  const { config, logger } = options;
  const settings = config.applications;
  const domainLogger = logger.child({ domain: 'applications' });
  let client = options.client;
  try {
    if (!client && options.approvalBaseUrl) {
      client = approvalClientFromConfig({
        config,
        baseUrl: options.approvalBaseUrl,
        resolvePath: options.resolvePath,
        logger,
      });
    }
  } catch (e) {
    // Without a key the kiosk still takes applications: they wait in the outbox.
    domainLogger.error({ event: 'applications.no-client', error: (e as Error).message });
  }

  const catalogue = new CatalogueCache(options.db, client, {
    staleAfterMs: settings.catalogueStaleHours * HOUR_MS,
    logger: domainLogger,
  });
  const outbox = new OutboxStore(options.db, options.keys ?? fileKeyProvider(options.dataDir));
  const forwarder = client
    ? new Forwarder({
        store: outbox,
        client,
        logger: domainLogger,
        retentionMs: settings.retentionHours * HOUR_MS,
        idlePollMs: settings.forwarderIdleMs,
        outageBackoff: {
          initialMs: settings.outageBackoffInitialMs,
          maxMs: Math.max(settings.outageBackoffInitialMs, settings.outageBackoffMaxMs),
        },
        retryBackoff: RETRY_LATER_BACKOFF,
        ...(options.onForwarded ? { onForwarded: options.onForwarded } : {}),
        ...(options.onForwarderStep ? { onStep: options.onForwarderStep } : {}),
      })
    : undefined;
  const desk = new ApplicationDesk({
    session: options.session,
    catalogue,
    outbox,
    forwarder,
    client,
    terminalId: config.terminal.id,
    submitWaitMs: settings.submitWaitMs,
    derivedCopyValidDays: settings.derivedCopyValidDays,
    ...(settings.hallRegion ? { hallRegion: settings.hallRegion } : {}),
    scanPdf: options.scanPdf,
    logger: domainLogger,
  });
  const delivery = new DeliveryDesk({
    current: () => desk.current(),
    client,
    terminalId: config.terminal.id,
    logger: domainLogger,
  });

  let refreshing: Promise<unknown> | undefined;
  let refreshTimer: NodeJS.Timeout | undefined;
  const refresh = (): void => {
    if (!client || refreshing) return;
    refreshing = catalogue
      .refreshSummaries()
      .catch((e: unknown) =>
        domainLogger.warn({ event: 'catalogue.refresh-failed', error: (e as Error).message }),
      )
      .finally(() => (refreshing = undefined));
  };
  return {
    client,
    catalogue,
    outbox,
    forwarder,
    desk,
    delivery,
    start() {
      forwarder?.start();
      refresh();
      // Refresh twice per staleness period, so the list goes stale only while the API is down.
      const everyMs = Math.min(
        CATALOGUE_REFRESH_MAX_MS,
        Math.max(CATALOGUE_REFRESH_MIN_MS, (settings.catalogueStaleHours * HOUR_MS) / 2),
      );
      refreshTimer = setInterval(refresh, everyMs);
      refreshTimer.unref();
    },
    async stop() {
      clearInterval(refreshTimer);
      await forwarder?.stop();
      await refreshing;
    },
  };
}
