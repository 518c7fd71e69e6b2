/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { availableParallelism } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { defineConfig } from 'vite'

// The unit suite's worker allocates fast (jsdom pages, React's development build): a young
// generation of 64-128 MB, not V8's default grown from 1 MB, collects a fifth as often
// (docs/performance.md). Set here, before vitest creates its worker: a heap takes the flags it
// is created with.
if (process.env.VITEST !== undefined) setFlagsFromString('--min-semi-space-size=64 --max-semi-space-size=128')

// Loaded for the tests only: the app's build and dev server need no test runner.
const sequencer = process.env.VITEST === undefined ? undefined : (await import('./test/helpers/environment-sequencer.ts')).EnvironmentSequencer

export default defineConfig({
  plugins: [react()],
  // Relative asset paths: the built app works from any folder or static host.
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['test/helpers/setup.ts'],
    // One module graph per worker, not one per file: setting up jsdom and importing React and
    // the engine again for each of 56 files took most of the suite's time. Tests restore
    // what they stub (unstubGlobals) and reset the stores they make.
    pool: 'threads',
    isolate: false,
    // Two workers side by side, on the files of one environment at a time (EnvironmentSequencer):
    // 38-41 s against 44-54 s with one, here on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: sequencer === undefined ? {} : { sequencer },
    unstubGlobals: true,
    // Keeps each transformed module in .cache/vitest between runs (keyed by its content; vitest
    // empties it when the lockfile changes): a second run skips most of the 6–8 s of transforming
    // and importing. Outside node_modules, so that `npm ci` keeps it; a fresh clone starts without.
    experimental: { fsModuleCache: true, fsModuleCachePath: '.cache/vitest' },
    // A guard against hangs only: no test asserts how fast the machine is. Generous, because a
    // component test that takes 4 s on an idle machine took 224 s on one loaded twentyfold.
    testTimeout: 300_000,
  },
})
