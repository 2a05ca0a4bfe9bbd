/**
 * Writes kiosk-config/kiosk-config.schema.json from the zod schema, for technicians' editors
 * (`"$schema": "./kiosk-config.schema.json"` in a config file). `npm run config:schema`
 * writes it; `--check` (part of `npm test`) fails when the committed file is out of date.
 */
import { z } from 'zod';
import { kioskConfigSchema } from '../kiosk-config/schema.js';
import { writeOrCheck } from './generated-file.js';

export function kioskConfigJsonSchema(): string {
  const schema = z.toJSONSchema(kioskConfigSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Hall Kiosk configuration' }, null, 2)}\n`;
}

writeOrCheck(
  new URL('../kiosk-config/kiosk-config.schema.json', import.meta.url),
  kioskConfigJsonSchema(),
  'npm run config:schema',
);
