import { policies } from '../engine/policies/registry.ts'
import { decisionsAt } from '../run-view/decisions.ts'
import type { Timeline } from '../run-view/timeline.ts'
import type { Mode, TaskSpec } from '../engine/types.ts'
import { fmtKey, fmtTime } from './format.ts'

export interface ExplainContext {
  readonly algorithm: string
  readonly mode: Mode
  /** The time of a step (run-view/time.ts). */
  readonly timeOfStep: (step: number) => number
  readonly tasks: readonly TaskSpec[]
  /** GPUs each task holds (its TP; 2 in reference mode). */
  readonly gpusOf: (task: number) => number
  readonly tpOf: (task: number) => number
  /** The policy's key of a task at a step (what it ranks by; see run-view/ranking.ts). */
  readonly keyAt: (task: number, step: number) => number
}

export interface Explanation {
  readonly kind: 'start' | 'wait'
  readonly text: string
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * Why the pick won, in the policy's words: its reason template (see PolicyDefinition.reason)
 * with the key and the task filled in.
 */
export function reasonText(template: string, key: number, spec: TaskSpec): string {
  return template
    .replaceAll('{key:time}', key === Infinity ? 'unknown' : fmtTime(key))
    .replaceAll('{key}', fmtKey(key))
    .replaceAll('{arrival}', fmtTime(spec.arrivalS))
}

/**
 * One plain sentence per decision the algorithm made at `step`: what started and why, or why
 * tasks waited although GPUs were free.
 */
export function explainStep(tl: Timeline, step: number, ctx: ExplainContext): Explanation[] {
  const t = fmtTime(ctx.timeOfStep(step))
  const policy = policies.get(ctx.algorithm)
  const label = policy.name
  let usedSoFar = 0
  return decisionsAt(tl, step).map((d) => {
    const task = tl.decisions.task.data[d]!
    const free = tl.decisions.freeGpus.data[d]! - usedSoFar
    const passed = tl.decisions.passedOver(d)
    const id = (i: number) => ctx.tasks[i]!.id
    const needs = (i: number) =>
      ctx.mode === 'reference' ? `${id(i)}` : `${id(i)} (TP ${ctx.tpOf(i)}), which needs ${plural(ctx.tpOf(i), 'free GPU')} in one node`
    if (task < 0) {
      const queued = tl.decisions.queueLength.data[d]!
      if (ctx.mode === 'reference') {
        return {
          kind: 'wait',
          text: `t = ${t}: ${plural(free, 'GPU')} free, but the reference's slot count (⌊free / 2⌋ − running tasks) leaves no slot; ${plural(queued, 'task')} keep waiting.`,
        }
      }
      const head = passed[0]
      const who =
        head === undefined
          ? `${plural(queued, 'task')} wait`
          : `${id(head)} (TP ${ctx.tpOf(head)}) waits for ${plural(ctx.tpOf(head), 'free GPU')} in one node`
      return { kind: 'wait', text: `t = ${t}: ${plural(free, 'GPU')} free, but nothing in the queue fits: ${who}.` }
    }
    usedSoFar += ctx.gpusOf(task)
    const spec = ctx.tasks[task]!
    const why = reasonText(policy.reason, ctx.keyAt(task, step), spec)
    if (passed.length > 0) {
      const ahead = passed.slice(0, 2).map(needs).join('; ')
      return {
        kind: 'start',
        text: `t = ${t}: ${plural(free, 'GPU')} free; ${label} starts ${spec.id} (${ctx.mode === 'reference' ? '' : `TP ${ctx.tpOf(task)}, `}backfilled) ahead of ${ahead}.`,
      }
    }
    return { kind: 'start', text: `t = ${t}: ${plural(free, 'GPU')} free; ${label} starts ${spec.id} (${why}).` }
  })
}
