// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSlicedPerAlgorithm } from '../../src/components/use-sliced-per-algorithm.ts'
import { FALLBACK_SLICE_MS, resetSliced } from '../../src/timing/scheduler.ts'

// Without requestIdleCallback the scheduler's slices are timers, fired when the test says.
// performance.now() moves only when a step "works": STEP_MS a step.
let now = 0
const STEP_MS = 3
beforeEach(() => {
  resetSliced()
  vi.stubGlobal('requestIdleCallback', undefined)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  vi.spyOn(performance, 'now').mockImplementation(() => now)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const ALGORITHMS = ['FIFO', 'SRPT', 'WSRPT']
const names = (r: readonly { a: string; value: number }[] | null) => r?.map(({ a, value }) => `${a}=${value}`) ?? null

describe('useSlicedPerAlgorithm', () => {
  it('computes the algorithms in order, a slice running steps until its deadline, and starts over when the computation changes', () => {
    const steps: string[] = []
    // Two steps an algorithm: the name's length, then its square (or double).
    const by = (f: (n: number) => number) =>
      function* (a: string): Generator<void, number> {
        steps.push(`${a}.1`)
        now += STEP_MS
        yield
        steps.push(`${a}.2`)
        now += STEP_MS
        return f(a.length)
      }
    const square = by((n) => n * n)
    const double = by((n) => 2 * n)
    const { result, rerender } = renderHook(({ algorithms, compute }) => useSlicedPerAlgorithm(algorithms, compute), {
      initialProps: { algorithms: null as readonly string[] | null, compute: square },
    })
    expect(result.current).toBeNull()
    rerender({ algorithms: ALGORITHMS, compute: square })
    // Nothing in the frame that asks: the first slice comes after it.
    expect(names(result.current)).toEqual([])
    expect(steps).toEqual([])
    // A slice of FALLBACK_SLICE_MS (4) holds two 3 ms steps: the second starts before the deadline.
    expect(FALLBACK_SLICE_MS).toBe(4)
    act(() => void vi.advanceTimersToNextTimer())
    expect(steps).toEqual(['FIFO.1', 'FIFO.2'])
    expect(names(result.current)).toEqual(['FIFO=16'])
    act(() => void vi.advanceTimersToNextTimer())
    expect(steps).toEqual(['FIFO.1', 'FIFO.2', 'SRPT.1', 'SRPT.2'])
    expect(names(result.current)).toEqual(['FIFO=16', 'SRPT=16'])
    // A new computation drops the old values at once, then computes again from the first.
    rerender({ algorithms: ALGORITHMS, compute: double })
    expect(names(result.current)).toEqual([])
    act(() => void vi.runAllTimers())
    expect(names(result.current)).toEqual(['FIFO=8', 'SRPT=8', 'WSRPT=10'])
    expect(steps.slice(4)).toEqual(['FIFO.1', 'FIFO.2', 'SRPT.1', 'SRPT.2', 'WSRPT.1', 'WSRPT.2'])
  })
})
