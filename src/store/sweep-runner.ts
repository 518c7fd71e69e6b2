import { jobCount } from '../sweep/definition.ts'
import { shardJobs } from '../sweep/jobs.ts'
import { runJobs, SweepCancelled, type StartWorker, type SweepExecution } from '../sweep/pool.ts'
import { assembleResult } from '../sweep/result.ts'
import type { JobResult } from '../sweep/jobs.ts'
import { sweepWorkerCount, sweepWorkers } from '../worker/sweep-client.ts'
import type { AppStore } from './app-store.ts'

export interface SweepRunnerOptions {
  /** How jobs run: Web Workers by default; tests pass in-thread workers. */
  readonly start?: StartWorker
  readonly workers?: number
}

/** The chart is redrawn at most this many times during a sweep (each redraw re-summarizes every run so far). */
const PARTIAL_UPDATES = 40

/**
 * Runs the sweep the store asks for (startSweep) over a pool of workers, reports progress and
 * the runs so far, and terminates every worker on cancel or on the next "Run sweep".
 */
export function connectSweepRunner(store: AppStore, options: SweepRunnerOptions = {}): () => void {
  const start = options.start ?? sweepWorkers()
  let execution: SweepExecution | null = null
  /** What the run in flight has finished, kept for a cancel. */
  let keepFinished: (() => void) | null = null

  function run(): void {
    execution?.cancel()
    const { sweep, actions } = store.getState()
    const d = sweep.definition
    if (sweep.status !== 'running' || d === null) return
    const runId = sweep.runId
    const jobs = shardJobs(d, null)
    const workers = Math.max(1, Math.min(options.workers ?? sweepWorkerCount(), jobs.length))
    const every = Math.max(1, Math.floor(jobCount(d) / PARTIAL_UPDATES))
    const finished: JobResult[] = []
    keepFinished = () => store.getState().actions.keepCancelled(runId, assembleResult(d, finished, null))
    actions.sweepStarted(runId, jobs.length, workers)
    try {
      execution = runJobs(d, jobs, {
        workers,
        start,
        onResult: (result, done) => {
          finished.push(result)
          const partial = done % every === 0 && done < jobs.length ? assembleResult(d, finished, null) : null
          store.getState().actions.sweepProgress(runId, done, partial)
        },
      })
    } catch (e) {
      actions.failSweep(runId, `The sweep could not start: ${(e as Error).message}`)
      return
    }
    execution.done.then(
      (results) => store.getState().actions.finishSweep(runId, assembleResult(d, results, null)),
      (e: Error) => {
        if (e instanceof SweepCancelled) return
        store.getState().actions.failSweep(runId, `The sweep stopped: ${e.message}`)
      },
    )
  }

  const offRun = store.subscribe((s) => s.sweep.runId, run)
  const offCancel = store.subscribe(
    (s) => s.sweep.status,
    (status) => {
      if (status !== 'cancelled') return
      execution?.cancel()
      keepFinished?.()
    },
  )
  return () => {
    offRun()
    offCancel()
    execution?.cancel()
  }
}
