/**
 * Writes kiosk-config/kiosk-config.schema.json from the zod schema, for technicians' editors
 * (`"$schema": "./kiosk-config.schema.json"` in a config file). `npm run config:schema`;
 * a unit test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { kioskConfigSchema } from './schema.js';

export function kioskConfigJsonSchema(): string {
  const schema = z.toJSONSchema(kioskConfigSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Hall Kiosk configuration' }, null, 2)}\n`;
}

if (process.argv[1]?.endsWith('generate-json-schema.ts')) {
  writeFileSync(new URL('./kiosk-config.schema.json', import.meta.url), kioskConfigJsonSchema());
}
