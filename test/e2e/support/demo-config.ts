/**
 * The demo config (kiosk-config/default.json) as an object for `startHostProcess`, with the
 * terminal key given by absolute path (the host reads the config from a temporary folder) and
 * top-level sections replaced by `overrides`.
 */
import { readFileSync } from 'node:fs';
import { ROOT } from './host.js';

export function demoHostConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const demo = JSON.parse(readFileSync(`${ROOT}kiosk-config/default.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  return {
    ...demo,
    approvalApi: {
      ...(demo['approvalApi'] as object),
      keyFile: `${ROOT}kiosk-config/demo-terminal.key`,
    },
    ...overrides,
  };
}
