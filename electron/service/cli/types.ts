/** One `npm run devices -- <words...>` command. */
import type { Logger } from '../../../drivers/common/logger.js';
import type { LoadedConfig } from '../config/load.js';
import type { KioskService } from '../service.js';

export interface CliContext {
  readonly loaded: LoadedConfig;
  readonly logger: Logger;
  /** Options after the command words, as parsed by node:util parseArgs (strings and booleans). */
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  /** Builds and starts the service (devices open); stopped by the runner after the command. */
  startService(): Promise<KioskService>;
  /** Writes one JSON result object to stdout (one line). */
  print(result: unknown): void;
}

export interface CliCommand {
  /** The command words, e.g. `['id-card', 'read']`. */
  readonly words: readonly string[];
  /** Usage line shown by `--help` and on bad usage. */
  readonly usage: string;
  /** Options this command accepts besides `--config` and `--data-dir`. */
  readonly options: Readonly<Record<string, { type: 'string' | 'boolean' }>>;
  /** Returns the exit code: 0 ok, 1 device error or timeout, 2 bad usage. */
  run(ctx: CliContext): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
