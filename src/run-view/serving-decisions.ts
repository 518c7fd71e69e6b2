import { ADMIT, FINISH, PREEMPT } from '../engine/segments.ts'
import type { Timeline } from './timeline.ts'
import { upperBound } from './track.ts'

/** Indices (into tl.serving's decision columns) of the serving decisions made at `step`. */
export function servingDecisionsAt(tl: Timeline, step: number): number[] {
  const steps = tl.serving.decisionStep
  const at = (i: number) => steps.data[i]!
  const hi = upperBound(steps.length, step, at)
  const lo = upperBound(steps.length, step - 1, at)
  return Array.from({ length: hi - lo }, (_, k) => lo + k)
}

/** What a decision sentence names: the requests' ids and models, and why a request is rejected. */
export interface DecisionContext {
  /** The policy's name as the decision cites it. */
  readonly policy: string
  readonly ids: readonly string[]
  readonly modelNames: readonly string[]
  readonly rejections: readonly (string | null)[]
}

/** Decision d of a serving run, with its reason, in words (for the app's decision log). */
export function describeServingDecision(tl: Timeline, d: number, c: DecisionContext): string {
  const log = tl.serving
  const kind = log.decisionKind.data[d]!
  const request = log.decisionRequest.data[d]!
  const replica = log.decisionReplica.data[d]!
  const a = log.decisionA.data[d]!
  const id = c.ids[request]!
  if (kind === ADMIT) {
    return `${id} joins replica ${replica}: head of the ${c.modelNames[request]} queue in ${c.policy} order, with KV blocks free for its first chunk (${a} still waiting)`
  }
  if (kind === PREEMPT) {
    const when = a === request ? 'it needed more KV blocks itself' : `${c.ids[a]} needed more KV blocks`
    return `${id} is preempted on replica ${replica}: ranked last in ${c.policy} order among the running requests when ${when}; its blocks are freed and it will recompute its tokens (${log.decisionB.data[d]} generated so far)`
  }
  if (kind === FINISH) return `${id} finishes on replica ${replica}: it generated its ${a} tokens and frees its KV blocks`
  return `${id} is rejected: ${c.rejections[request] ?? 'no reason recorded'}`
}
