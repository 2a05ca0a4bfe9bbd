/**
 * `npm run devices -- printer ...` commands.
 *
 * `printer test` prints the test receipt (Chinese and English lines, a rare character as an
 * image, a QR code, a barcode, a cut) and prints JSON with the printer's status. Exit code 1
 * when the printer reports paper end, cover open, offline (or another fault), does not answer,
 * or the bytes could not be sent; paper near end is only a warning (exit code 0).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conditionView } from '../devices/printer.js';
import { type CliCommand, UsageError } from './types.js';

const printerTest: CliCommand = {
  words: ['printer', 'test'],
  usage: 'printer test --config FILE [--png FILE]  (--png: picture of the simulated receipt)',
  options: { png: { type: 'string' } },
  async run(ctx) {
    if (!ctx.loaded.config.devices.printer) {
      throw new UsageError('the config names no printer (devices.printer)');
    }
    const service = await ctx.startService();
    const family = service.ctx.hub.families.printer;
    const printer = family.printer;
    if (!printer) throw new UsageError('the config names no printer (devices.printer)');

    const outcome = await family.printTest();
    const common = { printer: printer.status(), paperWidthMm: family.paperWidthMm };

    if (!outcome.ok) {
      const { condition, keptId: _keptId, ...failure } = outcome.error;
      ctx.print({
        ...common,
        printed: false,
        failure,
        status: conditionView(condition),
        warnings: condition.known ? condition.warnings : [],
      });
      return 1;
    }

    let picture: string | undefined;
    const pngPath = ctx.options['png'];
    const simulated = family.simulator?.receipts.at(-1);
    if (typeof pngPath === 'string' && family.simulator && simulated) {
      picture = resolve(pngPath);
      writeFileSync(picture, await family.simulator.receiptPng(simulated));
    }
    ctx.print({
      ...common,
      printed: true,
      bytes: outcome.value.bytes,
      status: conditionView(outcome.value.after),
      warnings: outcome.value.warnings,
      ...(picture === undefined ? {} : { picture }),
    });
    return 0;
  },
};

export const printerCommands: readonly CliCommand[] = [printerTest];
