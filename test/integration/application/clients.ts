/**
 * The approval client of the demo terminal (the sandbox's default terminal), with test
 * overrides. Kept apart from fixture.ts so the kill test's child bundle stays small.
 */
import { parseTerminalKeyHex } from '../../../drivers/common/request-signature.js';
import {
  ApprovalClient,
  type ApprovalClientOptions,
} from '../../../electron/service/approval/client.js';
import { DEMO_TERMINAL } from '../approval/support.js';

export function demoTerminalClient(
  baseUrl: string,
  options: Partial<ApprovalClientOptions> = {},
): ApprovalClient {
  return new ApprovalClient({
    baseUrl,
    terminalId: DEMO_TERMINAL.id,
    keyId: DEMO_TERMINAL.keyId,
    key: parseTerminalKeyHex(DEMO_TERMINAL.key),
    timeoutMs: 5000,
    ...options,
  });
}
