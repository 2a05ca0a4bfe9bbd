/**
 * The approval client as the service builds it from the kiosk config: the terminal id, the
 * key id and key file, the per-attempt timeout, and the base URL (the config's, or the
 * embedded sandbox's when the config says `embedded`).
 */
import type { Logger } from '../../../drivers/common/logger.js';
import type { KioskConfig } from '../../../kiosk-config/schema.js';
import { ApprovalClient, readTerminalKeyFile } from './client.js';

export { ApprovalClient, readTerminalKeyFile } from './client.js';
export type { ApprovalError, ApprovalResult, Schemas } from './client.js';
export type { CircuitSnapshot, CircuitState } from './circuit-breaker.js';

export interface ApprovalClientFromConfig {
  readonly config: KioskConfig;
  /** The API's URL; for `embedded` configs the URL of the sandbox the host started. */
  readonly baseUrl: string;
  /** Resolves the key file relative to the config file (LoadedConfig.resolvePath). */
  readonly resolvePath: (p: string) => string;
  readonly logger: Logger;
}

/** Builds the client; throws a TypeError naming the key file when it cannot be read. */
export function approvalClientFromConfig(input: ApprovalClientFromConfig): ApprovalClient {
  const api = input.config.approvalApi;
  return new ApprovalClient({
    baseUrl: input.baseUrl,
    terminalId: input.config.terminal.id,
    keyId: api.keyId,
    key: readTerminalKeyFile(input.resolvePath(api.keyFile)),
    timeoutMs: api.timeoutMs,
    logger: input.logger.child({ domain: 'approval' }),
  });
}

/** The service's one approval client, or why there is none (no URL yet, unreadable key). */
export interface ServiceApprovalClient {
  readonly client: ApprovalClient | null;
  readonly problem: string | undefined;
}

/**
 * Builds the single client every domain shares (applications, heartbeat, permit checks), so
 * there is one circuit breaker and the technician screen shows the state submissions see.
 */
export function serviceApprovalClient(
  input: Omit<ApprovalClientFromConfig, 'baseUrl'> & { readonly baseUrl: string | undefined },
): ServiceApprovalClient {
  if (!input.baseUrl) {
    return { client: null, problem: 'the central API has no URL (embedded sandbox not started)' };
  }
  try {
    return {
      client: approvalClientFromConfig({ ...input, baseUrl: input.baseUrl }),
      problem: undefined,
    };
  } catch (error) {
    return { client: null, problem: (error as Error).message };
  }
}
