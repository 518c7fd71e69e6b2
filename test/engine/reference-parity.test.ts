import { describe, expect, it } from 'vitest'
import { presetCluster } from '../../src/engine/catalog/clusters.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { TaskSpec } from '../../src/engine/types.ts'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { BUILT_IN_WORKLOADS } from '../../src/engine/workloads/presets.ts'
import { readFixture } from '../helpers/scenario.ts'

interface ExpectedCase {
  workload?: string
  workload_file?: string
  cluster: string
  dt: number
  max_time: number
  expected: Record<string, Record<string, number>>
}

const cases = JSON.parse(readFixture('expected_results.json')) as ExpectedCase[]
const KEYS = ['weighted_waiting_time', 'average_waiting_time', 'makespan', 'completed_count', 'total_count'] as const

function tasksOf(c: ExpectedCase): TaskSpec[] {
  if (c.workload !== undefined) return BUILT_IN_WORKLOADS[c.workload]!()
  return parseWorkloadCsv(readFixture(c.workload_file!), c.workload_file)
}

describe('reference mode reproduces every published case', () => {
  it('has all 40 cases', () => {
    expect(cases).toHaveLength(40)
  })

  for (const c of cases) {
    const name = `${c.workload ?? c.workload_file} on ${c.cluster}, max time ${c.max_time}`
    it(name, () => {
      const tasks = tasksOf(c)
      for (const [algorithm, expected] of Object.entries(c.expected) as [string, Record<string, number>][]) {
        const result = runSimulation(
          { name, cluster: presetCluster(c.cluster)!, dtS: c.dt, maxTimeS: c.max_time, mode: 'reference', backfill: true, tasks },
          algorithm,
        )
        for (const key of KEYS) {
          expect(result.metrics[key], `${algorithm} ${key}`).toBeCloseTo(expected[key]!, 3)
        }
      }
    })
  }
})
