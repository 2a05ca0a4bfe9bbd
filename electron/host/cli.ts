/**
 * `npm run host -- [--config FILE] [--data-dir DIR] [--port N] [--no-browser]`
 * Runs the browser host. SIGHUP restarts the in-process service; SIGTERM/SIGINT stop cleanly.
 * Exit codes: 0 stopped, 2 bad usage or config.
 */
import { parseArgs } from 'node:util';
import { chooseConfigPath, ConfigError, loadConfig } from '../service/config/load.js';
import { createLogger } from '../service/logging.js';
import { PROJECT_ROOT } from './build-renderer.js';
import { startHost } from './host.js';

const USAGE = 'usage: npm run host -- [--config FILE] [--data-dir DIR] [--port N] [--no-browser]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let values: { config?: string; 'data-dir'?: string; port?: string; 'no-browser'?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-browser': { type: 'boolean' },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}

const port = Number(values.port ?? '0');
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port: expected 0..65535, found ${values.port}`);

const configPath = chooseConfigPath(
  values.config,
  process.env,
  `${PROJECT_ROOT}kiosk-config/default.json`,
)!;
let loaded;
try {
  loaded = loadConfig(configPath);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = createLogger({ level: loaded.config.logging.level, fd: 1, name: 'kiosk-host' });
const host = await startHost({
  loaded,
  dataDir: values['data-dir'] ?? `${PROJECT_ROOT}.data`,
  port,
  openBrowser: !values['no-browser'],
  logger,
});

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ event: 'host.stopping', signal });
  void host.close().then(() => process.exit(0));
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => void host.restartService('SIGHUP'));
