import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FALLBACK_SLICE_MS, MAX_SLICE_MS, runSliced } from '../../src/components/idle-slices.ts'

// Fake clocks: timers fire when the test says; performance.now() moves only when a job "works".
let now = 0
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  vi.spyOn(performance, 'now').mockImplementation(() => now)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A job of `units` units of 1 ms each, that works unit by unit until its deadline; logs [name, time]. */
function job(name: string, units: number, log: [string, number][]) {
  let left = units
  return (deadline: number) => {
    do {
      now += 1
      left -= 1
      log.push([name, performance.now()])
    } while (left > 0 && performance.now() < deadline)
    return left === 0
  }
}

describe('runSliced', () => {
  it('gives all jobs together one slice at a time, in the order they came, each a task of its own', () => {
    const log: [string, number][] = []
    runSliced(job('a', 6, log))
    runSliced(job('b', 3, log))
    // Nothing runs in the caller's task.
    expect(log).toEqual([])
    const t0 = performance.now()
    vi.runOnlyPendingTimers()
    // One slice of FALLBACK_SLICE_MS: four units of a, then it stops (b waits for the next slice).
    expect(FALLBACK_SLICE_MS).toBe(4)
    expect(log.map(([n, t]) => [n, t - t0])).toEqual([
      ['a', 1],
      ['a', 2],
      ['a', 3],
      ['a', 4],
    ])
    log.length = 0
    vi.runOnlyPendingTimers()
    // a finishes with two units; b gets the rest of that slice, then the next one.
    expect(log.map(([n]) => n)).toEqual(['a', 'a', 'b', 'b'])
    log.length = 0
    vi.runOnlyPendingTimers()
    expect(log.map(([n]) => n)).toEqual(['b'])
    log.length = 0
    vi.advanceTimersByTime(100)
    expect(log).toEqual([])
  })

  it('drops a job when asked, and a job that throws, and goes on with the others', () => {
    const log: [string, number][] = []
    const cancel = runSliced(job('a', 100, log))
    const failing = vi.fn(() => {
      throw new Error('broken')
    })
    runSliced(failing)
    runSliced(job('c', 1, log))
    vi.runOnlyPendingTimers()
    expect(log.map(([n]) => n)).toEqual(['a', 'a', 'a', 'a'])
    cancel()
    log.length = 0
    // The failing job throws out of its slice (so the error is seen), once.
    expect(() => vi.runOnlyPendingTimers()).toThrow('broken')
    vi.runOnlyPendingTimers()
    expect(log.map(([n]) => n)).toEqual(['c'])
    vi.advanceTimersByTime(100)
    expect(failing).toHaveBeenCalledTimes(1)
  })

  it('uses the idle time the browser reports, up to MAX_SLICE_MS', () => {
    const idle: Array<(d: { timeRemaining(): number }) => void> = []
    vi.stubGlobal('requestIdleCallback', (f: (d: { timeRemaining(): number }) => void) => idle.push(f))
    const log: [string, number][] = []
    runSliced(job('a', 30, log))
    expect(idle).toHaveLength(1)
    idle.shift()!({ timeRemaining: () => 3 })
    expect(log).toHaveLength(3)
    // A long idle period (nothing else to do): still at most MAX_SLICE_MS, as input may arrive.
    idle.shift()!({ timeRemaining: () => 50 })
    expect(log).toHaveLength(3 + MAX_SLICE_MS)
    // No idle time at all: a unit of work still gets done, so the job cannot starve.
    idle.shift()!({ timeRemaining: () => 0 })
    expect(log).toHaveLength(4 + MAX_SLICE_MS)
    expect(idle).toHaveLength(1)
    while (idle.length > 0) idle.shift()!({ timeRemaining: () => 50 })
    expect(log).toHaveLength(30)
  })
})
