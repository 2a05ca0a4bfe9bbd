/**
 * The technician CLI: `npm run devices -- <command> --config FILE [options]`.
 * Results go to stdout as JSON (one object, or one object per line for streaming commands);
 * logs go to stderr. Exit codes: 0 success, 1 device error or timeout, 2 bad usage or config.
 * It opens the devices itself, so stop the kiosk first when a device allows one user only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseConfigPath, ConfigError, loadConfig } from '../config/load.js';
import { createLogger } from '../logging.js';
import { createKioskService, type KioskService } from '../service.js';
import { barcodeCommands } from './barcode.js';
import { idCardCommands } from './id-card.js';
import { outboxCommands } from './outbox.js';
import { printerCommands } from './printer.js';
import { scannerCommands } from './scanner.js';
import { staffCommands } from './staff.js';
import { statusCommand } from './status.js';
import { type CliCommand, UsageError } from './types.js';

export const COMMANDS: readonly CliCommand[] = [
  statusCommand,
  ...idCardCommands,
  ...barcodeCommands,
  ...scannerCommands,
  ...printerCommands,
  ...staffCommands,
  ...outboxCommands,
];

function usage(): string {
  return [
    'usage: npm run devices -- <command> --config FILE [--data-dir DIR] [options]',
    'commands:',
  ]
    .concat(COMMANDS.map((c) => `  ${c.usage}`))
    .join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const firstOption = argv.findIndex((a) => a.startsWith('-'));
  const words = firstOption < 0 ? argv : argv.slice(0, firstOption);
  const command = COMMANDS.filter((c) => c.words.every((w, i) => words[i] === w)).sort(
    (a, b) => b.words.length - a.words.length,
  )[0];
  if (!command || argv.includes('--help')) {
    process.stderr.write(`${usage()}\n`);
    return command ? 0 : 2;
  }

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.slice(command.words.length) as string[],
      options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, ...command.options },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: npm run devices -- ${command.usage}\n`,
    );
    return 2;
  }

  const configPath = chooseConfigPath(values['config'] as string | undefined);
  if (!configPath) {
    process.stderr.write(
      `--config FILE is required (or set KIOSK_CONFIG)\nusage: npm run devices -- ${command.usage}\n`,
    );
    return 2;
  }
  let loaded;
  try {
    loaded = loadConfig(configPath);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const logger = createLogger({ level: loaded.config.logging.level, fd: 2, name: 'kiosk-devices' });
  // A private data folder unless told otherwise, so the CLI never touches a running kiosk's data.
  const ownDataDir = values['data-dir'] === undefined;
  const dataDir =
    (values['data-dir'] as string | undefined) ?? mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
  let service: KioskService | undefined;
  try {
    return await command.run({
      loaded,
      logger,
      options: values,
      async startService() {
        service = createKioskService({ loaded, dataDir, logger });
        await service.start();
        return service;
      },
      print: (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: npm run devices -- ${command.usage}\n`);
      return 2;
    }
    logger.error({
      event: 'cli.failed',
      error: error instanceof Error ? error.message : String(error),
    });
    return 1;
  } finally {
    await service?.shutdown('cli done');
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
