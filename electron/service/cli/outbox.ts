/**
 * `npm run devices -- outbox --config FILE --data-dir DIR`: the kiosk's outbox as one JSON
 * object — pending count, age of the oldest pending application, the last error, how many
 * applications were forwarded today, refused ones, and rows still holding personal data. It
 * reads the kiosk's database in DIR (safe while the kiosk runs: WAL readers never block) and
 * needs no key, because it reads only the clear columns.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { outboxStats } from '../outbox/store.js';
import { openStore } from '../store/db.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { type CliCommand, UsageError } from './types.js';

/** The kiosk database's file name in the data folder (electron/service/service.ts). */
const KIOSK_DB_FILE = 'kiosk.db';

export const outboxCommand: CliCommand = {
  words: ['outbox'],
  usage: 'outbox --config FILE --data-dir DIR',
  options: {},
  async run(ctx) {
    const dir = ctx.options['data-dir'];
    if (typeof dir !== 'string') {
      throw new UsageError('outbox needs --data-dir DIR: the kiosk data folder holding kiosk.db');
    }
    const path = join(resolve(dir), KIOSK_DB_FILE);
    if (!existsSync(path)) {
      throw new UsageError(`no kiosk database at ${path}: is --data-dir the kiosk's data folder?`);
    }
    const db = openStore({ path, migrations: MIGRATIONS, logger: ctx.logger });
    try {
      const stats = outboxStats(db);
      ctx.print({
        terminalId: ctx.loaded.config.terminal.id,
        database: path,
        pending: stats.pending,
        oldestPendingAgeSeconds:
          stats.oldestPendingAgeMs === null ? null : Math.round(stats.oldestPendingAgeMs / 1000),
        lastError: stats.lastError,
        forwardedToday: stats.forwardedToday,
        refused: stats.refused,
        holdingPersonalData: stats.holdingPersonalData,
      });
    } finally {
      db.close();
    }
    return 0;
  },
};

export const outboxCommands: readonly CliCommand[] = [outboxCommand];
