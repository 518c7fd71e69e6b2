import { policies } from '../engine/policies/registry.ts'
import type { SchedulingPolicy } from '../engine/policies/policy.ts'
import { decisionPoint } from '../run-view/decision-point.ts'
import { decisionsAt } from '../run-view/decisions.ts'
import { holdersAt } from '../run-view/holders.ts'
import { queueAt } from '../run-view/queue.ts'
import { rankingFor, type Ranking } from '../run-view/ranking.ts'
import { stepTimes } from '../run-view/time.ts'
import type { PreparedRun } from '../worker/protocol.ts'
import type { Timeline } from '../run-view/timeline.ts'
import type { Mode, Scenario, TaskSpec } from '../engine/types.ts'
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
  /** The policy's ranking (its queue): with it, sentences name ties and how they were broken. */
  readonly ranking?: Ranking
  /** Node layout (first GPU, GPU count): with it, a wait says what is free in which node. */
  readonly nodes?: readonly { readonly first: number; readonly count: number }[]
}

/** The context the sentences of `algorithm`'s run need (null while its ranking is unknown). */
export function explainContextFor(prepared: PreparedRun, scenario: Scenario, algorithm: string, tl: Timeline): (ExplainContext & { readonly ranking: Ranking }) | null {
  const timeOfStep = stepTimes(scenario)
  const ranking = rankingFor(prepared, algorithm, scenario.tasks, timeOfStep, tl)
  if (ranking === null || !policies.has(algorithm)) return null
  return {
    algorithm,
    mode: scenario.mode,
    timeOfStep,
    tasks: scenario.tasks,
    gpusOf: (i) => prepared.gpusNeeded[i]!,
    tpOf: (i) => prepared.tp[i]!,
    keyAt: ranking.keyAt,
    ranking,
    nodes: prepared.nodes,
  }
}

/** The sentence of one decision (its place among its step's decisions picks it out). */
export function explainDecision(tl: Timeline, decision: number, ctx: ExplainContext): Explanation {
  const step = tl.decisions.step.data[decision]!
  const at = decisionsAt(tl, step).indexOf(decision)
  return explainStep(tl, step, ctx)[at]!
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

/** The key as a sentence says it: "remaining 1.00 s", "weight 4", "arrived at 0.00 s". */
function keyWords(policy: SchedulingPolicy, key: number): string {
  const name = policy.keyLabel.replace(/\s*\(s\)$/, '')
  const timed = name !== policy.keyLabel
  const value = timed ? (key === Infinity ? 'unknown' : fmtTime(key)) : fmtKey(key)
  return name === 'arrival' ? `arrived at ${value}` : `${name} ${value}`
}

/** Most ties a sentence counts one by one (the queue's head is read that far). */
const TIE_SCAN = 64

/**
 * How a start's tie was broken, or null when no other waiting task had the pick's key: the
 * candidates just before decision `d` are the queue after the step plus the tasks started at
 * the step by `d` and the decisions after it (started ones left the queue).
 */
function tieText(tl: Timeline, d: number, step: number, task: number, policy: SchedulingPolicy, ctx: ExplainContext): string | null {
  const ranking = ctx.ranking
  if (ranking === undefined) return null
  const key = ctx.keyAt(task, step)
  const later = decisionsAt(tl, step).filter((x) => x > d).map((x) => tl.decisions.task.data[x]!).filter((i) => i >= 0)
  const after = queueAt(tl, step, ranking, TIE_SCAN)
  let tied = later.filter((i) => ctx.keyAt(i, step) === key).length
  let k = 0
  while (k < after.head.length && ranking.keyAt(after.head[k]!, step) === key) k++
  tied += k
  if (tied === 0) return null
  const waiting = after.length + later.length + 1
  const atLeast = k === TIE_SCAN && after.length > TIE_SCAN
  const how = `${policy.name} takes queue order`
  if (!atLeast && tied + 1 === waiting) return `all ${waiting} waiting ${keyWords(policy, key).replace(/^(?!arrived)/, 'have ')}; ${how}`
  return `tied with ${atLeast ? 'at least ' : ''}${plural(tied, 'other')} at ${keyWords(policy, key).replace(/^arrived at/, 'arrival')}; ${how}`
}

/** "node 0: 1, node 2: 3" over the nodes with a free GPU (every GPU in `free` is free). */
function freeByNode(free: readonly number[], nodes: readonly { readonly first: number; readonly count: number }[]): string {
  const parts: string[] = []
  nodes.forEach((n, k) => {
    const c = free.filter((g) => g >= n.first && g < n.first + n.count).length
    if (c > 0) parts.push(`${c} in node ${k}`)
  })
  return parts.join(', ')
}

/**
 * One plain sentence per decision the algorithm made at `step`: what started and why (and how
 * a tie was broken), or why tasks waited although GPUs were free (what the head needs, what is
 * free where; in reference mode, the slot count worked out).
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
        // The slot count as the reference works it out at the start of the stage, before this
        // step's starts (each took two GPUs and a slot).
        const starts = decisionsAt(tl, step).filter((x) => x < d && tl.decisions.task.data[x]! >= 0).length
        const running = new Set(Array.from(holdersAt(tl, step)).filter((h) => h >= 0)).size - starts
        const free0 = free + 2 * starts
        const slots = Math.floor(free0 / 2) - running
        const used = starts > 0 ? `, ${starts === 1 ? 'the one start' : `all ${starts} starts`} before this used ${starts === 1 ? 'it' : 'them'}` : ''
        return {
          kind: 'wait',
          text: `t = ${t}: ${plural(free, 'GPU')} free, but the reference's slot count leaves no slot: ⌊free GPUs / 2⌋ − running tasks = ⌊${free0} / 2⌋ − ${running} = ${slots} at the stage's start${used}; ${plural(queued, 'task')} keep waiting.`,
        }
      }
      const head = passed[0]
      const who =
        head === undefined
          ? `${plural(queued, 'task')} wait`
          : `${id(head)} (TP ${ctx.tpOf(head)}) waits for ${plural(ctx.tpOf(head), 'free GPU')} in one node`
      let where = ''
      if (ctx.nodes !== undefined && ctx.nodes.length > 1 && free > 0) {
        const point = decisionPoint(tl, d, new Int32Array(tl.taskCount))
        where = ` (${freeByNode(point.freeGpus, ctx.nodes)})`
      }
      return { kind: 'wait', text: `t = ${t}: ${plural(free, 'GPU')} free${where}, but nothing in the queue fits: ${who}.` }
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
    const tie = tieText(tl, d, step, task, policy, ctx)
    const because = tie === null ? why : tie.startsWith('all ') ? tie : `${why}; ${tie}`
    return { kind: 'start', text: `t = ${t}: ${plural(free, 'GPU')} free; ${label} starts ${spec.id} (${because}).` }
  })
}
