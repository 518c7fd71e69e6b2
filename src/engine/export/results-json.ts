import type { RunResult } from '../results.ts'

/**
 * The reference's `--output` shape: one object keyed `<workload>_<Algorithm>`, each value the
 * algorithm's metrics (the reference's seven keys first, then SchedScope's additions).
 */
export function resultsToJson(
  runs: readonly { readonly workload: string; readonly result: Pick<RunResult, 'algorithm' | 'metrics'> }[],
): string {
  const out: Record<string, unknown> = {}
  for (const { workload, result } of runs) out[`${workload}_${result.algorithm}`] = result.metrics
  return `${JSON.stringify(out, null, 2)}\n`
}
