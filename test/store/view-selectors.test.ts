import { describe, expect, it } from 'vitest'
import { createTimeline } from '../../src/engine/timeline.ts'
import { createAppStore, fullView, roundUp } from '../../src/store/app-store.ts'
import { selectCursorVersion } from '../../src/store/selectors.ts'

describe('fullView', () => {
  it('rounds up to 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten', () => {
    expect([0.7, 1, 1.1, 1.3, 2.01, 2.6, 3.5, 4.2, 5.5, 7, 8.5, 12, 99, 100, 101, 286.8].map(roundUp)).toEqual([
      0.8, 1, 1.25, 1.5, 2.5, 3, 4, 5, 6, 8, 10, 12.5, 100, 100, 125, 300,
    ])
  })

  it('grows in round steps while a run streams in, and fits a finished run exactly', () => {
    const store = createAppStore()
    const s = store.getState()
    const at = (status: 'running' | 'done', endStep: number) => fullView({ run: { ...s.run, status, endStep } })
    // dt 0.01 s: step 28,680 is 286.8 s.
    expect(at('running', 28_680)).toEqual([0, 300])
    expect(at('running', 30_001)).toEqual([0, 400])
    expect(at('done', 28_680)).toEqual([0, 286.8])
    expect(at('done', 0)).toEqual([0, 0.01])
  })
})

describe('selectCursorVersion', () => {
  it('follows the run version only while a batch can change what the cursor shows', () => {
    const s = createAppStore().getState()
    const tl = createTimeline(3, 2)
    const at = (step: number, knownStep: number, status: 'running' | 'done', version: number) =>
      selectCursorVersion({ ...s, step, focus: 'FIFO', run: { ...s.run, status, version, timelines: { FIFO: { ...tl, knownStep } } } })
    // The cursor at or past what is known: every batch counts.
    expect([at(5, 5, 'running', 7), at(9, 5, 'running', 8)]).toEqual([7, 8])
    // The cursor's step is final: later batches do not change it, until the run completes.
    expect([at(4, 5, 'running', 7), at(4, 9, 'running', 8), at(4, 9, 'done', 9)]).toEqual([-1, -1, -2])
  })
})
