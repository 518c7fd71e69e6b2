import { itemAt, type WaitingItem } from './policies/policy.ts'
import type { PreparedScenario } from './sim-task.ts'

/**
 * A preemptive run's account of each task's work (README "Preemption"). Work is counted in
 * the seconds the task would take before placement (its estimate with no GPUs given): a
 * preempted task keeps what is left, and a run on GPUs takes that share of its duration there.
 * With the fixed-rate model (the same duration on any GPUs) every ratio below is exactly 1, so
 * a task's runs add up to its duration and its remaining time is finish − now.
 */
export interface WorkAccount {
  /** The task as the policy sees it at `nowS`: its remaining work as it stands then. */
  itemOf(task: number, nowS: number): WaitingItem
  /** Seconds the task runs on `gpus` (of TP `tp`) from where its work stands. */
  runS(task: number, tp: number, gpus: readonly number[]): number
  /** It starts a run at `startS` that ends at `finishS` unless preempted. */
  started(task: number, startS: number, finishS: number): void
  /** It is preempted at `nowS`: the rest of its work waits. */
  preempted(task: number, nowS: number): void
  /** It completes its last run at `finishS`. */
  completed(task: number, finishS: number): void
  /** Per task: seconds it held GPUs over all its runs (complete once it has completed). */
  readonly heldS: Float64Array
  /** Whether it has completed: one preempted and not resumed by the horizon has not, though it started. */
  finished(task: number): boolean
}

/**
 * The work left of a run that began at `startS` with `left` seconds of work and was planned to
 * end at `plannedEndS`, at `nowS`: the share of the run still ahead. The page works out a
 * preempted task's remaining work with this too, so both agree to the bit.
 */
export function workLeftAt(left: number, startS: number, plannedEndS: number, nowS: number): number {
  const span = plannedEndS - startS
  return span > 0 ? (left / span) * Math.max(0, plannedEndS - nowS) : 0
}

/** A task as the policy sees it with `left` of its `base` seconds of work still to do. */
export function withWorkLeft(item: WaitingItem, base: number, left: number): WaitingItem {
  if (left === base) return item
  // The estimator's numbers, scaled to the work left (exact mode: they are the base itself).
  const share = base > 0 ? left / base : 0
  const scale = (x: number) => (x === base ? left : x * share)
  return { ...item, remaining: scale(item.remaining), ratioRemaining: scale(item.ratioRemaining), remainingTokens: item.tokens * share }
}

export function createWorkAccount(prepared: Pick<PreparedScenario, 'tasks' | 'perfModel' | 'tpOf'>): WorkAccount {
  const { tasks, perfModel } = prepared
  const n = tasks.length
  /** Seconds of work before placement, and what is left of it (base until a preemption). */
  const base = new Float64Array(n)
  const left = new Float64Array(n)
  for (let i = 0; i < n; i++) left[i] = base[i] = perfModel.durationS(i, prepared.tpOf[i]!, [])
  /** Per running task: when its run began (NaN when not running), when it ends, work at its start. */
  const runStart = new Float64Array(n).fill(NaN)
  const runEnd = new Float64Array(n)
  const heldS = new Float64Array(n)
  const done = new Uint8Array(n)

  /** Work left at `nowS`, for a running task: the share of its run still ahead. */
  const leftAt = (i: number, nowS: number): number => {
    const start = runStart[i]!
    return start !== start ? left[i]! : workLeftAt(left[i]!, start, runEnd[i]!, nowS)
  }

  return {
    heldS,
    finished: (i) => done[i] === 1,
    itemOf: (i, nowS) => withWorkLeft(itemAt(tasks[i]!, nowS), base[i]!, leftAt(i, nowS)),
    runS(i, tp, gpus) {
      const d = perfModel.durationS(i, tp, gpus)
      return left[i] === base[i] ? d : base[i]! > 0 ? left[i]! * (d / base[i]!) : d
    },
    started(i, startS, finishS) {
      runStart[i] = startS
      runEnd[i] = finishS
    },
    preempted(i, nowS) {
      left[i] = leftAt(i, nowS)
      heldS[i] = heldS[i]! + (nowS - runStart[i]!)
      runStart[i] = NaN
    },
    completed(i, finishS) {
      heldS[i] = heldS[i]! + (finishS - runStart[i]!)
      left[i] = 0
      runStart[i] = NaN
      done[i] = 1
    },
  }
}
