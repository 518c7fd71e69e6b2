import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { policies } from '../../src/engine/policies/registry.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'
import { createSimulation, runSimulation } from '../../src/engine/simulation.ts'
import { rankOrder } from '../../src/engine/policies/policy.ts'
import { formatTraceCsv } from '../../src/engine/export/trace-csv.ts'
import { decisionsAt } from '../../src/run-view/decisions.ts'
import { holdersAt } from '../../src/run-view/holders.ts'
import { timelineOutcomes } from '../../src/run-view/outcomes.ts'
import { queueAt } from '../../src/run-view/queue.ts'
import { indexQueue } from '../../src/run-view/queue-index.ts'
import { staticRanking } from '../../src/run-view/ranking.ts'
import { applyBatch, createTimeline } from '../../src/run-view/timeline.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { algorithmArb, scenarioArb } from '../helpers/arbitraries.ts'
import { prefill, scenario } from '../helpers/scenario.ts'
import { perTask } from '../helpers/segments.ts'
import { resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { fastExpect } from '../helpers/fast-expect.ts'

/** Runs with a recorder, flushing every `chunk` steps, and rebuilds the timeline from the batches. */
function streamed(s: Scenario, a: string, chunk: number) {
  const recorder = new BatchRecorder(s.tasks.length)
  const sim = createSimulation(s, a, { listener: recorder })
  const tl = createTimeline(s.tasks.length, resolveCluster(s.cluster).gpus.length)
  let batches = 0
  let lastEventStep = 0
  while (!sim.done) {
    const target = sim.step + chunk
    while (!sim.done && sim.step < target) sim.advance()
    const batch = recorder.flush(sim.done ? Infinity : sim.step, sim.done)
    lastEventStep = Math.max(lastEventStep, batch.lastEventStep)
    applyBatch(tl, batch)
    batches += 1
  }
  return { tl, sim, batches, lastEventStep, result: sim.run() }
}

describe('timeline: streamed batches rebuild the run', () => {
  it('the columns equal the run result, whatever the batch size', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, fc.constantFrom(1, 7, 1000), (s, a, chunk) => {
        const { tl, result, lastEventStep } = streamed(s, a, chunk)
        // The run's last event, as the batches tell it (the store's end of the run).
        expect(lastEventStep).toBe(Math.max(0, ...result.tasks.flatMap((t) => [t.arrivalStep, t.startStep, t.endStep])))
        const cols = perTask(tl)
        expect(cols.arrivalStep).toEqual(result.tasks.map((t) => t.arrivalStep))
        expect(cols.startStep).toEqual(result.tasks.map((t) => t.startStep))
        expect(cols.endStep).toEqual(result.tasks.map((t) => t.endStep))
        for (const t of result.tasks) {
          expect(t.gpus).toEqual(cols.gpus[t.index])
          if (t.completionS !== null) expect(cols.finishS[t.index]).toBe(t.completionS)
        }
        expect(tl.decisions.length).toBe(result.decisions.length)
        result.decisions.forEach((d, k) => {
          expect([tl.decisions.step.data[k], tl.decisions.task.data[k], tl.decisions.freeGpus.data[k], tl.decisions.queueLength.data[k]]).toEqual([d.step, d.task, d.freeGpus, d.queueLength])
          expect(tl.decisions.passedOver(k)).toEqual(d.passedOver)
        })
        // Holders at every event step agree with the task records.
        const steps = new Set(result.tasks.flatMap((t) => [t.startStep, t.endStep]).filter((k) => k >= 0))
        for (const k of steps) {
          const expected = new Int32Array(tl.gpuCount).fill(-1)
          for (const t of result.tasks) if (t.startStep >= 0 && t.startStep <= k && k < t.endStep) for (const g of t.gpus) expected[g] = t.index
          expect(holdersAt(tl, k)).toEqual(expected)
        }
      }),
      { numRuns: 150, seed: 5 },
    )
  })
})

describe('queueAt', () => {
  /** The definition, walked plainly in rank order over the tasks' records. */
  function reference(tl: ReturnType<typeof createTimeline>, step: number, order: Int32Array, rejected: (i: number) => boolean, limit: number) {
    const cols = perTask(tl)
    const waiting = Array.from(order).filter((i) => {
      const a = cols.arrivalStep[i]!
      const s = cols.startStep[i]!
      return a >= 0 && a <= step && !(s >= 0 && s <= step) && !rejected(i)
    })
    return { head: waiting.slice(0, limit), length: waiting.length }
  }

  it('gives the waiting tasks in rank order, and their count, at every step and for any limit', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, fc.integer({ min: 0, max: 6 }), (s, a, limit) => {
        const { tl, sim } = streamed(s, a, 7)
        const rejected = (i: number) => sim.tasks[i]!.rejection !== null
        const order = rankOrder(sim.tasks, policies.get(a))
        const ranking = staticRanking(order, new Float64Array(order.length))
        const cols = perTask(tl)
        const lastStep = Math.max(0, ...cols.endStep, ...cols.arrivalStep)
        const check = () => {
          for (let k = -1; k <= lastStep + 1; k++) {
            fastExpect(queueAt(tl, k, ranking, limit)).toEqual(reference(tl, k, order, rejected, limit))
            fastExpect(queueAt(tl, k, ranking)).toEqual(reference(tl, k, order, rejected, Infinity))
          }
        }
        // Looking at every waiting segment, then from the finished run's index.
        check()
        indexQueue(tl, order)
        check()
      }),
      { numRuns: 100, seed: 12 },
    )
  })
})

describe('queueAt on a run cut short by its max time', () => {
  it('counts a task that arrived but never started as waiting to the end, however often asked', () => {
    // A holds all 8 GPUs for 2 s; B arrives at 0.5 s; the run stops at 1 s, B still waiting.
    const s = scenario([prefill('A', 2, { tp: 8 }), prefill('B', 1, { tp: 8, arrivalS: 0.5 })], { cluster: 'h100_8gpu', maxTimeS: 1 })
    const { tl, sim } = streamed(s, 'FIFO', 7)
    expect([tl.done, perTask(tl).startStep[1]]).toEqual([true, -1])
    const order = rankOrder(sim.tasks, policies.get('FIFO'))
    const ranking = staticRanking(order, new Float64Array(2))
    // Looking at every waiting segment, then from the finished run's index.
    for (let round = 0; round < 2; round++) {
      if (round === 1) indexQueue(tl, order)
      for (const [step, expected] of [
        [0, { head: [], length: 0 }],
        [49, { head: [], length: 0 }],
        [50, { head: [1], length: 1 }],
        [100, { head: [1], length: 1 }],
        [10_000, { head: [1], length: 1 }],
      ] as const)
        expect(queueAt(tl, step, ranking)).toEqual(expected)
    }
  })
})

describe('snapshots of the mixed-TP example (FIFO, backfill, h100_16gpu)', () => {
  const tasks = [prefill('A', 1, { tp: 4 }), prefill('B', 2, { tp: 8 }), prefill('C', 0.5, { tp: 2 }), prefill('D', 1, { tp: 8 }), prefill('E', 3, { tp: 1 })]
  const s = scenario(tasks)
  const { tl, sim } = streamed(s, 'FIFO', 10)
  const ranking = staticRanking(rankOrder(sim.tasks, policies.get('FIFO')), new Float64Array(5))

  it('step 0: A on 0–3, C on 4–5, E on 6, B on node 1; D waits', () => {
    expect(Array.from(holdersAt(tl, 0))).toEqual([0, 0, 0, 0, 2, 2, 4, -1, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(queueAt(tl, 0, ranking)).toEqual({ head: [3], length: 1 })
    expect(decisionsAt(tl, 0).map((d) => tl.decisions.task.data[d])).toEqual([0, 1, 2, 4, -1])
  })

  it('step 100 (1 s): A has completed, D still waits for a whole node', () => {
    expect(Array.from(holdersAt(tl, 100))).toEqual([-1, -1, -1, -1, -1, -1, 4, -1, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(queueAt(tl, 100, ranking).length).toBe(1)
  })

  it('step 200 (2 s): B done, D takes node 1; the queue is empty', () => {
    expect(Array.from(holdersAt(tl, 200))).toEqual([-1, -1, -1, -1, -1, -1, 4, -1, 3, 3, 3, 3, 3, 3, 3, 3])
    expect(queueAt(tl, 200, ranking)).toEqual({ head: [], length: 0 })
    expect(holdersAt(tl, 300).every((h) => h === -1)).toBe(true)
  })
})

describe('trace export from a streamed timeline', () => {
  it('writes the same CSV as the CLI does from the run result', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, (s, a) => {
        const { tl, result } = streamed(s, a, 13)
        expect(formatTraceCsv(s.tasks, [{ algorithm: a, tasks: timelineOutcomes(tl) }])).toBe(formatTraceCsv(s.tasks, [result]))
      }),
      { numRuns: 50, seed: 9 },
    )
  })
})

describe('rank order', () => {
  it('lists tasks in the order the policy would pick them', () => {
    const s = scenario([prefill('A', 4, { weight: 1 }), prefill('B', 2, { weight: 2 }), prefill('C', 3, { weight: 3 })], { cluster: 'h100:1', maxTimeS: Infinity })
    const sim = createSimulation(s, 'SRPT')
    expect(Array.from(rankOrder(sim.tasks, policies.get('SRPT')))).toEqual([1, 2, 0])
    expect(Array.from(rankOrder(sim.tasks, policies.get('WeightedFIFO')))).toEqual([2, 1, 0])
    expect(runSimulation(s, 'SRPT').tasks.map((t) => t.completionS)).toEqual([9, 2, 5])
  })
})
