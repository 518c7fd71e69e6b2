import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { taskRecords } from '../../src/run-view/task-records.ts'
import { algorithmArb, scenarioArb } from '../helpers/arbitraries.ts'
import { timelineOf } from '../helpers/runs.ts'

describe('task records read off the segments', () => {
  it('give the engine’s completed tasks, weighted flow and busy GPU-seconds to the bit, preemptive or not', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, fc.boolean(), (s0, a, preemptive) => {
        const s: Scenario = preemptive ? { ...s0, mode: 'exact', preemptive } : s0
        const r = runSimulation(s, a)
        const rec = taskRecords(timelineOf(s, a))
        let weighted = 0
        let busy = 0
        let makespan = 0
        s.tasks.forEach((t, i) => {
          expect(rec.completed[i] === 1, t.id).toBe(r.tasks[i]!.status === 'completed')
          if (rec.completed[i] !== 1) return
          expect(rec.completionS[i]).toBe(r.tasks[i]!.completionS)
          expect(rec.startS[i]).toBe(r.tasks[i]!.startS)
          weighted += t.weight * (rec.completionS[i]! - t.arrivalS)
          busy += rec.gpus[i]! * rec.heldS[i]!
          makespan = Math.max(makespan, rec.completionS[i]!)
        })
        expect(weighted).toBe(r.metrics.weighted_waiting_time)
        const gpus = r.gpuCount
        expect(makespan > 0 ? busy / (gpus * makespan) : 0).toBe(r.metrics.gpu_utilization)
      }),
      { numRuns: 150, seed: 77 },
    )
  })
})
