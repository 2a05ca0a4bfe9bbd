/**
 * What the device hub needs from each device family's service module. A family module builds
 * its drivers from config, wires their events into the session and the event bus, and exposes
 * family-specific operations to its own handlers.
 */
import type { Device, DeviceFamily } from '../../../drivers/common/device.js';
import type { Logger } from '../../../drivers/common/logger.js';
import type { KioskConfig } from '../../../kiosk-config/schema.js';
import type { Db } from '../store/db.js';
import type { EventBus } from '../events.js';
import type { SessionManager } from '../session/session.js';

export interface FamilyContext {
  readonly config: KioskConfig;
  /** Resolves a path from the config relative to the config file. */
  readonly resolvePath: (p: string) => string;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly bus: EventBus;
  readonly session: SessionManager;
  readonly store: Db;
}

export interface FamilyModule {
  readonly family: DeviceFamily;
  /** The configured devices of this family; empty when the config names none. */
  readonly devices: readonly Device[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A family whose config names no device: honest "not configured", nothing to start. */
export function unconfiguredFamily(family: DeviceFamily): FamilyModule {
  return { family, devices: [], start: async () => {}, stop: async () => {} };
}
