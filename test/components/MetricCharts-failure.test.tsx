// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

let disconnect = () => {}
afterEach(() => {
  disconnect()
  vi.doUnmock('../../src/worker/series-client.ts')
  vi.resetModules()
})

describe('metric charts whose curves cannot be computed', () => {
  it('say why, in place of the curves, rather than "Drawing the curves…" for ever', async () => {
    // The series worker failed (its script did not load): every request is rejected. Modules
    // are shared between test files here (isolate: false), so the charts are loaded afresh.
    vi.resetModules()
    vi.doMock('../../src/worker/series-client.ts', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../../src/worker/series-client.ts')>()),
      seriesComputer: () => () => Promise.reject(new Error('a background worker failed (Failed to fetch a dynamically imported module)')),
    }))
    const { MetricCharts } = await import('../../src/components/MetricCharts.tsx')
    const { createTestStore, renderWithStore, waitForRun } = await import('../helpers/app.tsx')
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<MetricCharts />, t.store)
    await waitForRun(t.store)
    await waitFor(() =>
      expect(screen.getByText(/^The curves could not be drawn/).textContent).toBe(
        'The curves could not be drawn: a background worker failed (Failed to fetch a dynamically imported module). Reload the page to try again.',
      ),
    )
    expect(screen.queryByText('Drawing the curves…')).toBeNull()
    expect(screen.queryAllByRole('figure')).toHaveLength(0)
  })
})
