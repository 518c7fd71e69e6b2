import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import { growRunAhead } from '../../src/run-view/grow-ahead.ts'
import { iterationMix } from '../../src/run-view/serving-iterations.ts'
import { applyBatch, type Timeline } from '../../src/run-view/timeline.ts'
import type { SegmentBatch } from '../../src/worker/recorder.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { columnsOf, fillOf } from '../helpers/columns.ts'
import { generatedServing, servingTimeline, streamServing } from '../helpers/serving.ts'

/** Two algorithms' timelines of one serving scenario, fed their first `share` of batches (none widened ahead). */
function partlyStreamed(scenario: Scenario, share: number): Timeline[] {
  const prepared = prepareServing(scenario)
  return ['FIFO', 'SRPT'].map((policy) => {
    const batches: SegmentBatch[] = []
    streamServing(prepared, scenario, policy, 4, (b) => batches.push(b))
    const tl = servingTimeline(prepared)
    // The last batch finishes the run: left out, the run is still streaming in.
    for (const b of batches.slice(0, Math.min(batches.length - 1, Math.round(share * batches.length)))) {
      applyBatch(tl, b)
      iterationMix(tl)
    }
    return tl
  })
}

/** Seeded requests on two H100s: enough iterations and decisions to fill columns past their first room. */
const scenarioArb = fc
  .record({ seed: fc.integer({ min: 1, max: 1e6 }), count: fc.integer({ min: 5, max: 60 }), ratePerS: fc.constantFrom(5, 50, 1000) })
  .map(({ seed, count, ratePerS }) => generatedServing(seed, count, ratePerS))

describe("widening a run's columns ahead of need", () => {
  it('spends one budget across every algorithm a call, and frame after frame leaves every column at most half full', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0.2, max: 1, noNaN: true }), fc.integer({ min: 1, max: 4000 }), (scenario, share, budget) => {
        const timelines = partlyStreamed(scenario, share)
        for (let call = 1; ; call++) {
          const before = timelines.map(columnsOf)
          const ranOut = growRunAhead(timelines, budget)
          const widened: number[] = []
          timelines.forEach((tl, i) => {
            const after = columnsOf(tl)
            expect([...after.keys()]).toEqual([...before[i]!.keys()])
            for (const [path, was] of before[i]!) {
              const now = after.get(path)!
              if (now === was) continue
              // Doubled, with what it held.
              expect(now.length).toBe(2 * was.length)
              expect(Array.from(now.subarray(0, was.length))).toEqual(Array.from(was))
              widened.push(now.byteLength)
            }
          })
          const bytes = widened.reduce((a, b) => a + b, 0)
          expect(ranOut).toBe(bytes >= budget)
          if (widened.length > 0) expect(bytes - Math.max(...widened)).toBeLessThan(budget)
          if (!ranOut) break
          expect(call).toBeLessThan(500)
        }
        for (const tl of timelines) for (const f of fillOf(tl)) expect(2 * f.used <= f.room, `${f.path}: ${f.used} of ${f.room}`).toBe(true)
      }),
      { numRuns: 25 },
    )
  })

  it('leaves a finished run as it is', () => {
    const scenario = fc.sample(scenarioArb, { numRuns: 1, seed: 5 })[0]!
    const prepared = prepareServing(scenario)
    const done = servingTimeline(prepared)
    streamServing(prepared, scenario, 'FIFO', 4, (b) => {
      applyBatch(done, b)
      iterationMix(done)
    })
    expect(done.done).toBe(true)
    const before = columnsOf(done)
    // Over half full somewhere, yet nothing is widened.
    expect(fillOf(done).some((f) => 2 * f.used > f.room)).toBe(true)
    expect(growRunAhead([done], Number.MAX_SAFE_INTEGER)).toBe(false)
    for (const [path, a] of columnsOf(done)) expect(a === before.get(path), path).toBe(true)
  })
})
