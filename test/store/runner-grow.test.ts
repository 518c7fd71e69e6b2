import { describe, expect, it } from 'vitest'
import type { AppStore } from '../../src/store/app-store.ts'
import { columnsOf, fillOf } from '../helpers/columns.ts'
import { framedRun } from '../helpers/framed-run.ts'

/** The run's columns, and how much each timeline holds (changed only by a batch). */
function snapshot(store: AppStore) {
  const { run } = store.getState()
  const timelines = Object.values(run.timelines)
  return {
    columns: timelines.map(columnsOf),
    held: JSON.stringify(timelines.map((tl) => [tl.tracks.map((t) => t.length), tl.serving.entryCount.length, tl.serving.decisionStep.length])),
  }
}

describe('the runner widening the run columns', () => {
  it('widens them in frames of their own while the budget runs out, one budget a frame for every algorithm', async () => {
    // One byte: a column a frame.
    const { store, frames, stop } = framedRun({ growAheadBytes: 1 })
    let widenedAlone = 0
    let batches = 0
    try {
      for (let turns = 0; store.getState().run.status !== 'done'; turns++) {
        expect(turns).toBeLessThan(100_000)
        const frame = frames.shift()
        if (frame === undefined) {
          await new Promise((r) => setImmediate(r))
          continue
        }
        const before = snapshot(store)
        frame()
        const after = snapshot(store)
        // A frame that applied no batch only widened columns: one, whichever algorithm's.
        if (after.held !== before.held || after.columns.length !== before.columns.length) {
          batches += 1
          continue
        }
        const widened = after.columns.flatMap((cols, i) => [...cols].filter(([path, a]) => before.columns[i]!.get(path) !== a))
        expect(widened.length).toBeLessThanOrEqual(1)
        widenedAlone += widened.length
      }
    } finally {
      stop()
    }
    expect(widenedAlone).toBeGreaterThan(100)
    expect(batches).toBeGreaterThan(5)
  })

  it('widens them into memory made elsewhere as it comes, the run the same as one widened here', async () => {
    /** Runs the scenario to its end, frames applied as they are asked; memory made by `makeZeroed` if given. */
    async function runToEnd(makeZeroed?: (bytes: number) => Promise<ArrayBuffer>) {
      const { store, stop, toEnd } = framedRun({ growAheadBytes: 256, ...(makeZeroed !== undefined && { makeZeroed }) })
      try {
        await toEnd()
      } finally {
        stop()
      }
      return store.getState().run
    }
    const made = new Set<ArrayBuffer>()
    // Made at once (a worker's reply comes a task later: the run would outpace it here).
    const makeZeroed = (bytes: number) => {
      const b = new ArrayBuffer(bytes)
      made.add(b)
      return Promise.resolve(b)
    }
    const here = await runToEnd()
    const there = await runToEnd(makeZeroed)
    expect(there.servingMetrics).toEqual(here.servingMetrics)
    const held = (run: typeof here) =>
      Object.values(run.timelines).map((tl) => {
        const columns = columnsOf(tl)
        return fillOf(tl).map(({ path, used }) => [path, Array.from(columns.get(path)!.subarray(0, used))])
      })
    expect(held(there)).toEqual(held(here))
    // Columns widened ahead now sit in memory made elsewhere (those widened when full do not).
    const inMade = Object.values(there.timelines).flatMap((tl) => [...columnsOf(tl).values()].filter((c) => made.has(c.buffer as ArrayBuffer)))
    expect(made.size).toBeGreaterThan(100)
    expect(inMade.length).toBeGreaterThan(100)
  })
})
