/**
 * `{ "driver": "simulator" }`: the eSCL simulator on loopback plus the real eSCL client
 * pointed at it, so demo mode exercises the same HTTP path as a network scanner.
 */
import type { DeviceStatus } from '../common/device.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { Result } from '../common/result.js';
import type { SyntheticDocumentKind } from './documents.js';
import { EsclScanner } from './escl.js';
import type { EsclSimulatorOptions } from './simulator.js';
import { EsclSimulator } from './simulator.js';
import type {
  RawPage,
  ScanError,
  ScannerCapabilities,
  ScannerDriver,
  ScanRequest,
} from './types.js';
import { scanError } from './types.js';

export interface SimulatedScannerOptions extends EsclSimulatorOptions {
  readonly id: string;
  /** Documents in the feeder at start, so a demo scan works without the dev dock. */
  readonly initialFeeder?: readonly { kind: SyntheticDocumentKind; seed: number }[];
  /** Shorter "not ready" waits than real hardware needs. */
  readonly notReadyDelayMs?: number;
  readonly pollIntervalMs?: number;
  readonly logger?: Logger;
}

export class SimulatedScanner implements ScannerDriver {
  readonly family = 'scanner' as const;
  readonly driver = 'simulator';
  readonly id: string;
  /** The simulated device; the dev dock loads paper and causes faults through it. */
  readonly simulator: EsclSimulator;
  private client: EsclScanner | undefined;
  private readonly logger: Logger;
  /** Status listeners, with their unsubscribe from the client once it exists. */
  private readonly listeners = new Map<(status: DeviceStatus) => void, (() => void) | undefined>();
  private readonly options: SimulatedScannerOptions;

  constructor(options: SimulatedScannerOptions) {
    this.id = options.id;
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    this.simulator = new EsclSimulator({ ...options, logger: this.logger });
    for (const doc of options.initialFeeder ?? []) this.simulator.loadFeeder(doc.kind, doc.seed);
  }

  async start(): Promise<void> {
    if (this.client) return;
    const url = await this.simulator.start();
    this.client = new EsclScanner({
      id: this.id,
      url,
      driverName: 'simulator',
      notReadyDelayMs: this.options.notReadyDelayMs ?? 200,
      pollIntervalMs: this.options.pollIntervalMs ?? 2_000,
      logger: this.logger,
    });
    for (const listener of this.listeners.keys()) {
      this.listeners.set(listener, this.client.onStatus(listener));
    }
    await this.client.start();
  }

  /** Stops client and simulator; a later start() brings both back (on a new port). */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const [listener, off] of this.listeners) {
      off?.();
      this.listeners.set(listener, undefined);
    }
    await client?.stop();
    await this.simulator.stop();
  }

  status(): DeviceStatus {
    return (
      this.client?.status() ?? {
        id: this.id,
        family: 'scanner',
        driver: this.driver,
        state: 'connecting',
        since: new Date().toISOString(),
      }
    );
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    this.listeners.set(listener, this.client?.onStatus(listener));
    return () => {
      this.listeners.get(listener)?.();
      this.listeners.delete(listener);
    };
  }

  async capabilities(): Promise<Result<ScannerCapabilities, ScanError>> {
    if (!this.client)
      return { ok: false, error: scanError('unavailable', 'simulator not started') };
    return this.client.capabilities();
  }

  async scan(request: ScanRequest): Promise<Result<RawPage[], ScanError>> {
    if (!this.client)
      return { ok: false, error: scanError('unavailable', 'simulator not started') };
    return this.client.scan(request);
  }
}
