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

/**
 * A shipped sample as the file it is, to import as any file the user picks (one path, one
 * behaviour: see importWorkloadFile).
 */
export async function fetchSample(name: string, fetchText: (url: string) => Promise<string> = fetchUrl): Promise<File> {
  if (!SAMPLE_FILES.includes(name)) throw new Error(`unknown sample '${name}'`)
  return new File([await fetchText(`./samples/${name}`)], name, { type: 'text/csv' })
}

async function fetchUrl(url: string): Promise<string> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`could not load ${url} (HTTP ${res.status})`)
  return res.text()
}
