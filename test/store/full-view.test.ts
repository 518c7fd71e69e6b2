import { describe, expect, it } from 'vitest'
import { createAppStore, fullView, roundUp } from '../../src/store/app-store.ts'

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
