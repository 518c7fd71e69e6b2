// Component tests opt into jsdom per file; jest-dom's matchers are harmless elsewhere.
import '@testing-library/jest-dom/vitest'
import { afterEach } from 'vitest'

// Testing Library unmounts after each test by itself only with globals on; we keep them off.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react')
    cleanup()
  }
})
