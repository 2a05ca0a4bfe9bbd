/**
 * Writes kiosk-config/kiosk-config.schema.json from the zod schema, for technicians' editors
 * (`"$schema": "./kiosk-config.schema.json"` in a config file). `npm run config:schema`
 * writes it; `npm run config:schema -- --check` (part of `npm test`) fails when the committed
 * file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { kioskConfigSchema } from './schema.js';

const TARGET = new URL('./kiosk-config.schema.json', import.meta.url);

export function kioskConfigJsonSchema(): string {
  const schema = z.toJSONSchema(kioskConfigSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Hall Kiosk configuration' }, null, 2)}\n`;
}

if (process.argv[1]?.endsWith('generate-json-schema.ts')) {
  const fresh = kioskConfigJsonSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(TARGET, 'utf8');
    } catch {
      current = '';
    }
    if (current !== fresh) {
      process.stderr.write('kiosk-config/kiosk-config.schema.json is out of date: run `npm run config:schema`\n');
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, fresh);
  }
}
