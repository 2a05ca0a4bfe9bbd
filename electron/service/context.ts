/** Everything a domain handler may use; built once by the composition root. */
import type { Logger } from '../../drivers/common/logger.js';
import type { ServiceApprovalClient } from './approval/index.js';
import type { ApplicationsDomain } from './application/domain.js';
import type { LoadedConfig } from './config/load.js';
import type { CentralApiSwitch } from './devdock/central-api.js';
import type { DeviceHub } from './devices/hub.js';
import type { EventBus } from './events.js';
import type { SessionManager } from './session/session.js';
import type { SpeechService } from './speech/speech-service.js';
import type { StaffDomain } from './staff/domain.js';
import type { Db } from './store/db.js';

export interface ServiceContext {
  readonly loaded: LoadedConfig;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly bus: EventBus;
  readonly store: Db;
  readonly session: SessionManager;
  readonly hub: DeviceHub;
  /** Base URL of the central approval API; undefined when `embedded` and no host started one. */
  readonly approvalBaseUrl: string | undefined;
  /** The one approval client every domain uses (null with the reason when there is none). */
  readonly approval: ServiceApprovalClient;
  readonly version: string;
  readonly startedAt: string;
  /** Staff sign-in, audit log, out-of-service monitor, heartbeat (issue 10). */
  readonly staffDomain: StaffDomain;
  /** Speech output with espeak-ng (issue 9). */
  readonly speech: SpeechService;
  /** Catalogue cache, application desk, encrypted outbox and forwarder (issue 8). */
  readonly applications: ApplicationsDomain;
  /** Demo configs with the embedded sandbox: the dev dock's "central API down / up" switch. */
  readonly centralApiSwitch?: CentralApiSwitch;
}
