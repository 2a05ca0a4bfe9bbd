/**
 * Demo configs (`approvalApi.baseUrl: "embedded"`) run the sandbox approval API beside the
 * kiosk on its own loopback port, so the service talks to it over real HTTP exactly as it
 * would to the central platform. Both hosts (the browser host and Electron's service process)
 * use this.
 */
import { join } from 'node:path';
import type { Logger } from '../../drivers/common/logger.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/server.js';
import type { LoadedConfig } from '../service/config/load.js';
import { centralApiSwitch, type CentralApiSwitch } from '../service/devdock/central-api.js';

export interface ApprovalEndpoint {
  /** The base URL the service should call. */
  readonly baseUrl: string;
  /** The embedded sandbox, when one was started; close it on shutdown. */
  readonly sandbox: SandboxHandle | undefined;
  /** The dev dock's "central API down / up" over the embedded sandbox; none for a real API. */
  readonly centralApiSwitch: CentralApiSwitch | undefined;
}

export async function approvalEndpoint(
  loaded: LoadedConfig,
  dataDir: string,
  logger: Logger,
): Promise<ApprovalEndpoint> {
  const configured = loaded.config.approvalApi.baseUrl;
  if (configured !== 'embedded') {
    return { baseUrl: configured, sandbox: undefined, centralApiSwitch: undefined };
  }
  const sandbox = await startSandbox({
    port: 0,
    dataDir: join(dataDir, 'sandbox'),
    logger: logger.child({ domain: 'sandbox' }),
  });
  logger.info({ event: 'host.sandbox-started', url: sandbox.url });
  return { baseUrl: sandbox.url, sandbox, centralApiSwitch: centralApiSwitch(sandbox) };
}
