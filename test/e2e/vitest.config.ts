import { defineConfig } from 'vitest/config';
import { electronStubAlias } from '../../vitest.shared.ts';

// End-to-end: the real browser host (a child process) and Debian's Chromium driven by
// playwright-core. One file at a time: each starts its own host and browser.
export default defineConfig({
  resolve: { alias: electronStubAlias },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/privacy/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
