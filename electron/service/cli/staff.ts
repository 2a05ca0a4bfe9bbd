/**
 * Technician commands of the staff domain (docs/staff.md):
 * - `staff hash-pin`: reads a PIN from stdin, prints the `pin` object for staff.members[];
 * - `staff verify-export --archive FILE`: checks an export against its `.sig` with the
 *   terminal key named by the config;
 * - `audit verify --data-dir DIR`: recomputes the audit chain of a kiosk's database.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../../drivers/common/logger.js';
import { MAX_SCRYPT_N, MIN_SCRYPT_N } from '../../../kiosk-config/staff.js';
import { readTerminalKeyFile } from '../approval/client.js';
import { AuditLog } from '../audit/audit-log.js';
import { DEFAULT_PIN_PARAMS, hashPin, PIN_PATTERN } from '../staff/pin.js';
import { openStore } from '../store/db.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { verifyArchive } from '../technician/export.js';
import { type CliCommand, UsageError } from './types.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const hashPinCommand: CliCommand = {
  words: ['staff', 'hash-pin'],
  usage: 'staff hash-pin --config FILE [--cost LOG2N] < pin.txt   (PIN on stdin, 4-12 digits)',
  options: { cost: { type: 'string' } },
  async run(ctx) {
    const log2 =
      ctx.options['cost'] === undefined
        ? Math.log2(DEFAULT_PIN_PARAMS.N)
        : Number(ctx.options['cost']);
    const N = 2 ** log2;
    if (!Number.isInteger(log2) || N < MIN_SCRYPT_N || N > MAX_SCRYPT_N) {
      throw new UsageError(
        `--cost: expected ${Math.log2(MIN_SCRYPT_N)} to ${Math.log2(MAX_SCRYPT_N)}, found ${String(ctx.options['cost'])}`,
      );
    }
    // From stdin, so the PIN is not left in the shell history or the process list.
    const pin = (await readStdin()).trim();
    if (!PIN_PATTERN.test(pin)) throw new UsageError('stdin: expected a PIN of 4 to 12 digits');
    ctx.print({ pin: await hashPin(pin, { ...DEFAULT_PIN_PARAMS, N }) });
    return 0;
  },
};

const verifyExportCommand: CliCommand = {
  words: ['staff', 'verify-export'],
  usage: 'staff verify-export --config FILE --archive FILE.tar [--signature FILE.tar.sig]',
  options: { archive: { type: 'string' }, signature: { type: 'string' } },
  async run(ctx) {
    const archivePath = ctx.options['archive'];
    if (typeof archivePath !== 'string') throw new UsageError('--archive FILE is required');
    const signaturePath = (ctx.options['signature'] as string | undefined) ?? `${archivePath}.sig`;
    if (!existsSync(archivePath)) throw new UsageError(`--archive: ${archivePath} does not exist`);
    if (!existsSync(signaturePath))
      throw new UsageError(`--signature: ${signaturePath} does not exist`);
    const key = readTerminalKeyFile(ctx.loaded.resolvePath(ctx.loaded.config.approvalApi.keyFile));
    const result = verifyArchive(
      key,
      readFileSync(archivePath),
      readFileSync(signaturePath, 'utf8'),
    );
    if (!result.ok) {
      ctx.print({ ok: false, archive: archivePath, problem: result.error });
      return 1;
    }
    ctx.print({
      ok: true,
      archive: archivePath,
      sha256: result.value.sha256,
      keyId: result.value.keyId,
    });
    return 0;
  },
};

const auditVerifyCommand: CliCommand = {
  words: ['audit', 'verify'],
  usage: 'audit verify --config FILE --data-dir DIR   (the kiosk data folder holding kiosk.db)',
  options: {},
  async run(ctx) {
    const dataDir = ctx.options['data-dir'];
    if (typeof dataDir !== 'string') throw new UsageError('--data-dir DIR is required');
    const path = join(dataDir, 'kiosk.db');
    if (!existsSync(path)) throw new UsageError(`--data-dir: ${path} does not exist`);
    const db = openStore({ path, migrations: MIGRATIONS, logger: silentLogger });
    try {
      const verdict = new AuditLog(db).verify();
      ctx.print(verdict);
      return verdict.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};

export const staffCommands: readonly CliCommand[] = [
  hashPinCommand,
  verifyExportCommand,
  auditVerifyCommand,
];
