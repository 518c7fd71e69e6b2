import { describe, expect, it } from 'vitest'
import { shallow } from 'zustand/shallow'
import { ganttDrawInputs } from '../../src/components/gantt-draw-inputs.ts'
import { createTimeline } from '../../src/run-view/timeline.ts'
import { createAppStore, type AppState } from '../../src/store/app-store.ts'
import { prefill } from '../helpers/scenario.ts'

describe('what a Gantt view redraws for', () => {
  const base = createAppStore().getState()
  // The last task arrives at 0.9 s: while the run streams in the window is [0, 1] until the run
  // passes 1 s (step 100 at dt 0.01), then [0, 2].
  const scenario = { ...base.run.scenario, tasks: [prefill('a', 1), prefill('b', 1, { arrivalS: 0.9 })] }
  const tl = createTimeline(2, 16)
  type Over = { step?: number; version?: number; endStep?: number; dimFuture?: boolean; status?: 'running' | 'done' }
  const state = (o: Over): AppState => ({
    ...base,
    step: o.step ?? 0,
    dimFuture: o.dimFuture ?? false,
    run: { ...base.run, scenario, status: o.status ?? 'running', version: o.version ?? 3, endStep: o.endStep ?? 40, timelines: { FIFO: tl } },
  })
  const inputs = ganttDrawInputs('FIFO')

  it('ignores batches while the cursor is behind what is settled and the future is hidden', () => {
    tl.knownStep = 50
    const before = inputs(state({}))
    // More batches: the run known to step 90, its end at 0.8 s.
    tl.knownStep = 90
    expect(shallow(before, inputs(state({ version: 4, endStep: 80 })))).toBe(true)
    // The run passes the window's end: the window grows (1 s → 2 s), so the view redraws.
    expect(inputs(state({ version: 5, endStep: 101 }))[3]).toBe(2)
    expect(shallow(before, inputs(state({ version: 5, endStep: 101 })))).toBe(false)
    // The run completes: once more.
    expect(shallow(before, inputs(state({ version: 6, status: 'done' })))).toBe(false)
  })

  it('waits for the first batch of a run just prepared', () => {
    tl.knownStep = 0
    const preparing = { ...state({}), run: { ...state({}).run, timelines: {} } }
    expect(shallow(inputs(preparing), inputs(state({})))).toBe(true)
    tl.knownStep = 5
    expect(shallow(inputs(preparing), inputs(state({})))).toBe(false)
  })

  it('follows every batch while the cursor is at or past what is known, or the future is shown', () => {
    tl.knownStep = 50
    expect(shallow(inputs(state({ step: 50 })), inputs(state({ step: 50, version: 4 })))).toBe(false)
    expect(shallow(inputs(state({ dimFuture: true })), inputs(state({ dimFuture: true, version: 4 })))).toBe(false)
    // And of course the cursor itself.
    expect(shallow(inputs(state({ step: 1 })), inputs(state({ step: 2 })))).toBe(false)
  })
})
