import { defineConfig } from 'vitest/config';
import { electronStubAlias } from '../vitest.shared.ts';

// `npm run fuzz`: the property tests only, with FUZZ_RUNS=100000 set by the script.
export default defineConfig({
  resolve: { alias: electronStubAlias },
  test: {
    include: ['test/unit/**/*.property.test.ts'],
    testTimeout: 1_800_000,
    maxWorkers: 2,
  },
});
