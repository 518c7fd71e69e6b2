import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { fixedRateDurationS } from '../../src/engine/perf/fixed-rate.ts'
import { RUNNING, WAITING } from '../../src/engine/segments.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { algorithmArb, scenarioArb } from '../helpers/arbitraries.ts'
import { segmentCollector } from '../helpers/runs.ts'
import { fastExpect } from '../helpers/fast-expect.ts'

const RUNS = { numRuns: 250, seed: 20261201 }
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

/** Few GPUs and tasks arriving while others run: where preemption happens often. */
const crowdedArb = fc.record({
  cluster: fc.constantFrom('h100:1', 'h100:2', 'h100:4', 'h100_8gpu', 'h100_16gpu').map(parseClusterName),
  dtS: fc.constantFrom(0.01, 0.1),
  maxTimeS: fc.constantFrom(3, Infinity),
  backfill: fc.boolean(),
  tasks: fc.array(
    fc.record({
      weight: fc.constantFrom(1, 2, 10),
      arrivalS: fc.integer({ min: 0, max: 30 }).map((k) => k / 10),
      tokens: fc.integer({ min: 1, max: 40 }).map((k) => k * 100),
      tp: fc.constantFrom(1, 1, 2, 4),
    }),
    { minLength: 2, maxLength: 12 },
  ),
}).map((r): Scenario => ({
  name: 'crowded',
  mode: 'exact',
  ...r,
  tasks: r.tasks.map((t, i) => ({ id: `T${i}`, model: 'Llama3-8B', phase: 'prefill' as const, ...t })),
}))

/** Exact mode with the preemptive option on. */
const preemptiveArb = fc.oneof(scenarioArb, crowdedArb).map((s): Scenario => ({ ...s, mode: 'exact', preemptive: true }))

describe('preemptive runs over random workloads', () => {
  it('conserve work, never share a GPU, never run before arrival, and alternate wait and run', () => {
    fc.assert(
      fc.property(preemptiveArb, algorithmArb, (s, a) => {
        const seen = segmentCollector()
        const r = runSimulation(s, a, { listener: seen })
        const held = new Map<number, { t0: number; t1: number; open: number; close: number }[]>()
        for (const t of r.tasks) {
          const spec = s.tasks[t.index]!
          const mine = seen.segments.filter((g) => g.item === t.index)
          if (t.status === 'rejected') continue
          // waiting, running, waiting, running, ...: each segment starts where the last ended.
          mine.forEach((g, k) => {
            fastExpect(g.kind).toBe(k % 2 === 0 ? WAITING : RUNNING)
            if (k === 0) fastExpect(g.t0).toBe(spec.arrivalS)
            else fastExpect(g.t0).toBe(mine[k - 1]!.t1)
            if (g.kind === RUNNING) fastExpect(g.t0).toBeGreaterThanOrEqual(spec.arrivalS)
          })
          const runs = mine.filter((g) => g.kind === RUNNING)
          const ranS = runs.reduce((sum, g) => sum + (g.t1 - g.t0), 0)
          const duration = fixedRateDurationS(spec.phase, spec.tokens)
          if (t.status === 'completed') {
            fastExpect(close(ranS, duration), `${t.id} ran ${ranS} of ${duration}`).toBe(true)
            fastExpect(t.completionS).toBe(runs[runs.length - 1]!.t1)
            fastExpect(t.startS).toBe(runs[0]!.t0)
          } else {
            // Unfinished: arrived after the horizon, never started, or preempted and still
            // waiting at the horizon.
            fastExpect(ranS).toBeLessThan(duration + 1e-9)
            if (mine.length > 0) fastExpect(mine[mine.length - 1]!.kind).toBe(WAITING)
          }
          for (const g of runs) {
            fastExpect(g.gpus).toHaveLength(t.tp)
            for (const gpu of g.gpus) {
              const list = held.get(gpu) ?? []
              list.push({ t0: g.t0, t1: g.t1, open: g.stepOpen, close: g.stepClose })
              held.set(gpu, list)
            }
          }
        }
        for (const list of held.values()) {
          list.sort((x, y) => x.open - y.open || x.t0 - y.t0)
          for (let k = 1; k < list.length; k++) {
            fastExpect(list[k]!.open).toBeGreaterThanOrEqual(list[k - 1]!.close)
            fastExpect(list[k]!.t0).toBeGreaterThanOrEqual(list[k - 1]!.t1 - 1e-9)
          }
        }
      }),
      RUNS,
    )
  })

  it('off is the run of a scenario without the option, to the bit', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, (s, a) => {
        expect(runSimulation({ ...s, preemptive: false }, a)).toEqual(runSimulation(s, a))
      }),
      { ...RUNS, numRuns: 100 },
    )
  })

  it('skipping idle steps gives exactly the results of stepping every dt', () => {
    fc.assert(
      fc.property(preemptiveArb, algorithmArb, (s, a) => {
        const skipping = runSimulation(s, a)
        const stepping = runSimulation(s, a, { skipIdleSteps: false })
        expect({ ...skipping, executedSteps: 0 }).toEqual({ ...stepping, executedSteps: 0 })
      }),
      { ...RUNS, numRuns: 100 },
    )
  })

  it('on one GPU with events on the step grid, preemptive SRPT has the least total flow time of any run', () => {
    // SRPT with preemption minimises Σ (C − A) on one machine (Schrage 1968): no other policy,
    // preemptive or not, can do better when every arrival and duration falls on a step.
    const task = fc.record({ arrival: fc.integer({ min: 0, max: 30 }), tenths: fc.integer({ min: 1, max: 30 }), weight: fc.constantFrom(1, 2, 5) })
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 8 }), fc.boolean(), algorithmArb, (ts, pre, other) => {
        const s: Scenario = {
          name: 'grid',
          cluster: parseClusterName('h100:1'),
          dtS: 0.1,
          maxTimeS: Infinity,
          mode: 'exact',
          backfill: true,
          tasks: ts.map((t, i) => ({ id: `T${i}`, model: 'Llama3-8B', weight: t.weight, arrivalS: t.arrival / 10, phase: 'prefill' as const, tokens: t.tenths * 100 })),
        }
        const best = runSimulation({ ...s, preemptive: true }, 'SRPT').metrics.average_waiting_time
        const rival = runSimulation({ ...s, preemptive: pre }, other).metrics.average_waiting_time
        expect(best).toBeLessThanOrEqual(rival + 1e-9)
      }),
      { ...RUNS, numRuns: 200 },
    )
  })
})
