// Component tests opt into jsdom per file; jest-dom's matchers are harmless elsewhere.
import '@testing-library/jest-dom/vitest'
