import type { Timeline } from './timeline.ts'
import { upperBound } from './track.ts'

/** Indices (into tl.decisions) of the decisions made at `step`. */
export function decisionsAt(tl: Timeline, step: number): number[] {
  const steps = tl.decisions.step
  const at = (i: number) => steps.data[i]!
  const hi = upperBound(steps.length, step, at)
  const lo = upperBound(steps.length, step - 1, at)
  return Array.from({ length: hi - lo }, (_, k) => lo + k)
}

/** Steps with a decision that started a task. */
function startDecisionSteps(tl: Timeline): Int32Array {
  const out: number[] = []
  let last = -1
  for (let d = 0; d < tl.decisions.length; d++) {
    const step = tl.decisions.step.data[d]!
    if (tl.decisions.task.data[d]! >= 0 && step !== last) out.push((last = step))
  }
  return Int32Array.from(out)
}

/** The nearest step before (dir -1) or after (dir +1) `step` where the policy started a task. */
export function adjacentDecisionStep(tl: Timeline, step: number, dir: -1 | 1): number | null {
  const steps = startDecisionSteps(tl)
  if (dir > 0) {
    for (const s of steps) if (s > step) return s
    return null
  }
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]! < step) return steps[i]!
  return null
}
