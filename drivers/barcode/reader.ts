/** What every barcode reader driver offers the device hub, whatever its transport. */
import type { Device } from '../common/device.js';
import type { BarcodeScan } from './scan.js';

export interface BarcodeReader extends Device {
  readonly family: 'barcode';
  /** Called once per complete code; returns an unsubscribe function. */
  onScan(listener: (scan: BarcodeScan) => void): () => void;
}

/** Reconnect delays after a reader disappears, milliseconds. */
export const RECONNECT_INITIAL_MS = 250;
export const RECONNECT_MAX_MS = 5000;
