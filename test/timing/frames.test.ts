import { describe, expect, it } from 'vitest'
import { drawAsks, duringAnimationFrame, inAnimationFrame } from '../../src/timing/scheduler.ts'

describe('animation frame phase', () => {
  it('is set only while a frame callback runs, nested or throwing', () => {
    expect(inAnimationFrame()).toBe(false)
    const seen: boolean[] = []
    duringAnimationFrame(() => {
      seen.push(inAnimationFrame())
      duringAnimationFrame(() => seen.push(inAnimationFrame()))
      seen.push(inAnimationFrame())
    })
    expect(seen).toEqual([true, true, true])
    expect(inAnimationFrame()).toBe(false)
    expect(() =>
      duringAnimationFrame(() => {
        throw new Error('a view failed')
      }),
    ).toThrow('a view failed')
    expect(inAnimationFrame()).toBe(false)
  })
})

describe('a view’s drawing asked for now or a frame late', () => {
  /** Frames run by hand: requestAnimationFrame replaced while the test runs. */
  function frames() {
    const queue: FrameRequestCallback[] = []
    const saved = globalThis.requestAnimationFrame
    const savedCancel = globalThis.cancelAnimationFrame
    globalThis.requestAnimationFrame = (f) => queue.push(f)
    globalThis.cancelAnimationFrame = (id) => {
      queue[id - 1] = () => {}
    }
    return {
      run: () => {
        // A cancelled callback is a no-op in its place (ids count from 1 in each frame's queue).
        for (const f of queue.splice(0)) f(0)
      },
      restore: () => {
        globalThis.requestAnimationFrame = saved
        globalThis.cancelAnimationFrame = savedCancel
      },
    }
  }

  it('draws late in the next frame, once; a later ask for now replaces it; cancel drops it', async () => {
    const f = frames()
    try {
      let draws = 0
      const asks = drawAsks(() => (draws += 1))
      asks.late()
      asks.late()
      expect(draws).toBe(0)
      f.run()
      expect(draws).toBe(1)
      f.run()
      expect(draws).toBe(1)
      // Late, then now from inside a frame: drawn in that frame (a microtask), not the next.
      asks.late()
      duringAnimationFrame(() => asks.now())
      await Promise.resolve()
      expect(draws).toBe(2)
      f.run()
      expect(draws).toBe(2)
      asks.late()
      asks.cancel()
      f.run()
      expect(draws).toBe(2)
    } finally {
      f.restore()
    }
  })
})
