import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GENERATED_URL,
  generateApiTypes,
} from '../../../electron/service/approval/generate-types.js';

describe('generated API types', () => {
  it('match the current sandbox/openapi.yaml (regenerate with generate-types.ts)', async () => {
    expect(readFileSync(GENERATED_URL, 'utf8')).toBe(await generateApiTypes());
  });
});
