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
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { SimulatedScan } from '../../../drivers/barcode/serial-simulator.js';
import {
  encodeAppIdentityCode,
  encodeBatchCode,
  encodeELicenseCode,
  encodePermitCode,
  encodeReceiptCode,
  isAppIdentityExpired,
  type ClassifiedCode,
} from '../../../drivers/common/codes.js';
import { buildELicenseIdentifier } from '../../../drivers/common/identifiers.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';
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
  /** Ready-made codes the dev dock can scan through a simulator. */
  readonly presets: readonly SimulatorPreset[];
  /** Every complete scan of every reader, unmasked, for service domain modules. */
  onScan(listener: (scan: BarcodeScan) => void): () => void;
  /**
   * A recent scan by the `scanId` of its `barcode.scanned` event, unmasked, so a handler can
   * act on it (verify a permit, resolve an app sign-in code) without the renderer ever
   * holding the text. Scans are forgotten after `RECENT_SCAN_TTL_MS`, beyond the last
   * `RECENT_SCAN_LIMIT`, and when the session ends.
   */
  recentScan(scanId: string): BarcodeScan | undefined;
}

/** How long a scan stays available to follow-up calls, milliseconds. */
export const RECENT_SCAN_TTL_MS = 5 * 60_000;
/** How many recent scans are kept at most. */
export const RECENT_SCAN_LIMIT = 16;

/** Recent scans by id, oldest first; bounded in count and age. */
class RecentScans {
  private readonly scans = new Map<string, { scan: BarcodeScan; at: number }>();

  add(scan: BarcodeScan): string {
    const id = randomUUID();
    this.scans.set(id, { scan, at: Date.now() });
    while (this.scans.size > RECENT_SCAN_LIMIT) {
      const oldest = this.scans.keys().next().value;
      if (oldest === undefined) break;
      this.scans.delete(oldest);
    }
    return id;
  }

  get(id: string): BarcodeScan | undefined {
    const entry = this.scans.get(id);
    if (!entry) return undefined;
    if (Date.now() - entry.at > RECENT_SCAN_TTL_MS) {
      this.scans.delete(id);
      return undefined;
    }
    return entry.scan;
  }

  clear(): void {
    this.scans.clear();
  }
}

export function createBarcodeFamily(ctx: FamilyContext): BarcodeFamily {
  const configs = ctx.config.devices.barcode;
  if (configs.length === 0) {
    return {
      ...unconfiguredFamily('barcode'),
      readers: [],
      simulators: new Map(),
      presets: [],
      onScan: () => () => {},
      recentScan: () => undefined,
    };
  }

  const logger = ctx.logger.child({ family: 'barcode' });
  const scans = new TypedEmitter<{ scan: BarcodeScan }>();
  const simulators = new Map<string, HidReaderSimulator>();
  const recent = new RecentScans();
  // Scanned texts can carry personal data: they go with the session.
  ctx.session.onEnd(() => recent.clear());
  const readers = configs.map((config, index) => {
    const id = `barcode.${index}`;
    const { reader, simulator } = buildReader(id, config, logger);
    if (simulator) simulators.set(id, simulator);
    reader.onScan((scan) => {
      ctx.bus.publish('barcode.scanned', {
        scanId: recent.add(scan),
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
    presets: simulators.size > 0 ? simulatorPresets(ctx.config.terminal.id) : [],
    onScan: (listener) => scans.on('scan', listener),
    recentScan: (scanId) => recent.get(scanId),
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

/** Live permit states the dev dock's permit presets ask the sandbox for. */
export type PresetPermitState = 'IN_TRANSIT' | 'EXPIRED' | 'CANCELLED_ON_ARRIVAL';

/** What a preset may use to build its code when it is scanned. */
export interface PresetDeps {
  /** A real sign-in code from the sandbox playing the government app, when one is reachable. */
  readonly issueAppCode?: () => Promise<string | undefined>;
  /**
   * The code of a permit the sandbox issued (signed with its published key) that is in the
   * given live state, when a sandbox is reachable.
   */
  readonly sandboxPermitCode?: (state: PresetPermitState) => Promise<string | undefined>;
}

export interface SimulatorPreset {
  readonly id: string;
  readonly label: string;
  /**
   * The label when no central API (sandbox) is configured, for presets whose code then comes
   * from the fallback: it says what the code will do (e.g. signed by a key no issuer knows).
   */
  readonly labelWithoutApi?: string;
  /** Builds the scan when used, so time-limited codes are fresh. */
  readonly scan: (deps: PresetDeps) => SimulatedScan | Promise<SimulatedScan>;
}

/** How long a preset app sign-in code stays valid, seconds. */
const PRESET_APP_CODE_TTL_S = 120;

/** `YYYYMMDD` of the UTC day `days` after `now`, as permit codes write their window. */
function compactDay(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * Ready-made codes for the dev dock, from synthetic data. The permit presets are permits the
 * sandbox issued, in a chosen live state, when a sandbox answers (so they verify VALID, with
 * that state); otherwise they are signed with a key made at start that no issuer publishes
 * (UNKNOWN_KEY), and their labels say so.
 */
export function simulatorPresets(terminalId: string): readonly SimulatorPreset[] {
  const enterprise = syntheticEnterprise(1);
  const demoIssuer = generateKeyPairSync('ed25519').privateKey;
  const qr = (text: string): SimulatedScan => ({ text, symbologyIdentifier: ']Q1' });
  const batch = { gtin: '09506000134352', batch: 'LOT2026A', expiryDate: '281231' };
  const demoKeyPermit = (serial: string, from: number, until: number): string => {
    const now = new Date();
    return encodePermitCode(
      {
        keyId: 'devdock',
        permitNumber: `YHBZ-2026-${serial}`,
        permitType: 'fireworks-road-transport',
        holderCreditCode: enterprise.creditCode,
        validFrom: compactDay(now, from),
        validUntil: compactDay(now, until),
      },
      demoIssuer,
    );
  };
  const permitPreset = (
    id: string,
    state: PresetPermitState,
    label: string,
    fallback: () => string,
  ): SimulatorPreset => ({
    id,
    label: `${label} (signed by the sandbox)`,
    labelWithoutApi: `${label} (no sandbox: signed by an unknown key)`,
    scan: async ({ sandboxPermitCode }) => qr((await sandboxPermitCode?.(state)) ?? fallback()),
  });
  return [
    {
      id: 'receipt',
      label: 'Receipt QR (tracking SL-2026-000123)',
      scan: () => qr(encodeReceiptCode({ trackingNumber: 'SL-2026-000123', terminalId })),
    },
    permitPreset('permit', 'IN_TRANSIT', 'Permit QR, in transit', () =>
      demoKeyPermit('000042', -1, 1),
    ),
    permitPreset('permit-expired', 'EXPIRED', 'Permit QR, expired', () =>
      demoKeyPermit('000041', -23, -22),
    ),
    permitPreset(
      'permit-cancelled',
      'CANCELLED_ON_ARRIVAL',
      'Permit QR, cancelled on arrival',
      () => demoKeyPermit('000040', -38, -37),
    ),
    {
      id: 'batch-gs1-128',
      label: 'Batch code, GS1-128',
      scan: () => ({ text: encodeBatchCode(batch, 'raw'), symbologyIdentifier: ']C1' }),
    },
    {
      id: 'batch-gs1-datamatrix',
      label: 'Batch code, GS1 DataMatrix',
      scan: () => ({
        text: encodeBatchCode({ ...batch, serial: 'S000123' }, 'raw'),
        symbologyIdentifier: ']d2',
      }),
    },
    {
      id: 'e-license',
      label: 'E-license QR (verification URL)',
      scan: () =>
        qr(
          encodeELicenseCode(
            buildELicenseIdentifier({
              typeCode: '11100000000013338W032',
              issuerCreditCode: enterprise.creditCode,
              serial: '2430599',
              version: '001',
            }),
            // Reserved example domain: a demo code never leads anywhere real.
            'https://licenses.example.org/verify',
          ),
        ),
    },
    {
      id: 'app-identity',
      label: 'App sign-in QR',
      // From the sandbox when it runs (a code it will resolve); otherwise a well-formed code
      // no central API knows.
      scan: async ({ issueAppCode }) =>
        qr(
          (await issueAppCode?.()) ??
            encodeAppIdentityCode({
              appId: 'gov-app',
              token: randomBytes(24).toString('base64url'),
              expiresAt: Math.floor(Date.now() / 1000) + PRESET_APP_CODE_TTL_S,
            }),
        ),
    },
    {
      id: 'app-identity-expired',
      label: 'App sign-in QR, expired',
      // Refused by the kiosk itself before any central API is asked.
      scan: () =>
        qr(
          encodeAppIdentityCode({
            appId: 'gov-app',
            token: randomBytes(24).toString('base64url'),
            expiresAt: Math.floor(Date.now() / 1000) - PRESET_APP_CODE_TTL_S,
          }),
        ),
    },
    {
      id: 'chinese-gbk',
      label: 'Chinese text in GBK (not a kiosk code)',
      scan: () => ({ ...qr('浏阳市红星烟花爆竹有限公司'), encoding: 'gb18030' }),
    },
    {
      id: 'broken-permit',
      label: 'Malformed permit',
      scan: () => qr('HKP1|devdock|YHBZ-1|fireworks-road-transport'),
    },
  ];
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
