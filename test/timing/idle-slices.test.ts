import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FALLBACK_SLICE_MS, IDLE_TIMEOUT_MS, MAX_SLICE_MS, runSliced } from '../../src/timing/scheduler.ts'

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

/** The browser's idle callbacks and messages, run when the test says. */
function stubBrowser() {
  const idle: Array<(d: { timeRemaining(): number; didTimeout?: boolean }) => void> = []
  const timeouts: (number | undefined)[] = []
  vi.stubGlobal('requestIdleCallback', (f: (d: { timeRemaining(): number }) => void, options?: { timeout?: number }) => {
    timeouts.push(options?.timeout)
    return idle.push(f)
  })
  const messages: Array<() => void> = []
  vi.stubGlobal(
    'MessageChannel',
    class {
      port1: { onmessage: (() => void) | null; close: () => void } = { onmessage: null, close: () => {} }
      port2 = { postMessage: () => messages.push(() => this.port1.onmessage?.()) }
    },
  )
  /** An idle period of `ms` from now, as the browser reports it. */
  const period = (ms: number) => {
    const end = performance.now() + ms
    return { timeRemaining: () => Math.max(0, end - performance.now()) }
  }
  return { idle, messages, period, timeouts }
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

  it('runs the jobs queued first before the others, whenever they came, and stops at the deadline', () => {
    const log: [string, number][] = []
    runSliced(job('curves', 3, log))
    runSliced(job('layer', 3, log), true)
    runSliced(job('layer 2', 3, log), true)
    vi.runOnlyPendingTimers()
    // One slice of four units: the first queue's jobs, in the order they came; the other waits.
    expect(log.map(([n]) => n)).toEqual(['layer', 'layer', 'layer', 'layer 2'])
    log.length = 0
    vi.runOnlyPendingTimers()
    expect(log.map(([n]) => n)).toEqual(['layer 2', 'layer 2', 'curves', 'curves'])
    log.length = 0
    vi.runOnlyPendingTimers()
    expect(log.map(([n]) => n)).toEqual(['curves'])
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

  it('uses the idle time the browser reports, up to MAX_SLICE_MS a task', () => {
    const { idle, messages, period } = stubBrowser()
    const log: [string, number][] = []
    runSliced(job('a', 30, log))
    expect(idle).toHaveLength(1)
    idle.shift()!(period(3))
    expect(log).toHaveLength(3)
    // A long idle period (nothing else to do): still at most MAX_SLICE_MS in one task, as input may arrive.
    idle.shift()!(period(50))
    expect(log).toHaveLength(3 + MAX_SLICE_MS)
    while (messages.length > 0) messages.shift()!()
    expect(log).toHaveLength(30)
    expect(idle).toHaveLength(0)
  })

  it('does a unit of work even in an idle period with no time left, so a job cannot starve', () => {
    const { idle, messages, period } = stubBrowser()
    const log: [string, number][] = []
    runSliced(job('a', 3, log))
    idle.shift()!(period(0))
    expect(log).toHaveLength(1)
    expect([idle.length, messages.length]).toEqual([1, 0])
    idle.shift()!(period(0))
    idle.shift()!(period(0))
    expect(log).toHaveLength(3)
    expect(idle).toHaveLength(0)
  })

  it('runs a slice anyway when no idle period comes within IDLE_TIMEOUT_MS, so a busy page still gets its work done', () => {
    const { idle, messages, timeouts } = stubBrowser()
    const log: [string, number][] = []
    runSliced(job('a', 10, log))
    expect(timeouts).toEqual([IDLE_TIMEOUT_MS])
    // The browser calls back on the timeout, with no idle time: a fallback slice, then the next ask.
    const timedOut = { didTimeout: true, timeRemaining: () => 0 }
    idle.shift()!(timedOut)
    expect(log).toHaveLength(FALLBACK_SLICE_MS)
    expect([idle.length, messages.length]).toEqual([1, 0])
    idle.shift()!(timedOut)
    idle.shift()!(timedOut)
    expect(log).toHaveLength(10)
    expect(timeouts).toEqual([IDLE_TIMEOUT_MS, IDLE_TIMEOUT_MS, IDLE_TIMEOUT_MS])
  })

  it('goes on in tasks of its own while the idle period lasts, then waits for the next one', () => {
    const { idle, messages, period } = stubBrowser()
    const log: [string, number][] = []
    runSliced(job('a', 100, log))
    idle.shift()!(period(30))
    expect(log).toHaveLength(MAX_SLICE_MS)
    // The next slice is a message, not a wait for the next idle period.
    expect([messages.length, idle.length]).toEqual([1, 0])
    const slices = [MAX_SLICE_MS]
    while (messages.length > 0) {
      const before = log.length
      messages.shift()!()
      slices.push(log.length - before)
    }
    // 8 + 8 + 8 + 6 = the 30 ms of the period, then the next period is asked for.
    expect(slices).toEqual([8, 8, 8, 6])
    expect(idle).toHaveLength(1)
    // The rest in later periods; then nothing is asked for.
    while (idle.length > 0 || messages.length > 0) (messages.shift() ?? (() => idle.shift()!(period(50))))()
    expect(log).toHaveLength(100)
  })
})
