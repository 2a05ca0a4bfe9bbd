/**
 * `npm run sandbox -- --port N --data-dir DIR [--terminals FILE] [--test-clock]`
 *
 * Starts the sandbox central approval API and logs one JSON line with
 * `"event":"sandbox.ready"` once it listens (scripts wait for that line). Stops on SIGINT or
 * SIGTERM.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Logger } from '../drivers/common/logger.js';
import { readTerminalsFile, startSandbox } from './server.js';

const USAGE =
  'usage: npm run sandbox -- --port N --data-dir DIR [--terminals FILE] [--test-clock] [--generated-items N]';

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        terminals: { type: 'string' },
        'test-clock': { type: 'boolean', default: false },
        'generated-items': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0..65535');
  const dataDir = values['data-dir'];
  if (!dataDir) fail('--data-dir is required');
  const generated =
    values['generated-items'] === undefined ? undefined : Number(values['generated-items']);
  if (generated !== undefined && (!Number.isInteger(generated) || generated < 0)) {
    fail('--generated-items must be a whole number');
  }

  let terminals;
  try {
    terminals = values.terminals ? readTerminalsFile(values.terminals) : undefined;
  } catch (e) {
    fail((e as Error).message);
  }

  const logger = pino({ base: undefined }) as unknown as Logger;
  const sandbox = await startSandbox({
    port,
    dataDir,
    testClock: values['test-clock'],
    logger,
    ...(terminals ? { terminals } : {}),
    ...(generated !== undefined ? { generatedItems: generated } : {}),
  });
  logger.info({
    event: 'sandbox.ready',
    url: sandbox.url,
    port: sandbox.port,
    dataDir: sandbox.dataDir,
    testClock: values['test-clock'],
    permitKeyId: sandbox.permitKeyId,
  });

  const stop = (signal: string): void => {
    logger.info({ event: 'sandbox.stopping', signal });
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${(e as Error).message}\n`);
  process.exit(1);
});
