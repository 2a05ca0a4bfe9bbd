/**
 * HID POS barcode reader through node-hid (hidraw on Linux; needs a udev rule giving the
 * kiosk user `/dev/hidraw*`, see docs/barcode.md). Reports of the configured vendor layout are
 * reassembled into codes; when the device goes away (node-hid reports a read error) the
 * reader reopens it with backoff.
 *
 * The device opener is injected: the service passes `openNodeHid`, tests and demo mode pass
 * the simulator's opener (`hid-simulator.ts`), because virtual HID devices need uhid kernel
 * support that test machines and containers lack.
 */
import {
  HID_POS_USAGE_PAGE,
  HidReassembler,
  MAX_REASSEMBLED_BYTES,
  parseHidReport,
  type HidReportLayout,
} from './hid-reports.js';
import { ReconnectingBarcodeReader, type ReaderDeps } from './reader.js';

export interface HidReaderConfig {
  readonly id: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly reportLayout: HidReportLayout;
  /**
   * Pause after which a partly received code is finished (Newland) or dropped (Honeywell),
   * milliseconds. Reports of one code arrive within a few ms of each other.
   */
  readonly reassemblyTimeoutMs?: number;
}

/** The part of node-hid's `HIDAsync` the reader uses. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  close(): Promise<void> | void;
}

export type HidOpener = (vendorId: number, productId: number) => Promise<HidDeviceLike>;

export const DEFAULT_REASSEMBLY_TIMEOUT_MS = 50;

/**
 * Opens the HID POS interface (usage page 0x8C) of a reader with node-hid. A reader exposes
 * several interfaces; opening by VID/PID alone could pick its keyboard one.
 */
export const openNodeHid: HidOpener = async (vendorId, productId) => {
  const hid = await import('node-hid');
  const match = (await hid.devicesAsync(vendorId, productId)).find(
    (d) => d.usagePage === HID_POS_USAGE_PAGE && d.path,
  );
  if (!match?.path) {
    throw new Error(
      `no HID POS interface (usage page 0x8C) for ${hex4(vendorId)}:${hex4(productId)}; ` +
        'is the reader in HID POS mode and is /dev/hidraw* readable?',
    );
  }
  return hid.HIDAsync.open(match.path);
};

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

export interface HidReaderDeps extends ReaderDeps {
  readonly open?: HidOpener;
}

export class HidPosBarcodeReader extends ReconnectingBarcodeReader {
  private readonly reassembler = new HidReassembler();
  private device: HidDeviceLike | undefined;
  private reassemblyTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: HidReaderConfig,
    private readonly deps: HidReaderDeps = {},
  ) {
    super(config.id, 'hid-pos', deps);
  }

  protected get detail(): string {
    const { vendorId, productId, reportLayout } = this.config;
    return `${hex4(vendorId)}:${hex4(productId)} ${reportLayout}`;
  }

  protected async openTransport(): Promise<string | undefined> {
    let device: HidDeviceLike;
    try {
      device = await (this.deps.open ?? openNodeHid)(this.config.vendorId, this.config.productId);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    this.device = device;
    device.on('data', (report) => this.onReport(report));
    device.on('error', (e) => this.lost(e.message));
    return undefined;
  }

  protected async closeTransport(): Promise<void> {
    clearTimeout(this.reassemblyTimer);
    this.reassembler.flush();
    const device = this.device;
    this.device = undefined;
    if (!device) return;
    device.removeAllListeners();
    // A late read error from a vanishing device must not become an unhandled 'error' event.
    device.on('error', () => undefined);
    // A device that is already gone may fail to close; it is closed as far as we care.
    await Promise.resolve()
      .then(() => device.close())
      .catch(() => undefined);
  }

  private onReport(report: Buffer): void {
    const fragment = parseHidReport(this.config.reportLayout, report);
    if (!fragment.ok) {
      // Trigger reports and the like: not data, and not worth a line each.
      this.logger.debug({ event: 'barcode.report-ignored', reason: fragment.error });
      return;
    }
    clearTimeout(this.reassemblyTimer);
    const complete = this.reassembler.push(fragment.value);
    const dropped = this.reassembler.takeDropped();
    if (dropped) {
      this.logger.warn({
        event: 'barcode.incomplete-dropped',
        reason: 'too-long',
        reports: dropped.reports,
        bytes: dropped.bytes,
        maxBytes: MAX_REASSEMBLED_BYTES,
      });
    }
    if (complete) this.emitScan(complete.data, complete.symbologyIdentifier);
    if (this.reassembler.pending) {
      this.reassemblyTimer = setTimeout(
        () => this.onReassemblyTimeout(),
        this.config.reassemblyTimeoutMs ?? DEFAULT_REASSEMBLY_TIMEOUT_MS,
      );
    }
  }

  private onReassemblyTimeout(): void {
    const result = this.reassembler.flush();
    if (!result) return;
    if ('complete' in result) {
      this.emitScan(result.complete.data, result.complete.symbologyIdentifier);
    } else {
      this.logger.warn({
        event: 'barcode.incomplete-dropped',
        reason: 'no-last-report',
        reports: result.incomplete,
      });
    }
  }
}
