import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { findModel } from '../../src/engine/catalog/models.ts'
import { chooseTp } from '../../src/engine/capacity/tp.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { fixedRateDurationS } from '../../src/engine/perf/fixed-rate.ts'
import type { RunResult } from '../../src/engine/results.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { algorithmArb, scenarioArb } from '../helpers/arbitraries.ts'
import { fastExpect } from '../helpers/fast-expect.ts'

const RUNS = { numRuns: 300, seed: 20261128 }

function checkInvariants(s: Scenario, r: RunResult): void {
  const cluster = resolveCluster(s.cluster)
  // Every task is accounted for exactly once.
  fastExpect(r.tasks.map((t) => t.index)).toEqual(s.tasks.map((_, i) => i))
  const counts = { completed: 0, unfinished: 0, rejected: 0 }
  for (const t of r.tasks) counts[t.status] += 1
  fastExpect(counts).toEqual({ completed: r.metrics.completed_count, unfinished: r.metrics.unfinished_count, rejected: r.metrics.rejected_count })
  fastExpect(counts.completed + counts.unfinished + counts.rejected).toBe(s.tasks.length)

  const holders = new Map<number, { start: number; end: number; startS: number; endS: number }[]>()
  for (const t of r.tasks) {
    const spec = s.tasks[t.index]!
    if (t.status !== 'completed') {
      fastExpect(t.gpus).toEqual([])
      fastExpect(t.startS).toBeNull()
      continue
    }
    fastExpect(t.startS!).toBeGreaterThanOrEqual(spec.arrivalS)
    fastExpect(t.completionS).toBe(t.startS! + fixedRateDurationS(spec.phase, spec.tokens))
    fastExpect(t.startStep).toBeGreaterThanOrEqual(t.arrivalStep)
    fastExpect(t.endStep).toBeGreaterThan(t.startStep)
    if (s.mode === 'exact') {
      // A TP group: tp GPUs, all in one node, each with memory for its share.
      fastExpect(t.gpus).toHaveLength(t.tp)
      fastExpect(new Set(t.gpus.map((g) => cluster.nodeOfGpu[g])).size).toBe(1)
      const weights = findModel(spec.model)?.weightsGB ?? spec.memoryGB ?? 0
      for (const g of t.gpus) fastExpect(weights / t.tp).toBeLessThanOrEqual(cluster.gpus[g]!.memoryGB * (1 + 1e-9))
    } else {
      fastExpect(t.gpus).toHaveLength(2)
    }
    for (const g of t.gpus) {
      const list = holders.get(g) ?? []
      list.push({ start: t.startStep, end: t.endStep, startS: t.startS!, endS: t.completionS! })
      holders.set(g, list)
    }
  }
  // No GPU holds two tasks at once, in steps and in time.
  for (const list of holders.values()) {
    list.sort((a, b) => a.start - b.start)
    for (let i = 1; i < list.length; i++) {
      fastExpect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.end)
      fastExpect(list[i]!.startS).toBeGreaterThanOrEqual(list[i - 1]!.endS - 1e-9)
    }
  }
}

describe('invariants over random workloads', () => {
  it('no GPU holds two tasks, TP groups stay in one node within memory, every task accounted for once', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, (s, a) => {
        checkInvariants(s, runSimulation(s, a))
      }),
      RUNS,
    )
  })

  it('two runs give identical results', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, (s, a) => {
        expect(runSimulation(s, a)).toEqual(runSimulation(s, a))
      }),
      { ...RUNS, numRuns: 100 },
    )
  })

  it('skipping idle steps gives exactly the results of stepping every dt', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, (s, a) => {
        const skipping = runSimulation(s, a)
        const stepping = runSimulation(s, a, { skipIdleSteps: false })
        expect({ ...skipping, executedSteps: 0 }).toEqual({ ...stepping, executedSteps: 0 })
        expect(skipping.executedSteps).toBeLessThanOrEqual(stepping.executedSteps)
      }),
      RUNS,
    )
  })

  it('exact mode is work conserving: after each step no waiting task fits (strict: the head does not)', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, fc.boolean(), (s, a, backfill) => {
        const exact = { ...s, mode: 'exact' as const, backfill }
        const cluster = resolveCluster(exact.cluster)
        const r = runSimulation(exact, a)
        const policy = policies.get(a)
        const steps = new Set(r.tasks.flatMap((t) => [t.arrivalStep, t.startStep, t.endStep]).filter((k) => k >= 0 && k < r.steps))
        const queued = (i: number) => {
          const t = exact.tasks[i]!
          return { order: i, arrival: t.arrivalS, weight: t.weight, remaining: 0, ratioRemaining: 0, tokens: t.tokens, remainingTokens: t.tokens, model: t.model, tp: 1, waited: 0, now: t.arrivalS }
        }
        for (const k of steps) {
          const freePerNode = cluster.nodes.map((n) => n.gpuIndices.length)
          for (const t of r.tasks) if (t.startStep >= 0 && t.startStep <= k && k < t.endStep) for (const g of t.gpus) freePerNode[cluster.nodeOfGpu[g]!]! -= 1
          const waiting = r.tasks.filter((t) => t.status !== 'rejected' && t.arrivalStep >= 0 && t.arrivalStep <= k && (t.startStep < 0 || t.startStep > k))
          const fits = (i: number) => {
            const c = chooseTp(exact.tasks[i]!, cluster)
            return c.ok && c.eligibleNodes.some((n) => freePerNode[n]! >= c.tp)
          }
          if (backfill) {
            for (const w of waiting) expect(fits(w.index), `step ${k}: ${w.id} fits but waits`).toBe(false)
          } else if (waiting.length > 0 && a === 'FIFO') {
            // FIFO's head is the earliest arrival (then input order), computable without the estimator.
            const head = waiting.map((w) => w.index).sort((x, y) => policy.compare(queued(x), queued(y)) || x - y)[0]!
            expect(fits(head), `step ${k}: head ${head} fits but waits`).toBe(false)
          }
        }
      }),
      { ...RUNS, numRuns: 200 },
    )
  })
})
