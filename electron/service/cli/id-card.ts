/**
 * `npm run devices -- id-card read --config FILE [--timeout MS] [--unmasked]`: waits for one
 * card on the configured reader and prints the identity as one JSON line. Names and numbers
 * are masked (the one masking rule) and the address and birth date left out, unless
 * `--unmasked` is given on a technician's own test card.
 */
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import type { IdCardRead } from '../../../drivers/id-card/index.js';
import { type CliCommand, UsageError } from './types.js';

/** How long `read` waits for a card by default, milliseconds. */
const DEFAULT_READ_TIMEOUT_MS = 60_000;

/** The identity as printed: masked by default, complete with --unmasked. */
export function printableRead(read: IdCardRead, unmasked: boolean): Record<string, unknown> {
  const sizes = {
    photoBytes: read.photo.length,
    fingerprintBytes: read.fingerprint?.length ?? 0,
    readAt: read.readAt,
  };
  if (unmasked) return { ...read.document, ...sizes };
  const d = read.document;
  return {
    documentType: d.documentType,
    name: maskName(d.name),
    idNumber: maskIdentifier(d.idNumber),
    sex: d.sex,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    ...('nationality' in d ? { nationality: d.nationality } : {}),
    ...('region' in d ? { region: d.region } : {}),
    ...sizes,
  };
}

export const idCardReadCommand: CliCommand = {
  words: ['id-card', 'read'],
  usage: 'id-card read --config FILE [--timeout MS] [--unmasked]',
  options: { timeout: { type: 'string' }, unmasked: { type: 'boolean' } },
  async run(ctx) {
    const timeoutText = ctx.options['timeout'];
    const timeoutMs = timeoutText === undefined ? DEFAULT_READ_TIMEOUT_MS : Number(timeoutText);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new UsageError(
        `--timeout needs a positive number of milliseconds, got "${String(timeoutText)}"`,
      );
    }
    if (!ctx.loaded.config.devices.idCard) {
      throw new UsageError(`${ctx.loaded.path} configures no ID-card reader (devices.idCard)`);
    }

    const service = await ctx.startService();
    const reader = service.ctx.hub.families.idCard.reader;
    if (!reader) throw new UsageError('the service built no ID-card reader');

    const read = await new Promise<IdCardRead | null>((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(null);
      }, timeoutMs);
      const off = reader.on('card', (card) => {
        clearTimeout(timer);
        off();
        resolve(card);
      });
    });

    if (!read) {
      ctx.print({
        ok: false,
        error: {
          code: 'E_IDCARD_TIMEOUT',
          message: `no card read within ${timeoutMs} ms (reader ${reader.status().state}${
            reader.status().detail ? `: ${reader.status().detail}` : ''
          })`,
        },
      });
      return 1;
    }
    ctx.print({ ok: true, identity: printableRead(read, ctx.options['unmasked'] === true) });
    return 0;
  },
};

export const idCardCommands: readonly CliCommand[] = [idCardReadCommand];
