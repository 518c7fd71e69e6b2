import { defineConfig } from 'vitest/config'

/** End-to-end tests: the built app (dist/) in Debian's headless Chromium. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Hang guards, generous for a loaded machine (see vite.config.ts).
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // A poll is a hang guard, not a speed test: its default second is too short for a page that
    // imports, parses and simulates on a loaded two-core machine (an import once took longer).
    expect: { poll: { timeout: 30_000, interval: 50 } },
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
  },
})
