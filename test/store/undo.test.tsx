// @vitest-environment jsdom
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { presetCluster } from '../../src/engine/catalog/clusters.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

describe('undo and redo of scenario edits', () => {
  it('restores the scenario, algorithms and label, and ignores playback', () => {
    const store = createAppStore()
    const a = store.getState().actions
    a.setMode('reference')
    a.setStep(5)
    a.play()
    a.toggleAlgorithm('SRPT')
    a.setCluster(presetCluster('h100_8gpu')!)
    const h = store.temporal.getState()
    expect(h.pastStates).toHaveLength(3)
    h.undo()
    expect(store.getState().scenario.cluster.name).toBe('h100_16gpu')
    h.undo()
    expect(store.getState().algorithms).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    h.undo()
    expect(store.getState().scenario.mode).toBe('exact')
    store.temporal.getState().redo()
    expect(store.getState().scenario.mode).toBe('reference')
  })

  it('Ctrl+Z and Shift+Ctrl+Z undo and redo from the keyboard, and the run follows', async () => {
    const { store, disconnect } = createTestStore()
    renderWithStore(<App />, store)
    await waitForRun(store)
    store.getState().actions.setMode('reference')
    await new Promise((r) => setTimeout(r, 10))
    await waitForRun(store)
    expect(store.getState().run.metrics.FIFO!.weighted_waiting_time).toBeCloseTo(336.4, 9)
    const user = setupUser()
    await user.keyboard('{Control>}z{/Control}')
    expect(store.getState().scenario.mode).toBe('exact')
    await new Promise((r) => setTimeout(r, 10))
    await waitForRun(store)
    expect(store.getState().run.metrics.FIFO!.weighted_waiting_time).toBe(336)
    await user.keyboard('{Shift>}{Control>}z{/Control}{/Shift}')
    expect(store.getState().scenario.mode).toBe('reference')
    disconnect()
  })
})
