import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/service/config/load.js';

const EXAMPLES = new URL('../../../kiosk-config/examples/', import.meta.url);

describe('hall example configs', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

  it('there is at least one', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s passes the schema as a production config with real drivers', (file) => {
    const { config } = loadConfig(new URL(file, EXAMPLES).pathname);
    expect(config.mode).toBe('production');
    const drivers = [
      config.devices.idCard,
      config.devices.scanner,
      config.devices.printer,
      ...config.devices.barcode,
    ]
      .filter((d) => d !== undefined)
      .map((d) => d.driver);
    expect(drivers.length).toBeGreaterThan(0);
    expect(drivers).not.toContain('simulator');
  });
});
