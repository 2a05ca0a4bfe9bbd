/**
 * What every device family shares: identity, a status the technician screen can show, and a
 * lifecycle the device hub drives. Family-specific operations (read a card, print a receipt)
 * live on each family's own interface, which extends `Device`.
 */
import { TypedEmitter } from './emitter.js';
import type { DeviceError } from './result.js';

export type DeviceFamily = 'idCard' | 'barcode' | 'scanner' | 'printer';

/**
 * - `not-configured`: the config names no device of this family.
 * - `connecting`: opening the transport or waiting for the first answer.
 * - `ready`: answered and usable.
 * - `busy`: doing an operation (reading, scanning, printing).
 * - `disconnected`: the transport is gone; the driver retries with backoff by itself.
 * - `fault`: the device answers but cannot work (SAM not authorised, cover open, paper out).
 */
export type DeviceState =
  'not-configured' | 'connecting' | 'ready' | 'busy' | 'disconnected' | 'fault';

export interface DeviceStatus {
  /** Stable id from config, e.g. `idCard`, `barcode.0`, `scanner`, `printer`. */
  readonly id: string;
  readonly family: DeviceFamily;
  /** The config's `driver` value; `none` when not configured. */
  readonly driver: string;
  readonly state: DeviceState;
  /** Short technician-facing detail, e.g. `/dev/ttyUSB0 @ 115200`, `paper near end`. */
  readonly detail?: string;
  readonly lastError?: DeviceError & { readonly at: string };
  /** ISO time of the last state change. */
  readonly since: string;
}

export type DeviceEvents = {
  status: DeviceStatus;
};

export interface Device {
  readonly id: string;
  readonly family: DeviceFamily;
  readonly driver: string;
  /** Opens the transport and starts any polling; resolves once the first attempt is made. */
  start(): Promise<void>;
  /** Stops polling and closes the transport; safe to call twice. */
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): () => void;
}

/**
 * Keeps a device's status and tells listeners on each change. Drivers extend it (or hold one)
 * and call `setState` on every transition; repeated identical states are not re-announced.
 */
export class DeviceStatusTracker extends TypedEmitter<DeviceEvents> {
  private current: DeviceStatus;

  constructor(
    id: string,
    family: DeviceFamily,
    driver: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.current = { id, family, driver, state: 'connecting', since: this.now().toISOString() };
  }

  get status(): DeviceStatus {
    return this.current;
  }

  setState(state: DeviceState, detail?: string): void {
    if (state === this.current.state && detail === this.current.detail) return;
    const { lastError } = this.current;
    this.current = {
      id: this.current.id,
      family: this.current.family,
      driver: this.current.driver,
      state,
      ...(detail === undefined ? {} : { detail }),
      ...(lastError === undefined ? {} : { lastError }),
      since: this.now().toISOString(),
    };
    this.emit('status', this.current);
  }

  recordError(error: DeviceError): void {
    this.current = { ...this.current, lastError: { ...error, at: this.now().toISOString() } };
    this.emit('status', this.current);
  }
}

export function notConfiguredStatus(id: string, family: DeviceFamily): DeviceStatus {
  return { id, family, driver: 'none', state: 'not-configured', since: new Date().toISOString() };
}
