import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      electron: fileURLToPath(new URL('./test/support/electron-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests open ptys, sockets and child processes; two cores are all there is.
    maxWorkers: 2,
  },
});
