import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config';

// `npm run fuzz`: the property tests only, with FUZZ_RUNS=100000 set by the script.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/unit/**/*.property.test.ts'],
      testTimeout: 600_000,
    },
  }),
);
