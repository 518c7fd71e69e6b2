import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { generateRequests } from '../../src/engine/serving/generate.ts'
import { runServing } from '../../src/engine/serving/run.ts'
import { formatRequestCsv } from '../../src/engine/workloads/request-csv.ts'

/**
 * The serving benchmarks' workload as a request CSV: `count` Llama3-8B requests (log-normal
 * lengths, median 200 in and 200 out) arriving at 80 % of what 64 replicas sustain, measured by
 * saturating one replica (test/bench/serving.ts's workload). Imported on h100_64gpu, the default
 * deployments are 64 TP-1 replicas of Llama3-8B.
 */
export function servingBenchCsv(count: number): string {
  const shape = { seed: 7, model: 'Llama3-8B', medianInputTokens: 200, medianOutputTokens: 200, sigma: 0.8 }
  const saturated = runServing(
    { name: 'one-replica', cluster: parseClusterName('h100:1'), dtS: 0.01, maxTimeS: Infinity, mode: 'serving', backfill: true, tasks: generateRequests({ ...shape, count: 2000, ratePerS: 1e9 }) },
    'FIFO',
  )
  const ratePerS = 0.8 * 64 * saturated.metrics.request_throughput_rps
  return formatRequestCsv(generateRequests({ ...shape, count, ratePerS }))
}
