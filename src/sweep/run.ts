import { assertSweep } from './check.ts'
import type { SweepDefinition } from './definition.ts'
import { runSweepJob, shardJobs, type Shard } from './jobs.ts'
import { assembleResult, type SweepResult } from './result.ts'

/**
 * The whole sweep (or one shard of it) on this thread, job after job: the reference the
 * parallel runs are checked against, and the one-worker baseline of the benchmark.
 */
export function runSweep(d: SweepDefinition, shard: Shard | null = null): SweepResult {
  assertSweep(d)
  return assembleResult(d, shardJobs(d, shard).map((j) => runSweepJob(d, j)), shard)
}
