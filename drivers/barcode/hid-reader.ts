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
import { Backoff } from '../common/backoff.js';
import { DeviceStatusTracker, type DeviceStatus } from '../common/device.js';
import { TypedEmitter } from '../common/emitter.js';
import { silentLogger, type Logger } from '../common/logger.js';
import {
  HID_POS_USAGE_PAGE,
  HidReassembler,
  parseHidReport,
  type HidReportLayout,
  type ReassembledScan,
} from './hid-reports.js';
import { RECONNECT_INITIAL_MS, RECONNECT_MAX_MS, type BarcodeReader } from './reader.js';
import { interpretScan, scanLogFields, type BarcodeScan } from './scan.js';

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

export interface HidReaderDeps {
  readonly open?: HidOpener;
  readonly logger?: Logger;
  readonly backoff?: Backoff;
  readonly now?: () => Date;
}

export class HidPosBarcodeReader implements BarcodeReader {
  readonly family = 'barcode' as const;
  readonly driver = 'hid-pos';
  private readonly tracker: DeviceStatusTracker;
  private readonly scans = new TypedEmitter<{ scan: BarcodeScan }>();
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly now: () => Date;
  private readonly reassembler = new HidReassembler();
  private device: HidDeviceLike | undefined;
  private reassemblyTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private everConnected = false;

  constructor(
    private readonly config: HidReaderConfig,
    private readonly deps: HidReaderDeps = {},
  ) {
    this.now = deps.now ?? (() => new Date());
    this.tracker = new DeviceStatusTracker(config.id, 'barcode', 'hid-pos', this.now);
    this.logger = (deps.logger ?? silentLogger).child({ deviceId: config.id });
    this.backoff =
      deps.backoff ?? new Backoff({ initialMs: RECONNECT_INITIAL_MS, maxMs: RECONNECT_MAX_MS });
  }

  get id(): string {
    return this.config.id;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.reassemblyTimer);
    const device = this.device;
    this.device = undefined;
    if (device) {
      device.removeAllListeners();
      await device.close();
    }
    this.tracker.setState('disconnected', 'stopped');
  }

  status(): DeviceStatus {
    return this.tracker.status;
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.on('status', listener);
  }

  onScan(listener: (scan: BarcodeScan) => void): () => void {
    return this.scans.on('scan', listener);
  }

  private get detail(): string {
    const { vendorId, productId, reportLayout } = this.config;
    return `${hex4(vendorId)}:${hex4(productId)} ${reportLayout}`;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.tracker.setState(this.everConnected ? 'disconnected' : 'connecting', this.detail);
    let device: HidDeviceLike;
    try {
      device = await (this.deps.open ?? openNodeHid)(this.config.vendorId, this.config.productId);
    } catch (e) {
      this.tracker.recordError({ code: 'open-failed', message: errorMessage(e) });
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await device.close();
      return;
    }

    this.device = device;
    device.on('data', (report) => this.onReport(report));
    device.on('error', (e) => this.onLost(e.message));
    if (this.everConnected) {
      this.logger.info({ event: 'device.reconnected', attempts: this.backoff.attempts });
    }
    this.everConnected = true;
    this.backoff.reset();
    this.tracker.setState('ready', this.detail);
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
    if (complete) this.emitScan(complete);
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
    if ('complete' in result) this.emitScan(result.complete);
    else this.logger.warn({ event: 'barcode.incomplete-dropped', reports: result.incomplete });
  }

  private emitScan(complete: ReassembledScan): void {
    if (complete.data.length === 0) return;
    const scan = interpretScan(complete.data, {
      readerId: this.config.id,
      ...(complete.symbologyIdentifier === undefined
        ? {}
        : { symbologyIdentifier: complete.symbologyIdentifier }),
      now: this.now(),
    });
    this.logger.info({ event: 'barcode.scanned', ...scanLogFields(scan) });
    this.scans.emit('scan', scan);
  }

  private onLost(reason: string): void {
    if (this.stopped || !this.device) return;
    const device = this.device;
    this.device = undefined;
    device.removeAllListeners();
    void Promise.resolve(device.close()).catch(() => undefined);
    clearTimeout(this.reassemblyTimer);
    this.reassembler.flush();
    this.tracker.recordError({ code: 'disconnected', message: reason });
    this.logger.warn({ event: 'device.disconnected', reason });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.tracker.setState('disconnected', this.detail);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.backoff.next());
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
