import type { CapacityPlan } from './capacity/capacity.ts'
import { resolveCluster, type Cluster } from './catalog/clusters.ts'
import { jobPresetOf, type JobPreset } from './modes/mode.ts'
import type { PerformanceModel } from './perf/performance.ts'
import type { WaitingItem } from './policies/policy.ts'
import type { Scenario, TaskSpec } from './types.ts'
import { assertScale } from './workloads/limits.ts'

/**
 * A task as the loop sees it: the spec plus what the mode and cluster decide before the run. It
 * is also the task's view for a static policy key (as it waits: `waited` 0, `now` its arrival).
 */
export interface SimTask extends WaitingItem {
  /** Position in the input. */
  readonly index: number
  readonly spec: TaskSpec
  /** TP the task runs with (reference mode: the model's recommended TP, used by its estimator). */
  readonly tp: number
  readonly gpusNeeded: number
  /** Capacity class, or -1 when rejected. */
  readonly classId: number
  readonly rejection: string | null
}

/** What every algorithm's run of a scenario shares: the mode's pieces, resolved cluster and tasks. */
export interface PreparedScenario {
  readonly scenario: Scenario
  readonly preset: JobPreset
  readonly cluster: Cluster
  readonly plan: CapacityPlan
  readonly perfModel: PerformanceModel
  readonly tasks: readonly SimTask[]
  /** Task indices sorted by arrival; ties keep input order. */
  readonly byArrival: Int32Array
  /** Queue order of each task (its position in byArrival). */
  readonly orderOf: Int32Array
  /** Capacity class of each task (-1: rejected). */
  readonly classOf: Int32Array
  /** The columns the loop and the metrics read, by task index. */
  readonly arrivalOf: Float64Array
  readonly weightOf: Float64Array
  /** TP each task runs with. */
  readonly tpOf: Int32Array
  /** GPUs a task needs (0: rejected). */
  readonly gpusNeededOf: Int32Array
  readonly rejectedCount: number
}

/** Indices of tasks sorted by arrival; ties keep input order. */
export function arrivalOrder(tasks: readonly TaskSpec[]): Int32Array {
  const n = tasks.length
  const arrival = new Float64Array(n)
  const order = new Int32Array(n)
  let sorted = true
  for (let i = 0; i < n; i++) {
    arrival[i] = tasks[i]!.arrivalS
    order[i] = i
    if (i > 0 && arrival[i]! < arrival[i - 1]!) sorted = false
  }
  // Traces and generated workloads usually come in arrival order: nothing to sort then.
  return sorted ? order : order.sort((a, b) => arrival[a]! - arrival[b]! || a - b)
}

/**
 * Resolves every task once with the mode's pieces: TP and capacity class from its capacity
 * model, and the estimate the ranking policies use from its estimator. (Durations come later,
 * from its performance model, when a task is placed.)
 */
export function prepareScenario(scenario: Scenario): PreparedScenario {
  // Before any work: a scenario past the step or task limits would hang or overflow.
  assertScale(scenario)
  const preset = jobPresetOf(scenario.mode)
  const cluster = resolveCluster(scenario.cluster)
  const plan = preset.capacity(cluster)
  const perfModel = preset.perfModel(cluster, scenario.tasks)
  const byArrival = arrivalOrder(scenario.tasks)
  const orderOf = new Int32Array(byArrival.length)
  for (let k = 0; k < byArrival.length; k++) orderOf[byArrival[k]!] = k
  const admissions = scenario.tasks.map((spec) => plan.admit(spec))
  // Loops, not TypedArray.from(list, f): that goes through the iterator protocol, ten times slower.
  const tpOf = new Int32Array(admissions.length)
  for (let i = 0; i < admissions.length; i++) tpOf[i] = admissions[i]!.tp
  const { remaining, ratioRemaining } = preset.estimator.estimate(scenario.tasks, tpOf, perfModel)
  const tasks = scenario.tasks.map((spec, index): SimTask => {
    const admission = admissions[index]!
    // One literal of one shape (the fields jobItem gives, and more), no spread: 100,000 tasks
    // are built here while the page waits.
    return {
      order: orderOf[index]!,
      arrival: spec.arrivalS,
      weight: spec.weight,
      remaining: remaining[index]!,
      ratioRemaining: ratioRemaining[index]!,
      tokens: spec.tokens,
      remainingTokens: spec.tokens,
      model: spec.model,
      tp: admission.tp,
      waited: 0,
      now: spec.arrivalS,
      index,
      spec,
      gpusNeeded: admission.ok ? admission.gpusNeeded : 0,
      classId: admission.ok ? admission.classId : -1,
      rejection: admission.ok ? null : admission.reason,
    }
  })
  const n = tasks.length
  const classOf = new Int32Array(n)
  const arrivalOf = new Float64Array(n)
  const weightOf = new Float64Array(n)
  const gpusNeededOf = new Int32Array(n)
  let rejectedCount = 0
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!
    classOf[i] = t.classId
    arrivalOf[i] = t.arrival
    weightOf[i] = t.weight
    gpusNeededOf[i] = t.gpusNeeded
    if (t.classId < 0) rejectedCount += 1
  }
  return { scenario, preset, cluster, plan, perfModel, tasks, byArrival, orderOf, classOf, arrivalOf, weightOf, tpOf, gpusNeededOf, rejectedCount }
}
