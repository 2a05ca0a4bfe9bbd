/**
 * `npm run devices -- barcode listen --config FILE [--count N] [--timeout MS]`: opens every
 * configured reader and prints one JSON line per scanned code: reader, symbology, text, GS1
 * elements and what the kiosk makes of it. Identifiers inside known codes are masked by the one
 * masking rule and an app sign-in token is starred out. Exit 0 once `--count` codes arrived
 * (or on Ctrl-C), 1 when `--timeout` passes first (without `--count`: when it passes with no code
 * at all).
 */
import type { BarcodeScan } from '../../../drivers/barcode/scan.js';
import { maskedScanText, toCodeView } from '../devices/barcode.js';
import { type CliCommand, UsageError } from './types.js';

function positiveInteger(name: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`--${name} needs a positive whole number, got "${String(text)}"`);
  }
  return n;
}

/** One output line for a scan. */
export function printableScan(scan: BarcodeScan): Record<string, unknown> {
  return {
    readerId: scan.readerId,
    symbology: scan.symbology,
    ...(scan.symbologyIdentifier ? { symbologyIdentifier: scan.symbologyIdentifier } : {}),
    text: maskedScanText(scan.text, scan.code),
    encoding: scan.encoding,
    ...(scan.gs1 ? { gs1: scan.gs1 } : {}),
    code: toCodeView(scan.code),
    at: scan.at,
  };
}

export const barcodeListenCommand: CliCommand = {
  words: ['barcode', 'listen'],
  usage: 'barcode listen --config FILE [--count N] [--timeout MS]',
  options: { count: { type: 'string' }, timeout: { type: 'string' } },
  async run(ctx) {
    const count = positiveInteger('count', ctx.options['count']);
    const timeoutMs = positiveInteger('timeout', ctx.options['timeout']);
    if (ctx.loaded.config.devices.barcode.length === 0) {
      throw new UsageError(`${ctx.loaded.path} configures no barcode reader (devices.barcode)`);
    }

    const service = await ctx.startService();
    const family = service.ctx.hub.families.barcode;
    let seen = 0;
    const outcome = await new Promise<'done' | 'timeout' | 'interrupted'>((resolve) => {
      const finish = (how: 'done' | 'timeout' | 'interrupted'): void => {
        clearTimeout(timer);
        off();
        process.off('SIGINT', onInterrupt);
        resolve(how);
      };
      const onInterrupt = (): void => finish('interrupted');
      const timer =
        timeoutMs === undefined ? undefined : setTimeout(() => finish('timeout'), timeoutMs);
      const off = family.onScan((scan) => {
        ctx.print(printableScan(scan));
        seen++;
        if (count !== undefined && seen >= count) finish('done');
      });
      process.once('SIGINT', onInterrupt);
    });

    // Without --count, --timeout is how long to listen: fine if anything was scanned.
    if (outcome === 'timeout' && (count !== undefined || seen === 0)) {
      const states = family.readers.map((r) => `${r.id} ${r.status().state}`).join(', ');
      ctx.logger.warn({
        event: 'cli.barcode-timeout',
        message: `${seen} of ${count ?? 'any'} codes within ${timeoutMs} ms (${states})`,
      });
      return 1;
    }
    return 0;
  },
};

export const barcodeCommands: readonly CliCommand[] = [barcodeListenCommand];
