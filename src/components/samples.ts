import type { TaskSpec } from '../engine/types.ts'
import { parseWorkloadCsv } from '../engine/workloads/csv.ts'
import { BUILT_IN_WORKLOADS } from '../engine/workloads/presets.ts'
import { SERVING_SCENARIOS } from '../engine/workloads/serving-presets.ts'

/** The reference's sample workloads, shipped under public/samples/. */
export const SAMPLE_FILES: readonly string[] = [
  'algo_comparison.csv',
  'burst_comparison.csv',
  'discriminating_test.csv',
  'forced_choice.csv',
  'llm_task1.csv',
  'llm_task2.csv',
  'overload_test.csv',
  'staggered_burst.csv',
]

export const BUILT_IN_NAMES: readonly string[] = Object.keys(BUILT_IN_WORKLOADS)

/** Built-in serving scenarios: whole scenarios (mode, cluster, deployments), not just tasks. */
export const SERVING_NAMES: readonly string[] = Object.keys(SERVING_SCENARIOS)

/** A built-in workload or a shipped sample, by its picker name. */
export async function loadWorkload(name: string, fetchText: (url: string) => Promise<string> = fetchSample): Promise<TaskSpec[]> {
  const builtIn = BUILT_IN_WORKLOADS[name]
  if (builtIn !== undefined) return builtIn()
  if (!SAMPLE_FILES.includes(name)) throw new Error(`unknown workload '${name}'`)
  return parseWorkloadCsv(await fetchText(`./samples/${name}`), name)
}

async function fetchSample(url: string): Promise<string> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`could not load ${url} (HTTP ${res.status})`)
  return res.text()
}
