/** Builds a real kiosk service on a temporary data folder, for unit and integration tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capturingLogger, type CapturedLine } from '../../drivers/common/logger.js';
import type { KioskConfigInput } from '../../kiosk-config/schema.js';
import { parseConfig } from '../../electron/service/config/load.js';
import { createKioskService, type KioskService } from '../../electron/service/service.js';

export function demoConfig(overrides: Partial<KioskConfigInput> = {}): KioskConfigInput {
  return {
    mode: 'demo',
    terminal: { id: 'HK-TEST-0001', hall: { 'zh-CN': '测试大厅', en: 'Test hall' } },
    approvalApi: { baseUrl: 'embedded', keyId: 'demo-key-1', keyFile: 'demo-terminal.key' },
    devices: { barcode: [] },
    ui: { devDock: true },
    ...overrides,
  };
}

export interface TestService {
  readonly service: KioskService;
  readonly lines: CapturedLine[];
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startTestService(
  config: KioskConfigInput = demoConfig(),
): Promise<TestService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  const logger = capturingLogger();
  const service = createKioskService({ loaded: parseConfig(config), dataDir, logger });
  await service.start();
  return {
    service,
    lines: logger.lines,
    dataDir,
    async close() {
      await service.shutdown('test done');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
