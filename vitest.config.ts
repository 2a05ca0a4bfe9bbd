import { defineConfig } from 'vitest/config';
import { electronStubAlias } from './vitest.shared.ts';

export default defineConfig({
  resolve: { alias: electronStubAlias },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests open ptys, sockets and child processes; two cores are all there is.
    maxWorkers: 2,
  },
});
