import type { CapacityPlan } from './capacity/capacity.ts'
import { resolveCluster, type Cluster } from './catalog/clusters.ts'
import { presetOf, type ModePreset } from './modes/mode.ts'
import type { PerformanceModel } from './perf/performance.ts'
import { jobItem, type WaitingItem } from './policies/policy.ts'
import type { Scenario, TaskSpec } from './types.ts'

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
  readonly preset: ModePreset
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
  const preset = presetOf(scenario.mode)
  const cluster = resolveCluster(scenario.cluster)
  const plan = preset.capacity(cluster)
  const perfModel = preset.perfModel(cluster)
  const byArrival = arrivalOrder(scenario.tasks)
  const orderOf = new Int32Array(byArrival.length)
  for (let k = 0; k < byArrival.length; k++) orderOf[byArrival[k]!] = k
  const tasks = scenario.tasks.map((spec, index): SimTask => {
    const admission = plan.admit(spec)
    const item = jobItem(spec, orderOf[index]!, admission.tp, preset.estimator.estimate(spec, admission.tp, perfModel))
    // Spelled out (no spread): one shape for 100,000 tasks, built while the page waits.
    return {
      order: item.order,
      arrival: item.arrival,
      weight: item.weight,
      remaining: item.remaining,
      ratioRemaining: item.ratioRemaining,
      tokens: item.tokens,
      remainingTokens: item.remainingTokens,
      model: item.model,
      tp: item.tp,
      waited: item.waited,
      now: item.now,
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
  return { scenario, preset, cluster, plan, perfModel, tasks, byArrival, orderOf, classOf, arrivalOf, weightOf, gpusNeededOf, rejectedCount }
}
