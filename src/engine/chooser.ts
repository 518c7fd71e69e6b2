import type { NodeRoom } from './capacity/capacity.ts'

/**
 * A decision point of a run whose starts a chooser makes instead of the policy (the student's
 * schedule, student/replay.ts): a schedule stage where tasks wait and at least one of them fits
 * on the GPUs free now. The step's completions and arrivals have happened, and any starts the
 * chooser made earlier at this step.
 */
export interface ChoicePoint {
  readonly step: number
  readonly timeS: number
  /** The waiting tasks, in queue order (arrival, then input order). */
  readonly waiting: readonly number[]
  /** GPUs free now. */
  readonly freeGpus: number
  /** Where task `task`'s group could go now: its eligible nodes with their free GPUs, and the placement rule's node (-1: none fits). */
  roomFor(task: number): { readonly nodes: readonly NodeRoom[]; readonly best: number }
}

/** A start: the task, and the node its group goes on. */
export interface Choice {
  readonly task: number
  readonly node: number
}

/** Makes each start of a run; null stops the run at that point (the loop reports no more). */
export interface Chooser {
  choose(point: ChoicePoint): Choice | null
}
