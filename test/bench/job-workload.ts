import { formatWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'

/** bench:ui's job-mode workload of `count` tasks (Poisson arrivals at 35/s, seed 7), as CSV. */
export function jobBenchCsv(count: number): string {
  return formatWorkloadCsv(generateWorkload({ ...DEFAULT_GENERATOR, count, seed: 7, arrivals: { kind: 'poisson', ratePerS: 35 } }))
}
