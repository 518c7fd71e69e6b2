import { RUNNING, WAITING } from '../engine/segments.ts'
import { decisionsAt } from './decisions.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { resourcesOf, segmentsOf, upperBound, type SegmentTrack } from './track.ts'

/**
 * The moment just before one scheduling decision, as the policy saw it, read off the segments:
 * who waited, what was free, and what the engine then did. A step's stages run in order
 * (complete, arrive, then the decisions one by one), so a segment that opened or closed at the
 * decision's step counts if its stage or decision came first.
 */
export interface DecisionPoint {
  /** Its index in the timeline's decision log. */
  readonly decision: number
  readonly step: number
  /** The task the engine started (-1: tasks waited although GPUs were free). */
  readonly task: number
  /** The tasks waiting just before it, in queue order (arrival, then input order). */
  readonly candidates: readonly number[]
  /** Of them, those that arrived at this step. */
  readonly arrived: readonly number[]
  /** Tasks started earlier at this step. */
  readonly startedBefore: readonly number[]
  /** GPUs free just before it, ascending. */
  readonly freeGpus: readonly number[]
  /** The GPUs the engine gave the task. */
  readonly gpus: readonly number[]
  /** Running tasks it preempted to make room (preemptive runs). */
  readonly preempted: readonly number[]
}

/** Rank of a stage within a step: completions first, then arrivals, then decision d (d >= 0). */
const COMPLETE = -2
const ARRIVE = -1

/** The start decisions of a step, in order, and the running segment each opened. */
function startsAt(tl: Timeline, run: SegmentTrack | undefined, step: number): { decision: number; task: number; segment: number }[] {
  const starts = decisionsAt(tl, step).filter((d) => tl.decisions.task.data[d]! >= 0)
  if (run === undefined) return []
  // Each start opens one running segment, in decision order: they are the last opened at the step.
  const first = upperBound(run.length, step - 1, (s) => run.stepOpen[s]!)
  return starts.map((decision, k) => ({ decision, task: tl.decisions.task.data[decision]!, segment: first + k }))
}

/**
 * Which start decision of `step` preempted each task preempted then (segment positions on the
 * running track → decision): a preempted task's run closes at the step and a waiting segment
 * opens; its GPUs go to the first task started then whose group takes some of them.
 */
export function preemptionsAt(tl: Timeline, step: number): Map<number, number> {
  const out = new Map<number, number>()
  const run = trackOf(tl, RUNNING)
  const wait = trackOf(tl, WAITING)
  if (run === undefined || wait === undefined) return out
  const lo = upperBound(wait.length, step - 1, (s) => wait.stepOpen[s]!)
  const hi = upperBound(wait.length, step, (s) => wait.stepOpen[s]!)
  const victims: number[] = []
  for (let w = lo; w < hi; w++) {
    const runs = segmentsOf(run, wait.item[w]!, tl.taskCount)
    const cut = runs.filter((s) => run.stepClose[s] === step && run.t0[s]! <= wait.t0[w]!)
    if (cut.length > 0 && !victims.includes(cut[cut.length - 1]!)) victims.push(cut[cut.length - 1]!)
  }
  if (victims.length === 0) return out
  for (const start of startsAt(tl, run, step)) {
    const taken = new Set(resourcesOf(run, start.segment))
    for (const v of victims) if (!out.has(v) && Array.from(resourcesOf(run, v)).some((g) => taken.has(g))) out.set(v, start.decision)
  }
  return out
}

/** The moment just before decision `decision` (see DecisionPoint); `orderOf`: each task's queue order. */
export function decisionPoint(tl: Timeline, decision: number, orderOf: ArrayLike<number>): DecisionPoint {
  const step = tl.decisions.step.data[decision]!
  const task = tl.decisions.task.data[decision]!
  const run = trackOf(tl, RUNNING)
  const wait = trackOf(tl, WAITING)
  const starts = startsAt(tl, run, step)
  const preemptor = preemptionsAt(tl, step)
  /** Per running segment opened at the step: the decision that opened it. */
  const openedBy = new Map(starts.map((s) => [s.segment, s.decision]))
  /** Per task: the decisions of this step that started it, in order. */
  const startsOf = new Map<number, number[]>()
  for (const s of starts) startsOf.set(s.task, [...(startsOf.get(s.task) ?? []), s.decision])
  const before = (rank: number) => rank < decision

  const held = new Set<number>()
  let gpus: number[] = []
  if (run !== undefined) {
    for (let s = 0, end = upperBound(run.length, step, (x) => run.stepOpen[x]!); s < end; s++) {
      const open = run.stepOpen[s]! < step || before(openedBy.get(s) ?? Infinity)
      const close = run.stepClose[s]!
      const closed = close >= 0 && (close < step || (close === step && before(preemptor.get(s) ?? COMPLETE)))
      if (open && !closed) for (const g of resourcesOf(run, s)) held.add(g)
      if (openedBy.get(s) === decision) gpus = Array.from(resourcesOf(run, s))
    }
  }
  const candidates: number[] = []
  const arrived: number[] = []
  if (wait !== undefined) {
    // Waiting segments opened at the step: arrivals, or preempted tasks (by the decision whose start preempted them).
    const waitOpenedBy = new Map<number, number>()
    if (run !== undefined) {
      for (const [seg, d] of preemptor) {
        const item = run.item[seg]!
        const w = segmentsOf(wait, item, tl.taskCount).find((x) => wait.stepOpen[x] === step && wait.t0[x] === run.t1[seg])
        if (w !== undefined) waitOpenedBy.set(w, d)
      }
    }
    for (let s = 0, end = upperBound(wait.length, step, (x) => wait.stepOpen[x]!); s < end; s++) {
      const item = wait.item[s]!
      const opensAt = wait.stepOpen[s] === step ? (waitOpenedBy.get(s) ?? ARRIVE) : -Infinity
      const close = wait.stepClose[s]!
      let closeRank = COMPLETE
      if (close === step) {
        // Its k-th waiting segment closed at the step is closed by its k-th start then.
        const closedHere = segmentsOf(wait, item, tl.taskCount).filter((x) => wait.stepClose[x] === step)
        closeRank = startsOf.get(item)?.[closedHere.indexOf(s)] ?? COMPLETE
      }
      const open = before(opensAt)
      const closed = close >= 0 && (close < step || (close === step && before(closeRank)))
      if (!open || closed) continue
      candidates.push(item)
      if (opensAt === ARRIVE) arrived.push(item)
    }
  }
  candidates.sort((a, b) => orderOf[a]! - orderOf[b]!)
  arrived.sort((a, b) => orderOf[a]! - orderOf[b]!)
  const freeGpus: number[] = []
  for (let g = 0; g < tl.gpuCount; g++) if (!held.has(g)) freeGpus.push(g)
  return {
    decision,
    step,
    task,
    candidates,
    arrived,
    startedBefore: starts.filter((s) => s.decision < decision).map((s) => s.task),
    freeGpus,
    gpus,
    preempted: [...preemptor].filter(([, d]) => d === decision).map(([seg]) => run!.item[seg]!),
  }
}

/** Indices of the decisions that started a task, in order. */
export function startDecisions(tl: Timeline): number[] {
  const out: number[] = []
  for (let d = 0; d < tl.decisions.length; d++) if (tl.decisions.task.data[d]! >= 0) out.push(d)
  return out
}
