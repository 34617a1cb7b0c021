// Browser end-to-end suites: real Chromium (/usr/bin/chromium), real reference Work System, real
// browser host. One file at a time: each launches its own servers and browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts', 'tests/e2e-journey/**/*.e2e.ts', 'tests/e2e-sync-ui/**/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
