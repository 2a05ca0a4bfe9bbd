/**
 * Service module of the id-card family: builds the reader from `devices.idCard`, turns each
 * card read into the applicant session (ARCHITECTURE.md: card -> identity -> session) and
 * into contract events, and exposes the in-process simulator to the dev dock and the CLI.
 */
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import {
  createSamSerialReader,
  createSimulatedReader,
  type IdCardRead,
  type SamReader,
  type SamSimulator,
} from '../../../drivers/id-card/index.js';
import type { IdCardConfig } from '../../../kiosk-config/devices/id-card.js';
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';

export interface IdCardFamily extends FamilyModule {
  /** The reader, or null when the config names none. */
  readonly reader: SamReader | null;
  /** The in-process simulator behind a `driver: "simulator"` reader, else null. */
  readonly simulator: SamSimulator | null;
}

export function createIdCardFamily(ctx: FamilyContext): IdCardFamily {
  const config = ctx.config.devices.idCard;
  if (!config) return { ...unconfiguredFamily('idCard'), reader: null, simulator: null };

  const logger = ctx.logger.child({ family: 'idCard' });
  const { reader, simulator } = buildReader(config, logger);

  reader.on('card', (read) => onCard(ctx, config, read));
  reader.on('removed', ({ at }) => ctx.bus.publish('idCard.removed', { at }));
  reader.on('error', (error) =>
    ctx.bus.publish('idCard.error', {
      code: error.code,
      message: error.message,
      ...(error.sw3 === undefined ? {} : { sw3: error.sw3 }),
    }),
  );

  return {
    family: 'idCard',
    devices: [reader],
    reader,
    simulator,
    start: () => reader.start(),
    stop: () => reader.stop(),
  };
}

function buildReader(
  config: IdCardConfig,
  logger: FamilyContext['logger'],
): { reader: SamReader; simulator: SamSimulator | null } {
  const common = {
    baudRate: config.baudRate,
    readFingerprint: config.readFingerprint,
    pollIntervalMs: config.pollIntervalMs,
    timeoutSlackMs: config.timeoutSlackMs,
    logger,
  };
  switch (config.driver) {
    case 'sam-serial':
      return { reader: createSamSerialReader({ ...common, path: config.path }), simulator: null };
    case 'simulator': {
      const built = createSimulatedReader({
        ...common,
        ...(config.cards ? { cards: config.cards } : {}),
        ...(config.autoPlaceMs === undefined ? {} : { autoPlaceMs: config.autoPlaceMs }),
      });
      return built;
    }
    default: {
      const never: never = config;
      throw new TypeError(`id-card: unknown driver in ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A card read starts the applicant session. While a session with an applicant is running,
 * the read replaces it only when `replaceSession` is configured; otherwise the running
 * session keeps its applicant (someone else's card on the reader must not take it over).
 */
function onCard(ctx: FamilyContext, config: IdCardConfig, read: IdCardRead): void {
  const { document } = read;
  const busy = ctx.session.active?.applicant !== undefined;
  let identified = false;
  if (!busy || config.replaceSession) {
    ctx.session.identify({
      kind: 'person',
      source: 'id-card',
      documentType: document.documentType,
      idNumber: document.idNumber,
      name: document.name,
      // Card fields and photo bytes stay in the service with the session.
      document: { ...document, photo: read.photo },
    });
    identified = true;
  }
  ctx.bus.publish('idCard.read', {
    documentType: document.documentType,
    nameMasked: maskName(document.name),
    idNumberMasked: maskIdentifier(document.idNumber),
    identified,
    readAt: read.readAt,
  });
}
