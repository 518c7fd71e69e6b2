import type { Metrics } from '../engine/results.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import { startJobRun } from './job-run.ts'
import { itemAt, type WaitingItem } from '../engine/policies/policy.ts'
import { policies, type PolicyLookup } from '../engine/policies/registry.ts'
import type { SimTask } from '../engine/sim-task.ts'
import type { PolicyCompiler } from '../policy-code/compiler.ts'
import { PolicyCodeError } from '../policy-code/errors.ts'
import { runPolicies, type RunPolicies } from '../policy-code/run-policies.ts'
import { stepTimes } from '../run-view/time.ts'
import { batchBuffers, type WorkerCommand, type WorkerEvent } from './protocol.ts'
import { startServingRun } from './serving-run.ts'
import { SpareBuffers } from './packed-arrays.ts'
import type { Stepper } from './stepper.ts'

export type Post = (event: WorkerEvent, transfer: ArrayBuffer[]) => void

/**
 * What rank commands need of the last run, kept until the next one starts: its policies, its
 * clock, and each task as a policy sees it at a time (a serving request also by the tokens it
 * kept, which the page sends: the worker keeps no request's history).
 */
interface KeptRun {
  readonly runId: number
  readonly lookup: PolicyLookup
  readonly timeOfStep: (step: number) => number
  readonly itemAt: (task: number, nowS: number, generated: number) => WaitingItem | undefined
}

interface ActiveRun {
  readonly runId: number
  readonly steppers: readonly Stepper[]
  /** Steps every algorithm runs to before the next batch is cut; grows as chunks prove cheap. */
  window: number
  /** An advance quicker than this share of a chunk doubles the window. */
  readonly growBelow: number
}

export interface HandlerOptions {
  /** Time budget of one chunk (one batch), so a batch never blocks the worker for long. */
  readonly chunkMs?: number
  readonly now?: () => number
  /**
   * Compiles the policies written by a user that a run carries (src/policy-code/compiler.ts):
   * the simulation worker's compiles in its own hardened realm. Without one, such a run fails
   * with a message (the page's thread never compiles user code).
   */
  readonly compilePolicies?: PolicyCompiler
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
  let kept: KeptRun | null = null
  /** What the page gave back of the batches it applied, for the next ones (any run's). */
  const spare = new SpareBuffers()

  /** The run's policies: the app's, and in front of them those the command carries, compiled. */
  function policiesOf(cmd: Extract<WorkerCommand, { type: 'run' }>, tasks: readonly SimTask[] | null): RunPolicies | null {
    const sources = cmd.customPolicies ?? []
    if (sources.length === 0) return null
    if (options.compilePolicies === undefined) throw new Error('policies written in the browser need a Web Worker to run in, and this browser gave none')
    for (const s of sources) if (policies.has(s.name) && policies.get(s.name).userCode !== true) throw new PolicyCodeError(0, `its name is taken by a built-in policy`, s.name)
    return runPolicies(options.compilePolicies(sources), tasks)
  }

  function start(cmd: Extract<WorkerCommand, { type: 'run' }>): void {
    kept = null
    if (cmd.scenario.mode === 'serving') {
      // No pass over the requests first: every key is read at each look (a scan queue), right for any key.
      const lookup = policiesOf(cmd, null)?.lookup
      const run = startServingRun(cmd, lookup, spare)
      kept = { runId: cmd.runId, lookup: lookup ?? policies, timeOfStep: stepTimes(cmd.scenario), itemAt: run.itemAt }
      post(run.prepared, run.transfer)
      // A serving step is an iteration of every busy replica: 64 of them, on cold code, made the
      // first batch thousands of iterations (a long first task on the page). From 1, the window
      // doubles up to advances of half a chunk or more: it settles where one started at 64 and
      // halved does (a quarter would settle lower: smaller batches, more of them, slower runs).
      active = { runId: cmd.runId, steppers: run.steppers, window: 1, growBelow: 1 / 2 }
    } else {
      const run = startJobRun(cmd, (tasks) => policiesOf(cmd, tasks), spare)
      const tasks: readonly SimTask[] = run.tasks
      kept = { runId: cmd.runId, lookup: run.lookup, timeOfStep: stepTimes(cmd.scenario), itemAt: (i, nowS) => (tasks[i] === undefined ? undefined : itemAt(tasks[i], nowS)) }
      post(run.prepared, run.transfer)
      active = { runId: cmd.runId, steppers: run.steppers, window: 64, growBelow: 1 / 4 }
    }
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
      if (took < chunkMs * run.growBelow) run.window *= 2
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

  /** A moving key's values at a step, worked out here for the page (which runs no user code). */
  function rank(cmd: Extract<WorkerCommand, { type: 'rank' }>): void {
    const run = kept
    if (run === null || run.runId !== cmd.runId) return
    const policy = run.lookup.get(cmd.algorithm)
    const now = run.timeOfStep(cmd.step)
    let error: string | undefined
    const keys = cmd.tasks.map((i, k) => {
      const item = run.itemAt(i, now, cmd.generated?.[k] ?? 0)
      if (item === undefined) return null
      try {
        return policy.key(item)
      } catch (e) {
        // The user's own problem, with the policy and line; anything else is not theirs to read.
        error ??= e instanceof PolicyCodeError ? e.message : `policy ${cmd.algorithm}: its key failed`
        return null
      }
    })
    post({ type: 'ranked', runId: cmd.runId, algorithm: cmd.algorithm, step: cmd.step, tasks: cmd.tasks, keys, ...(error !== undefined && { error }) }, [])
  }

  return (cmd: WorkerCommand) => {
    try {
      if (cmd.type === 'run') start(cmd)
      else if (cmd.type === 'rank') rank(cmd)
      else if (cmd.type === 'cancel') {
        if (active?.runId === cmd.runId) active = null
      } else if (cmd.type === 'ack') {
        if (cmd.spare !== undefined) spare.offer(cmd.spare)
        if (active?.runId === cmd.runId) chunk()
      }
    } catch (e) {
      const runId = cmd.runId
      active = null
      if (e instanceof PolicyCodeError) {
        post({ type: 'error', runId, message: `${e.message}. The run was stopped.`, policy: { name: e.policy ?? '', line: e.line } }, [])
      } else post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) }, [])
    }
  }
}
