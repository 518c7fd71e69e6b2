import type { Metrics } from '../engine/results.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import { startJobRun } from './job-run.ts'
import { batchBuffers, type WorkerCommand, type WorkerEvent } from './protocol.ts'
import { startServingRun } from './serving-run.ts'
import type { Stepper } from './stepper.ts'

export type Post = (event: WorkerEvent, transfer: ArrayBuffer[]) => void

interface ActiveRun {
  readonly runId: number
  readonly steppers: readonly Stepper[]
  /** Steps every algorithm runs to before the next batch is cut; grows as chunks prove cheap. */
  window: number
}

export interface HandlerOptions {
  /** Time budget of one chunk (one batch), so a batch never blocks the worker for long. */
  readonly chunkMs?: number
  readonly now?: () => number
}

/**
 * The worker's logic, without the worker: commands in, events out through `post`. A run is
 * cut into chunks of about `chunkMs`; each chunk advances every algorithm to the same step and
 * posts one batch. The next chunk runs only when the main thread acknowledges the batch, so
 * at most one batch is in flight and the page never queues up messages. Job modes and serving
 * mode stream alike: segments (serving adds its batches and decisions, see recorder.ts).
 */
export function createSimHandler(post: Post, options: HandlerOptions = {}): (cmd: WorkerCommand) => void {
  const chunkMs = options.chunkMs ?? 12
  const now = options.now ?? (() => performance.now())
  let active: ActiveRun | null = null

  function start(cmd: Extract<WorkerCommand, { type: 'run' }>): void {
    const run = cmd.scenario.mode === 'serving' ? startServingRun(cmd) : startJobRun(cmd)
    post(run.prepared, run.transfer)
    active = { runId: cmd.runId, steppers: run.steppers, window: 64 }
    chunk()
  }

  function chunk(): void {
    const run = active
    if (run === null) return
    const deadline = now() + chunkMs
    // From the slowest run still going: a finished run's step stays where it ended.
    let target = Math.min(...run.steppers.filter((s) => !s.done).map((s) => s.step))
    do {
      const began = now()
      target += run.window
      for (const s of run.steppers) s.advanceTo(target)
      const took = now() - began
      if (took < chunkMs / 4) run.window *= 2
      else if (took > chunkMs) run.window = Math.max(1, Math.floor(run.window / 2))
    } while (now() < deadline && run.steppers.some((s) => !s.done))
    const batches = run.steppers.map((s) => s.flush())
    const progress = Math.min(...run.steppers.map((s) => s.progress))
    post({ type: 'batch', runId: run.runId, batches, progress }, batchBuffers(batches))
    if (run.steppers.every((s) => s.done)) {
      const metrics: Record<string, Metrics> = {}
      const steps: Record<string, number> = {}
      const serving: Record<string, ServingMetrics> = {}
      for (const s of run.steppers) {
        const result = s.result()
        metrics[s.algorithm] = result.metrics
        steps[s.algorithm] = result.steps
        if (result.serving !== undefined) serving[s.algorithm] = result.serving
      }
      post({ type: 'done', runId: run.runId, metrics, steps, ...(Object.keys(serving).length > 0 && { serving }) }, [])
      active = null
    }
  }

  return (cmd: WorkerCommand) => {
    try {
      if (cmd.type === 'run') start(cmd)
      else if (cmd.type === 'cancel') {
        if (active?.runId === cmd.runId) active = null
      } else if (cmd.type === 'ack' && active?.runId === cmd.runId) chunk()
    } catch (e) {
      const runId = cmd.runId
      active = null
      post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) }, [])
    }
  }
}
