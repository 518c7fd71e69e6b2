// Component tests opt into jsdom per file; jest-dom's matchers are harmless elsewhere.
import '@testing-library/jest-dom/vitest'
import { afterEach } from 'vitest'

// waitFor and findBy* are hang guards here, never speed tests: their default second is too short
// for a jsdom page that renders and simulates on a loaded two-core machine.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react')
  configure({ asyncUtilTimeout: 30_000 })
  // Costs of jsdom and React's development build that change nothing a test reads (see each file).
  const { filterStyleMatches } = await import('./style-match-filter.ts')
  filterStyleMatches(document)
  const { cacheComputedStyle } = await import('./computed-style-cache.ts')
  cacheComputedStyle(document)
  const { indexLabels } = await import('./labels-index.ts')
  indexLabels()
  const { skipOwnerStacks } = await import('./react-owner-stacks.ts')
  skipOwnerStacks()
}

// Testing Library unmounts after each test by itself only with globals on; we keep them off.
afterEach(async () => {
  // Idle slices asked for under a test's fake timers would never come (scheduler.ts resetSliced).
  const { resetSliced } = await import('../../src/timing/scheduler.ts')
  resetSliced()
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react')
    cleanup()
  }
})
