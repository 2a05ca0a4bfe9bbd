/** Shared set-up for printer integration tests: a driver talking to the fake printer. */
import { capturingLogger } from '../../../drivers/common/logger.js';
import { EscposPrinter, type EscposPrinterSettings } from '../../../drivers/printer/driver.js';
import type { TransportConfig } from '../../../drivers/printer/transports.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import type { KioskService } from '../../../electron/service/service.js';

export function settingsFor(
  transport: TransportConfig,
  paperWidthMm: 58 | 80 = 80,
): EscposPrinterSettings {
  return {
    model: 'epson-tm-t88vi',
    paperWidthMm,
    fontCoverage: 'gbk',
    transport,
    // Generous for a loaded 2-core machine; "no answer" tests wait this long per check.
    statusTimeoutMs: 2000,
    openTimeoutMs: 3000,
    writeTimeoutMs: 10_000,
  };
}

export function makePrinter(transport: TransportConfig, paperWidthMm: 58 | 80 = 80) {
  const logger = capturingLogger();
  const printer = new EscposPrinter({
    settings: settingsFor(transport, paperWidthMm),
    logger,
    afterJobSettleMs: 20,
    pollIntervalMs: 0,
  });
  return { printer, logger };
}

export { SAMPLE_RECEIPT } from '../../support/receipts.js';

/** Polls until `check` holds (events cross a real socket or pty). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Calls contract methods of `service` on one connection raised to technician, as staff
 * sign-in would do (printer methods need a staff role).
 */
export function technicianCaller(service: KioskService) {
  const connection = newConnection('websocket');
  connection.role = 'technician';
  return async (method: string, params: unknown) => {
    const frame = JSON.parse(
      await service.dispatcher.dispatch(
        connection,
        JSON.stringify({ type: 'call', id: 1, method, params }),
      ),
    ) as {
      result: {
        ok: boolean;
        // Results are checked field by field in the tests; their schemas live in the contract.
        value: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        error?: { code: string };
      };
    };
    return frame.result;
  };
}
