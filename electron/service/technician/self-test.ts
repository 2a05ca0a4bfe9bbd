/**
 * Device self-tests for the technician's diagnostics screen, one per family, each using what
 * the family module already exposes:
 * - idCard: waits for the next card on that reader (the technician places a test card);
 * - barcode: waits for the next code on that reader;
 * - scanner: one platen scan straight from the driver (no applicant material is touched);
 * - printer: the printer family's test receipt.
 * The result is returned, logged and audited by the caller. Nothing personal is reported:
 * the card number is masked, a code is described by its kind only.
 */
import { maskIdentifier } from '../../../drivers/common/mask.js';
import type { DeviceFamily } from '../../../drivers/common/device.js';
import type { DeviceHub } from '../devices/hub.js';
import type { SessionManager } from '../session/session.js';

/** Resolution of the scanner self-test, dpi: enough to see the page, quick to transfer. */
const SELF_TEST_SCAN_DPI = 150;

export interface SelfTestResult {
  readonly deviceId: string;
  readonly family: DeviceFamily;
  readonly ok: boolean;
  readonly message: string;
  readonly durationMs: number;
  readonly details: Record<string, string | number | boolean>;
  readonly at: string;
}

export type SelfTestOutcome =
  | { readonly ok: true; readonly result: SelfTestResult }
  | {
      readonly ok: false;
      readonly code: 'E_DEVICE_UNKNOWN' | 'E_DEVICE_BUSY';
      readonly message: string;
    };

export async function runSelfTest(
  hub: DeviceHub,
  session: SessionManager,
  deviceId: string,
  waitMs: number,
): Promise<SelfTestOutcome> {
  const device = hub.find(deviceId);
  if (!device) {
    return {
      ok: false,
      code: 'E_DEVICE_UNKNOWN',
      message: `no configured device has the id "${deviceId}"`,
    };
  }
  const started = Date.now();
  const finish = (
    ok: boolean,
    message: string,
    details: SelfTestResult['details'] = {},
  ): SelfTestOutcome => ({
    ok: true,
    result: {
      deviceId,
      family: device.family,
      ok,
      message,
      durationMs: Date.now() - started,
      details: { state: device.status().state, ...details },
      at: new Date().toISOString(),
    },
  });

  switch (device.family) {
    case 'idCard': {
      const reader = hub.families.idCard.reader;
      if (!reader) return finish(false, 'no id-card reader is configured');
      const read = await waitFor<{ document: { idNumber: string; documentType: string } }>(
        (deliver) => reader.on('card', deliver),
        waitMs,
      );
      if (!read) return finish(false, `no card was read within ${Math.round(waitMs / 1000)} s`);
      // The read also opened an applicant session through the id-card family: a test card
      // must not leave one behind.
      if (session.active?.applicant?.idNumber === read.document.idNumber) session.end('cancel');
      return finish(true, 'card read', {
        documentType: read.document.documentType,
        cardMasked: maskIdentifier(read.document.idNumber),
      });
    }
    case 'barcode': {
      const scan = await waitFor<{ readerId: string; symbology: string; code: { kind: string } }>(
        (deliver) =>
          hub.families.barcode.onScan((s) => {
            if (s.readerId === deviceId) deliver(s);
          }),
        waitMs,
      );
      if (!scan) return finish(false, `no code was read within ${Math.round(waitMs / 1000)} s`);
      return finish(true, 'code read', { symbology: scan.symbology, kind: scan.code.kind });
    }
    case 'scanner': {
      const family = hub.families.scanner;
      if (!family.driver) return finish(false, 'no scanner is configured');
      if (family.scanning) {
        return {
          ok: false,
          code: 'E_DEVICE_BUSY',
          message: 'a scan is running; try again after it',
        };
      }
      const scanned = await family.driver.scan({
        source: 'platen',
        resolutionDpi: SELF_TEST_SCAN_DPI,
      });
      if (!scanned.ok)
        return finish(false, `scan failed: ${scanned.error.message}`, { code: scanned.error.code });
      const page = scanned.value[0];
      return finish(true, `scanned ${scanned.value.length} page(s)`, {
        pages: scanned.value.length,
        ...(page
          ? {
              bytes: page.image.length,
              resolutionDpi: page.resolutionDpi,
              mediaType: page.mediaType,
            }
          : {}),
      });
    }
    case 'printer': {
      const outcome = await hub.families.printer.printTest();
      if (outcome.ok) return finish(true, 'test receipt printed');
      return finish(false, `test receipt failed: ${outcome.error.message}`, {
        code: outcome.error.code,
        stage: outcome.error.stage,
      });
    }
    default: {
      const never: never = device.family;
      throw new TypeError(`self-test: unknown family ${String(never)}`);
    }
  }
}

/** Resolves with the first value `subscribe` delivers, or undefined after `waitMs`. */
function waitFor<T>(
  subscribe: (deliver: (value: T) => void) => () => void,
  waitMs: number,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: T | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Deferred: a synchronous delivery happens before `subscribe` has returned.
      queueMicrotask(() => unsubscribe());
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), waitMs);
    const unsubscribe = subscribe((value) => finish(value));
  });
}
