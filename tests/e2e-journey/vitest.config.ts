// The officer-journey suite: one ordered journey in real Chromium against real servers. Slow and
// stateful, so it runs on its own (npm run test:e2e:journey), one file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e-journey/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
