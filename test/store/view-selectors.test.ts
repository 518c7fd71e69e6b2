import { describe, expect, it } from 'vitest'
import { createTimeline } from '../../src/run-view/timeline.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { fullView, roundUp } from '../../src/store/view-window.ts'
import { selectCursorVersion, selectStreamShown } from '../../src/store/selectors.ts'
import { prefill } from '../helpers/scenario.ts'

describe('fullView', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0.07, 0.7, 1, 1.1, 1.3, 2, 2.01, 2.6, 4.2, 5, 5.5, 8.5, 12, 99, 100, 101, 286.8].map(roundUp)).toEqual([
      0.1, 1, 1, 2, 2, 2, 5, 5, 5, 5, 10, 10, 20, 100, 100, 200, 500,
    ])
  })

  it('grows in round steps while a run streams in, and fits a finished run exactly', () => {
    const store = createAppStore()
    const s = store.getState()
    const at = (status: 'running' | 'done', endStep: number) => fullView({ run: { ...s.run, status, endStep } })
    // dt 0.01 s: step 28,680 is 286.8 s.
    expect(at('running', 28_680)).toEqual([0, 500])
    expect(at('running', 50_001)).toEqual([0, 1000])
    expect(at('done', 28_680)).toEqual([0, 286.8])
    expect(at('done', 0)).toEqual([0, 0.01])
  })

  it('covers the last arrival of the scenario from the start of the run, within the horizon', () => {
    const s = createAppStore().getState()
    // Tasks in any order: the latest arrives at 286.8 s.
    const tasks = [prefill('a', 1, { arrivalS: 12 }), prefill('b', 1, { arrivalS: 286.8 }), prefill('c', 1, { arrivalS: 3 })]
    const at = (endStep: number, maxTimeS = Infinity) =>
      fullView({ run: { ...s.run, status: 'running', endStep, scenario: { ...s.run.scenario, tasks, maxTimeS } } })
    // Nothing streamed yet (the worker has not even prepared the run): already the whole span.
    expect(at(0)).toEqual([0, 500])
    expect(at(100)).toEqual([0, 500])
    expect(at(60_000)).toEqual([0, 1000])
    // A horizon before the last arrival ends the run there.
    expect(at(100, 40)).toEqual([0, 50])
    // No tasks: what has streamed so far.
    expect(fullView({ run: { ...s.run, status: 'running', endStep: 100, scenario: { ...s.run.scenario, tasks: [] } } })).toEqual([0, 1])
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

describe('selectStreamShown', () => {
  it('is false only while every run is known past the cursor, the future hidden and the end not followed', () => {
    const s = createAppStore().getState()
    const tl = createTimeline(3, 2)
    const at = (step: number, known: readonly number[], over: { dimFuture?: boolean; followEnd?: boolean } = {}) =>
      selectStreamShown({
        ...s,
        dimFuture: false,
        followEnd: false,
        ...over,
        step,
        run: { ...s.run, status: 'running', timelines: { FIFO: { ...tl, knownStep: known[0]! }, SRPT: { ...tl, knownStep: known[1]! } } },
      })
    expect(at(0, [40, 90])).toBe(false)
    expect(at(39, [40, 90])).toBe(false)
    // One run not yet known past the cursor: its views still change with each batch.
    expect(at(40, [40, 90])).toBe(true)
    expect(at(95, [40, 90])).toBe(true)
    // The future shown or the end followed: batches show at once.
    expect(at(0, [40, 90], { dimFuture: true })).toBe(true)
    expect(at(0, [40, 90], { followEnd: true })).toBe(true)
    // Prepared, nothing streamed yet: the first batch shows.
    expect(at(0, [0, 0])).toBe(true)
    expect(selectStreamShown({ ...s, dimFuture: false, followEnd: false, step: 0, run: { ...s.run, timelines: {} } })).toBe(false)
  })
})
