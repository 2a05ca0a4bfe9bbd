/**
 * The device hub: holds every family module, starts and stops them, and turns their status
 * changes into `devices.status` events. Families without a configured device are listed as
 * "not-configured" so the status strip and the technician screen show the whole kiosk.
 */
import { type DeviceStatus, notConfiguredStatus } from '../../../drivers/common/device.js';
import type { Logger } from '../../../drivers/common/logger.js';
import type { EventBus } from '../events.js';
import type { BarcodeFamily } from './barcode.js';
import type { IdCardFamily } from './id-card.js';
import type { PrinterFamily } from './printer.js';
import type { ScannerFamily } from './scanner.js';
import type { FamilyModule } from './family.js';

export interface Families {
  readonly idCard: IdCardFamily;
  readonly barcode: BarcodeFamily;
  readonly scanner: ScannerFamily;
  readonly printer: PrinterFamily;
}

const FAMILY_ORDER = ['idCard', 'barcode', 'scanner', 'printer'] as const;

export class DeviceHub {
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    readonly families: Families,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  private get modules(): FamilyModule[] {
    return FAMILY_ORDER.map((f) => this.families[f]);
  }

  async start(): Promise<void> {
    for (const module of this.modules) {
      for (const device of module.devices) {
        this.unsubscribes.push(
          device.onStatus((status) => {
            this.logger.info({
              event: 'device.status',
              deviceId: status.id,
              state: status.state,
              ...(status.detail ? { detail: status.detail } : {}),
            });
            this.bus.publish('devices.status', status);
          }),
        );
      }
    }
    // Start families side by side: a slow reader must not delay the printer.
    const results = await Promise.allSettled(this.modules.map((m) => m.start()));
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.logger.error({
          event: 'device.start-failed',
          family: FAMILY_ORDER[i],
          error: String(r.reason),
        });
      }
    });
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await Promise.allSettled(this.modules.map((m) => m.stop()));
  }

  statuses(): DeviceStatus[] {
    return this.modules.flatMap((module) =>
      module.devices.length === 0
        ? [notConfiguredStatus(module.family, module.family)]
        : module.devices.map((d) => d.status()),
    );
  }

  find(id: string): FamilyModule['devices'][number] | undefined {
    return this.modules.flatMap((m) => m.devices).find((d) => d.id === id);
  }
}
