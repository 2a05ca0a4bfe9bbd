/**
 * Entry of the kiosk service under Electron (the Electron-side host of the service): runs in a `utilityProcess` forked by main. Main
 * hands it one MessagePortMain per renderer load with `{ type: 'connect-renderer' }`; the
 * service serves the contract over each port. Argv: `--config FILE --data-dir DIR`, plus
 * `--outbox-key-from-main` when main unwrapped the outbox key with safeStorage: the service
 * then waits for the key (`outbox-key`, the first message) before it opens the outbox.
 */
import { parseArgs } from 'node:util';
import { OUTBOX_KEY_FROM_MAIN_FLAG } from '../main/channels.js';
import { staticKeyProvider } from '../service/outbox/crypto.js';
import { chooseConfigPath, ConfigError, loadConfig } from '../service/config/load.js';
import { createLogger } from '../service/logging.js';
import { serveMessagePort, type PortLike } from '../service/rpc/message-port.js';
import { createKioskService } from '../service/service.js';
import { RESTART_EXIT_CODE } from '../service/staff/domain.js';
import { approvalEndpoint } from './embedded-sandbox.js';
import { waitForOutboxKey, type KeyParentPort } from './outbox-key-wait.js';

interface ParentPort extends KeyParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('electron/host/utility.ts must run in an Electron utility process\n');
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    [OUTBOX_KEY_FROM_MAIN_FLAG.slice(2)]: { type: 'boolean' },
  },
  strict: false,
});
const configPath = chooseConfigPath(values.config as string | undefined);
if (!configPath) {
  process.stderr.write('no config: pass --config FILE or set KIOSK_CONFIG\n');
  process.exit(2);
}

// Before anything else listens: main posts the key as soon as the process is up.
let outboxKey: Uint8Array | undefined;
if (values[OUTBOX_KEY_FROM_MAIN_FLAG.slice(2)] === true) {
  try {
    outboxKey = await waitForOutboxKey(parentPort);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}

try {
  const loaded = loadConfig(configPath);
  const logger = createLogger({ level: loaded.config.logging.level, fd: 1, name: 'kiosk-service' });
  const dataDir = String(values['data-dir'] ?? '.data');
  const { baseUrl, sandbox, centralApiSwitch } = await approvalEndpoint(loaded, dataDir, logger);
  // A technician's restart: shut down and exit with a distinct code; the supervisor in main
  // restarts the utility process after any exit, and the new process re-reads the config.
  let restarting = false;
  const requestRestart = (reason: string): void => {
    if (restarting) return;
    restarting = true;
    logger.info({ event: 'service.restart-requested', reason, exitCode: RESTART_EXIT_CODE });
    void service
      .shutdown(`restart: ${reason}`)
      .then(() => sandbox?.close())
      .finally(() => process.exit(RESTART_EXIT_CODE));
  };
  const service = createKioskService({
    loaded,
    dataDir,
    logger,
    approvalBaseUrl: baseUrl,
    ...(centralApiSwitch ? { centralApiSwitch } : {}),
    requestRestart,
    // Main trusts this message because only its own child can post it (channels.ts).
    requestQuit: () => parentPort.postMessage({ type: 'staff-quit-authorised' }),
    ...(outboxKey ? { outboxKeys: staticKeyProvider(outboxKey, 'safeStorage') } : {}),
  });
  await service.start();
  parentPort.on('message', (e) => {
    const message = e.data as { type?: string } | null;
    if (message?.type === 'connect-renderer' && e.ports[0]) serveMessagePort(service, e.ports[0]);
  });
  parentPort.postMessage({ type: 'service-ready' });
  const stop = (signal: string): void => {
    void service
      .shutdown(signal)
      .then(() => sandbox?.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
