/**
 * A HID POS reader as node-hid presents it: an object that emits `data` Buffers holding the
 * byte-exact 64-byte input reports of the chosen vendor layout, and `error` when unplugged.
 * Real virtual HID devices (uhid) need kernel support that test machines and containers lack,
 * so the simulator sits at node-hid's API instead of at /dev/hidraw.
 */
import { EventEmitter } from 'node:events';
import { encodeHidReports, type HidReportLayout } from './hid-reports.js';
import type { HidDeviceLike, HidOpener } from './hid-reader.js';
import type { SimulatedScan } from './serial-simulator.js';
import { encodePayload } from './text-encoding.js';

/** node-hid's message when a read fails because the device went away. */
const UNPLUGGED_MESSAGE = 'could not read from HID device';

class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;

  close(): void {
    this.closed = true;
  }
}

export interface HidScanOptions {
  /** Pause between the reports of one code, milliseconds (default: next event-loop turn). */
  readonly reportGapMs?: number;
  /** Vendor symbology byte to put in each report. */
  readonly vendorSymbologyId?: number;
}

export class HidReaderSimulator {
  private device: FakeHidDevice | undefined;
  private plugged = true;
  /** Reports emitted so far, for tests that check the bytes on the wire. */
  readonly sentReports: Buffer[] = [];

  constructor(readonly layout: HidReportLayout) {}

  /** Give this to `HidPosBarcodeReader` as `deps.open`. */
  readonly open: HidOpener = async () => {
    if (!this.plugged) throw new Error('cannot open device with vendor id and product id');
    this.device = new FakeHidDevice();
    return this.device;
  };

  get isOpen(): boolean {
    return this.device !== undefined && !this.device.closed;
  }

  /** Emits the reports of one code, as the reader would after a trigger pull. */
  async scan(scan: SimulatedScan, options: HidScanOptions = {}): Promise<void> {
    const data = new Uint8Array([
      ...(this.layout === 'newland' && scan.symbologyIdentifier
        ? new TextEncoder().encode(scan.symbologyIdentifier) // Newland sends AIM inline.
        : []),
      ...encodePayload(scan.text, scan.encoding ?? 'utf-8'),
    ]);
    const reports = encodeHidReports(this.layout, {
      data,
      ...(scan.symbologyIdentifier === undefined
        ? {}
        : { symbologyIdentifier: scan.symbologyIdentifier }),
      ...(options.vendorSymbologyId === undefined
        ? {}
        : { vendorSymbologyId: options.vendorSymbologyId }),
    });
    for (const report of reports) await this.emitReport(Buffer.from(report), options.reportGapMs);
  }

  /** Emits any report bytes, e.g. a trigger report or a malformed one. */
  async emitReport(report: Buffer, gapMs?: number): Promise<void> {
    await new Promise((r) => (gapMs ? setTimeout(r, gapMs) : setImmediate(r)));
    const device = this.device;
    if (!device || device.closed) throw new Error('simulated HID reader is not open');
    this.sentReports.push(report);
    device.emit('data', report);
  }

  /** Pulls the cable: the open device errors and reopening fails until `plug()`. */
  unplug(): void {
    this.plugged = false;
    const device = this.device;
    this.device = undefined;
    if (device && !device.closed) device.emit('error', new Error(UNPLUGGED_MESSAGE));
  }

  plug(): void {
    this.plugged = true;
  }
}
