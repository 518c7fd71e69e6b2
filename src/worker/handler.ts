import { BatchRecorder } from './recorder.ts'
import type { Metrics } from '../engine/results.ts'
import { createSimulation, type Simulation } from '../engine/simulation.ts'
import { prepareScenario } from '../engine/sim-task.ts'
import { createClock } from '../engine/clock.ts'
import { presetOf } from '../engine/modes/mode.ts'
import { rankOrder } from '../engine/policies/policy.ts'
import { policies } from '../engine/policies/registry.ts'
import { jobSegmentCounts } from '../engine/segments.ts'
import { timelineColumnBuffers, timelineColumns, type TimelineColumns } from '../run-view/timeline.ts'
import { batchBuffers, type WorkerCommand, type WorkerEvent } from './protocol.ts'

export type Post = (event: WorkerEvent, transfer: ArrayBuffer[]) => void

interface ActiveRun {
  readonly runId: number
  readonly sims: readonly { readonly algorithm: string; readonly sim: Simulation; readonly recorder: BatchRecorder }[]
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
 * at most one batch is in flight and the page never queues up messages.
 */
export function createSimHandler(post: Post, options: HandlerOptions = {}): (cmd: WorkerCommand) => void {
  const chunkMs = options.chunkMs ?? 12
  const now = options.now ?? (() => performance.now())
  let active: ActiveRun | null = null

  function start(cmd: Extract<WorkerCommand, { type: 'run' }>): void {
    const prepared = prepareScenario(cmd.scenario)
    const n = prepared.tasks.length
    const sims = cmd.algorithms.map((algorithm) => {
      const recorder = new BatchRecorder(n)
      return { algorithm, recorder, sim: createSimulation(prepared, algorithm, { listener: recorder }) }
    })
    const rankOrders: Record<string, Int32Array> = {}
    const keys: Record<string, Float64Array> = {}
    // Preempted tasks wait again with less work left: no order holds for a whole run then.
    const preemptive = cmd.scenario.preemptive === true && prepared.preset.preemptAllowed
    for (const a of cmd.algorithms) {
      const policy = policies.get(a)
      if (!policy.staticKey || preemptive) continue
      rankOrders[a] = rankOrder(prepared.tasks, policy)
      keys[a] = Float64Array.from(prepared.tasks, (t) => policy.key(t))
    }
    const clock = createClock(presetOf(cmd.scenario.mode).clock, cmd.scenario.dtS, cmd.scenario.maxTimeS)
    const tp = Uint8Array.from(prepared.tasks, (t) => t.tp)
    const gpusNeeded = Uint8Array.from(prepared.gpusNeededOf)
    const remaining = Float64Array.from(prepared.tasks, (t) => t.remaining)
    const ratioRemaining = Float64Array.from(prepared.tasks, (t) => t.ratioRemaining)
    // The page's timelines, made here: allocating them costs the page's thread a long task.
    const expected = jobSegmentCounts(n, prepared.rejectedCount)
    const columns: Record<string, TimelineColumns> = {}
    for (const a of cmd.algorithms) columns[a] = timelineColumns(n, expected)
    // Made for this message only: moved to the page, not copied.
    const transfer = [
      ...[tp, gpusNeeded, remaining, ratioRemaining, ...Object.values(rankOrders), ...Object.values(keys)].map((a) => a.buffer as ArrayBuffer),
      ...Object.values(columns).flatMap(timelineColumnBuffers),
    ]
    post(
      {
        type: 'prepared',
        runId: cmd.runId,
        algorithms: cmd.algorithms,
        taskCount: n,
        gpuCount: prepared.cluster.gpus.length,
        nodes: prepared.cluster.nodes.map((n) => ({ first: n.gpuIndices[0]!, count: n.gpuIndices.length, gpu: n.gpu.label })),
        tp,
        gpusNeeded,
        rejections: prepared.tasks.map((t) => t.rejection),
        horizonStep: clock.stepReaching(cmd.scenario.maxTimeS),
        rankOrders,
        keys,
        remaining,
        ratioRemaining,
        preemptive,
        columns,
      },
      transfer,
    )
    active = { runId: cmd.runId, sims, window: 64 }
    chunk()
  }

  function chunk(): void {
    const run = active
    if (run === null) return
    const deadline = now() + chunkMs
    // From the slowest run still going: a finished run's step stays where it ended.
    let target = Math.min(...run.sims.filter((s) => !s.sim.done).map((s) => s.sim.step))
    do {
      const began = now()
      target += run.window
      for (const { sim } of run.sims) while (!sim.done && sim.step < target) sim.advance()
      const took = now() - began
      if (took < chunkMs / 4) run.window *= 2
      else if (took > chunkMs) run.window = Math.max(1, Math.floor(run.window / 2))
    } while (now() < deadline && run.sims.some((s) => !s.sim.done))
    const batches = run.sims.map(({ sim, recorder }) => recorder.flush(sim.done ? Number.MAX_SAFE_INTEGER : sim.step, sim.done))
    const progress = Math.min(...run.sims.map((s) => s.sim.progress))
    post({ type: 'batch', runId: run.runId, batches, progress }, batchBuffers(batches))
    if (run.sims.every((s) => s.sim.done)) {
      const metrics: Record<string, Metrics> = {}
      const steps: Record<string, number> = {}
      for (const { algorithm, sim } of run.sims) {
        const result = sim.run()
        metrics[algorithm] = result.metrics
        steps[algorithm] = result.steps
      }
      post({ type: 'done', runId: run.runId, metrics, steps }, [])
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
