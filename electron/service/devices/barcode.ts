/**
 * Service module of the barcode family: builds one reader per entry of `devices.barcode`
 * (`barcode.0`, `barcode.1`, …), turns every scan into a `barcode.scanned` event carrying the
 * masked view of what the code is (docs/codes.md), and exposes the in-process simulators to the
 * dev dock and the CLI. What a scan then starts (a status query for a receipt, a permit check,
 * sign-in) belongs to the domain modules that subscribe through `onScan`.
 */
import { HidPosBarcodeReader, openNodeHid } from '../../../drivers/barcode/hid-reader.js';
import { HidReaderSimulator } from '../../../drivers/barcode/hid-simulator.js';
import type { BarcodeReader } from '../../../drivers/barcode/reader.js';
import type { BarcodeScan } from '../../../drivers/barcode/scan.js';
import { SerialBarcodeReader } from '../../../drivers/barcode/serial-reader.js';
import { isAppIdentityExpired, type ClassifiedCode } from '../../../drivers/common/codes.js';
import { TypedEmitter } from '../../../drivers/common/emitter.js';
import type { Logger } from '../../../drivers/common/logger.js';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import type { BarcodeReaderConfig } from '../../../kiosk-config/devices/barcode.js';
import type { codeViewSchema } from '../../contract/methods/barcode.js';
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';
import type { z } from 'zod';

export type CodeView = z.infer<typeof codeViewSchema>;

export interface BarcodeFamily extends FamilyModule {
  readonly readers: readonly BarcodeReader[];
  /** The in-process simulators behind `driver: "simulator"` readers, by reader id. */
  readonly simulators: ReadonlyMap<string, HidReaderSimulator>;
  /** Every complete scan of every reader, unmasked, for service domain modules. */
  onScan(listener: (scan: BarcodeScan) => void): () => void;
}

export function createBarcodeFamily(ctx: FamilyContext): BarcodeFamily {
  const configs = ctx.config.devices.barcode;
  if (configs.length === 0) {
    return {
      ...unconfiguredFamily('barcode'),
      readers: [],
      simulators: new Map(),
      onScan: () => () => {},
    };
  }

  const logger = ctx.logger.child({ family: 'barcode' });
  const scans = new TypedEmitter<{ scan: BarcodeScan }>();
  const simulators = new Map<string, HidReaderSimulator>();
  const readers = configs.map((config, index) => {
    const id = `barcode.${index}`;
    const { reader, simulator } = buildReader(id, config, logger);
    if (simulator) simulators.set(id, simulator);
    reader.onScan((scan) => {
      ctx.bus.publish('barcode.scanned', {
        readerId: scan.readerId,
        symbology: scan.symbology,
        at: scan.at,
        code: toCodeView(scan.code),
      });
      scans.emit('scan', scan);
    });
    return reader;
  });

  return {
    family: 'barcode',
    devices: readers,
    readers,
    simulators,
    onScan: (listener) => scans.on('scan', listener),
    // Side by side: one missing reader must not hold up the others.
    start: async () => void (await Promise.allSettled(readers.map((r) => r.start()))),
    stop: async () => void (await Promise.allSettled(readers.map((r) => r.stop()))),
  };
}

function buildReader(
  id: string,
  config: BarcodeReaderConfig,
  logger: Logger,
): { reader: BarcodeReader; simulator?: HidReaderSimulator } {
  switch (config.driver) {
    case 'serial':
      return {
        reader: new SerialBarcodeReader(
          {
            id,
            path: config.path,
            baudRate: config.baudRate,
            suffix: config.suffix,
            interByteTimeoutMs: config.interByteTimeoutMs,
          },
          { logger },
        ),
      };
    case 'hid-pos':
      return {
        reader: new HidPosBarcodeReader(
          {
            id,
            vendorId: parseInt(config.vendorId, 16),
            productId: parseInt(config.productId, 16),
            reportLayout: config.reportLayout,
          },
          { logger, open: openNodeHid },
        ),
      };
    case 'simulator': {
      // The simulated reader speaks real HID POS reports to the real HID POS driver.
      const simulator = new HidReaderSimulator(config.reportLayout);
      const reader = new HidPosBarcodeReader(
        { id, vendorId: 0, productId: 0, reportLayout: config.reportLayout },
        { logger, open: simulator.open },
      );
      return { reader, simulator };
    }
    default: {
      const never: never = config;
      throw new TypeError(`barcode: unknown driver in ${JSON.stringify(never)}`);
    }
  }
}

/**
 * What the renderer and the CLI may see of a code: identifiers masked by the one rule, the app
 * sign-in token and permit signatures left out.
 */
export function toCodeView(code: ClassifiedCode, now: Date = new Date()): CodeView {
  switch (code.kind) {
    case 'receipt':
      return {
        kind: 'receipt',
        trackingNumber: code.trackingNumber,
        ...(code.terminalId === undefined ? {} : { terminalId: code.terminalId }),
      };
    case 'permit':
      return {
        kind: 'permit',
        permitNumberMasked: maskIdentifier(code.permitNumber),
        permitType: code.permitType,
        holderCreditCodeMasked: maskIdentifier(code.holderCreditCode),
        validFrom: code.validFrom,
        validUntil: code.validUntil,
      };
    case 'batch':
      return {
        kind: 'batch',
        gtin: code.gtin,
        batch: code.batch,
        ...(code.productionDate === undefined ? {} : { productionDate: code.productionDate }),
        ...(code.expiryDate === undefined ? {} : { expiryDate: code.expiryDate }),
        ...(code.serial === undefined ? {} : { serial: code.serial }),
        ...(code.count === undefined ? {} : { count: code.count }),
      };
    case 'app-identity':
      return {
        kind: 'app-identity',
        appId: code.appId,
        expiresAt: code.expiresAt,
        expired: isAppIdentityExpired(code, now),
      };
    case 'e-license':
      return {
        kind: 'e-license',
        identifierMasked: maskIdentifier(code.identifier),
        typeCode: code.typeCode,
      };
    case 'unknown':
      return {
        kind: 'unknown',
        reason: code.reason,
        ...(code.looksLike === undefined ? {} : { looksLike: code.looksLike }),
      };
    default: {
      const never: never = code;
      throw new TypeError(`barcode: unknown code kind ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The scanned text with the identifiers of a known code masked (permit number, holder credit
 * code, e-license identifier) and an app sign-in token replaced, for technician output.
 */
export function maskedScanText(text: string, code: ClassifiedCode): string {
  switch (code.kind) {
    case 'permit':
      return text
        .split(code.permitNumber)
        .join(maskIdentifier(code.permitNumber))
        .split(code.holderCreditCode)
        .join(maskIdentifier(code.holderCreditCode));
    case 'e-license':
      return text.split(code.identifier).join(maskIdentifier(code.identifier));
    case 'app-identity':
      return text.split(code.token).join('*'.repeat(code.token.length));
    default:
      return text;
  }
}
