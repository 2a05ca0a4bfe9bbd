/**
 * ID-card reader family: SAM protocol codec, driver, simulator. The service builds readers
 * with the two factories below; everything else is exported for tests, the CLI and the dev
 * dock.
 */
import type { Logger } from '../common/logger.js';
import { SamReader } from './driver.js';
import { createLinkedPair, openSerialLink } from './serial-link.js';
import { SamSimulator } from './simulator.js';
import { demoCardSpecs, syntheticCard, type CardSpec } from './synthetic-cards.js';

export * from './codec.js';
export * from './document.js';
export * from './driver.js';
export * from './id-numbers.js';
export * from './nations.js';
export * from './photo.js';
export * from './serial-link.js';
export * from './simulator.js';
export * from './status.js';
export * from './synthetic-cards.js';
export * from './text.js';

/** Options both factories share (see kiosk-config/devices/id-card.ts for their meaning). */
export interface ReaderFactoryOptions {
  readonly id?: string;
  readonly baudRate: number;
  readonly readFingerprint?: boolean;
  readonly pollIntervalMs?: number;
  readonly timeoutSlackMs?: number;
  readonly logger?: Logger;
}

/** A reader on a real serial port. */
export function createSamSerialReader(options: ReaderFactoryOptions & { path: string }): SamReader {
  return new SamReader({
    ...options,
    driver: 'sam-serial',
    detail: `${options.path} @ ${options.baudRate}`,
    open: () => openSerialLink(options.path, options.baudRate),
  });
}

export interface SimulatedReader {
  readonly reader: SamReader;
  /** The simulator behind the reader, for the dev dock and the CLI to place cards. */
  readonly simulator: SamSimulator;
}

/**
 * A reader wired to an in-process simulator over an in-memory link. The simulator still
 * paces its answers at `baudRate`, so the demo feels like the hardware.
 */
export function createSimulatedReader(
  options: ReaderFactoryOptions & { cards?: readonly CardSpec[]; autoPlaceMs?: number },
): SimulatedReader {
  const specs = options.cards ?? demoCardSpecs();
  const simulator = new SamSimulator({
    baudRate: options.baudRate,
    cards: specs.map(syntheticCard),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const reader = new SamReader({
    ...options,
    driver: 'simulator',
    detail: `simulator @ ${options.baudRate}`,
    open: () => {
      const [hostEnd, samEnd] = createLinkedPair();
      simulator.attach(samEnd);
      return Promise.resolve(hostEnd);
    },
  });
  if (options.autoPlaceMs !== undefined) {
    const start = reader.start.bind(reader);
    reader.start = async () => {
      await start();
      setTimeout(() => {
        if (simulator.placedIndex === null) simulator.placeCard(0);
      }, options.autoPlaceMs).unref();
    };
  }
  return { reader, simulator };
}
