import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { approvalClientFromConfig } from '../../../electron/service/approval/index.js';
import { loadConfig } from '../../../electron/service/config/load.js';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server.js';

const DEFAULT_CONFIG = new URL('../../../kiosk-config/default.json', import.meta.url).pathname;
let sandbox: SandboxHandle;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hk-approval-config-'));
  // Terminals default to the demo kiosk: the demo config's key file must match it.
  sandbox = await startSandbox({ dataDir, generatedItems: 0 });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('approval client from the demo config', () => {
  it('signs with the demo key file and is accepted by the default sandbox terminals', async () => {
    const loaded = loadConfig(DEFAULT_CONFIG);
    const lines = capturingLogger();
    const client = approvalClientFromConfig({
      config: loaded.config,
      baseUrl: sandbox.url,
      resolvePath: loaded.resolvePath,
      logger: lines,
    });
    const items = await client.listItems({ q: 'fireworks' });
    expect(items.ok && items.value.total).toBeGreaterThan(0);
    expect(client.circuit().state).toBe('closed');
  });

  it('names the key file when it is missing', () => {
    const loaded = loadConfig(DEFAULT_CONFIG);
    expect(() =>
      approvalClientFromConfig({
        config: {
          ...loaded.config,
          approvalApi: { ...loaded.config.approvalApi, keyFile: 'missing.key' },
        },
        baseUrl: sandbox.url,
        resolvePath: loaded.resolvePath,
        logger: capturingLogger(),
      }),
    ).toThrow(/approval key file .*missing\.key/);
  });
});
