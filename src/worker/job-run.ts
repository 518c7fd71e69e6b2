import { createClock } from '../engine/clock.ts'
import { jobPresetOf } from '../engine/modes/mode.ts'
import { rankOrder } from '../engine/policies/policy.ts'
import { policies, type PolicyLookup } from '../engine/policies/registry.ts'
import { jobSegmentCounts } from '../engine/segments.ts'
import { prepareScenario, type SimTask } from '../engine/sim-task.ts'
import type { RunPolicies } from '../policy-code/run-policies.ts'
import { createSimulation } from '../engine/simulation.ts'
import type { WorkerCommand } from './protocol.ts'
import { BatchRecorder, BULK_KINDS } from './recorder.ts'
import type { SpareBuffers } from './packed-arrays.ts'
import { pageTimelines, preparedHead, type StartedRun, type Stepper } from './stepper.ts'

/**
 * A job mode's run (exact, reference): the prepared run for the page, and a stepper per
 * algorithm. `ownPolicies` compiles the policies written by a user that the run carries (null:
 * none), found before the app's registry; the run's tasks and policies are returned for the
 * page's questions about a moving key.
 */
export function startJobRun(
  cmd: Extract<WorkerCommand, { type: 'run' }>,
  ownPolicies: (tasks: readonly SimTask[]) => RunPolicies | null = () => null,
  /** Buffers the page gave back, for the batches (packed-arrays.ts). */
  spare?: SpareBuffers,
): StartedRun & { readonly tasks: readonly SimTask[]; readonly lookup: PolicyLookup } {
  const prepared = prepareScenario(cmd.scenario)
  const n = prepared.tasks.length
  const own = ownPolicies(prepared.tasks)
  const lookup = own?.lookup ?? policies
  const steppers = cmd.algorithms.map((algorithm): Stepper => {
    const recorder = new BatchRecorder(n, BULK_KINDS, spare)
    const sim = createSimulation(prepared, algorithm, { listener: recorder, policies: lookup })
    return {
      algorithm,
      get done() {
        return sim.done
      },
      get step() {
        return sim.done ? Number.MAX_SAFE_INTEGER : sim.step
      },
      get progress() {
        return sim.progress
      },
      advanceTo(step) {
        while (!sim.done && sim.step < step) sim.advance()
      },
      flush: () => recorder.flush(sim.done ? Number.MAX_SAFE_INTEGER : sim.step, sim.done),
      result() {
        const r = sim.run()
        return { metrics: r.metrics, steps: r.steps }
      },
    }
  })
  const rankOrders: Record<string, Int32Array> = {}
  const keys: Record<string, Float64Array> = {}
  // Preempted tasks wait again with less work left: no order holds for a whole run then.
  const preemptive = cmd.scenario.preemptive === true && prepared.preset.preemptAllowed
  for (const a of cmd.algorithms) {
    const policy = lookup.get(a)
    if (!policy.staticKey || preemptive) continue
    rankOrders[a] = rankOrder(prepared.tasks, policy)
    keys[a] = own?.staticKeys.get(a) ?? Float64Array.from(prepared.tasks, (t) => policy.key(t))
  }
  const clock = createClock(jobPresetOf(cmd.scenario.mode).clock, cmd.scenario.dtS, cmd.scenario.maxTimeS)
  const tp = Uint8Array.from(prepared.tasks, (t) => t.tp)
  const gpusNeeded = Uint8Array.from(prepared.gpusNeededOf)
  const remaining = Float64Array.from(prepared.tasks, (t) => t.remaining)
  const ratioRemaining = Float64Array.from(prepared.tasks, (t) => t.ratioRemaining)
  const arrays = [tp, gpusNeeded, remaining, ratioRemaining, ...Object.values(rankOrders), ...Object.values(keys)]
  const { columns, transfer } = pageTimelines(cmd.algorithms, n, jobSegmentCounts(n, prepared.rejectedCount), arrays)
  return {
    prepared: {
      ...preparedHead(cmd, n, prepared.cluster),
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
    steppers,
    tasks: prepared.tasks,
    lookup,
  }
}
