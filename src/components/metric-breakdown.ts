import { percentile } from '../engine/metrics.ts'
import type { TaskSpec } from '../engine/types.ts'
import type { TaskRecords } from '../run-view/task-records.ts'
import { fmt3, fmtKey, fmtTime } from './format.ts'

/** The numbers SchedScope explains: the Results table's columns and the charts' readouts. */
export type MetricId = 'weightedFlow' | 'meanFlow' | 'meanDelay' | 'p95Flow' | 'makespan' | 'completed' | 'unfinished' | 'rejected' | 'utilization' | 'vsFifo' | 'queueLength'

/** Each number's name and formula, for its tooltip. */
export const METRIC_FORMULAS: Readonly<Record<MetricId, { readonly name: string; readonly formula: string }>> = {
  weightedFlow: { name: 'Weighted flow', formula: 'Σ weight × (completion − arrival) over completed tasks' },
  meanFlow: { name: 'Mean flow', formula: 'Σ (completion − arrival) / completed tasks' },
  meanDelay: { name: 'Mean queueing delay', formula: 'Σ (first start − arrival) / completed tasks' },
  p95Flow: { name: 'p95 flow', formula: 'the flow (C − A) below which 95 % of completed tasks fall: sorted flows, position (n − 1) × 0.95, between ranks linearly' },
  makespan: { name: 'Makespan', formula: 'the latest completion time' },
  completed: { name: 'Completed', formula: 'tasks completed / tasks in the workload' },
  unfinished: { name: 'Unfinished', formula: 'tasks that did not complete before max time (never started, or preempted and not resumed)' },
  rejected: { name: 'Rejected', formula: 'tasks that can never fit on this cluster' },
  utilization: { name: 'GPU utilization', formula: 'busy GPU-seconds / (GPUs × makespan); at a time: GPUs held / GPUs' },
  vsFifo: { name: 'vs FIFO', formula: '(FIFO’s weighted flow − this) / FIFO’s weighted flow' },
  queueLength: { name: 'Queue length', formula: 'tasks that have arrived and not started (or wait again), after the step’s scheduling' },
}

/** One term of a breakdown: its text and the tasks it stands for. */
export interface Term {
  readonly text: string
  readonly tasks: readonly number[]
}

/** A number explained: "336.000 = 8 × 1 × 2.000 + 8 × 10 × 2.500 + 4 × 10 × 3.000". */
export interface Breakdown {
  readonly equation: string
  readonly terms: readonly Term[]
  /** The tasks to highlight on the Gantt. */
  readonly tasks: readonly number[]
  readonly note: string | null
}

/** What a breakdown reads of a run. */
export interface BreakdownInput {
  readonly tasks: readonly TaskSpec[]
  readonly records: TaskRecords
  readonly gpuCount: number
  /** Null for the final numbers, else the cursor's time (the numbers by then). */
  readonly atS: number | null
  /** The tasks rejected at arrival. */
  readonly rejected: readonly number[]
  /** Queue length and utilization at the cursor: who waits, who holds GPUs then. */
  readonly waiting?: readonly number[]
  readonly holding?: readonly number[]
  /** vs FIFO: FIFO's weighted flow and this algorithm's. */
  readonly fifoWeightedFlow?: number
}

/** Terms shown in full before the rest is summed up as "…". */
const MAX_TERMS = 12

/** Groups tasks by the text of their term (kept in first-seen order); count × term where it repeats. */
function grouped(order: readonly number[], termOf: (i: number) => string): Term[] {
  const groups = new Map<string, number[]>()
  for (const i of order) {
    const key = termOf(i)
    const list = groups.get(key)
    if (list === undefined) groups.set(key, [i])
    else list.push(i)
  }
  return [...groups].map(([text, tasks]) => ({ text: tasks.length > 1 ? `${tasks.length} × ${text}` : text, tasks }))
}

function sum(terms: readonly Term[]): string {
  if (terms.length === 0) return '0'
  const shown = terms.slice(0, MAX_TERMS).map((t) => t.text)
  const rest = terms.length - MAX_TERMS
  return rest > 0 ? `${shown.join(' + ')} + … (${rest} more terms)` : shown.join(' + ')
}

/** Completed tasks in the order they completed (ties: input order). */
function byCompletion(r: TaskRecords): number[] {
  const out: number[] = []
  for (let i = 0; i < r.completed.length; i++) if (r.completed[i] === 1) out.push(i)
  return out.sort((a, b) => r.completionS[a]! - r.completionS[b]! || a - b)
}

const by = (input: BreakdownInput) => (input.atS === null ? '' : ` (tasks completed by t = ${fmtTime(input.atS)})`)

/**
 * Explains `value` (as the table or chart shows it) task by task. Terms repeat as count × term:
 * discriminating under FIFO gives 336.000 = 8 × 1 × 2.000 + 8 × 10 × 2.500 + 4 × 10 × 3.000.
 */
export function breakdownOf(metric: MetricId, value: string, input: BreakdownInput): Breakdown {
  const { tasks, records: r } = input
  const done = byCompletion(r)
  const flow = (i: number) => r.completionS[i]! - tasks[i]!.arrivalS
  const n = done.length
  const result = (equation: string, terms: Term[], shown: readonly number[], note: string | null = null): Breakdown => ({ equation, terms, tasks: shown, note })
  switch (metric) {
    case 'weightedFlow': {
      const terms = grouped(done, (i) => `${fmtKey(tasks[i]!.weight)} × ${fmt3(flow(i))}`)
      return result(`${value} = ${sum(terms)}`, terms, done, `weight × (completion − arrival) per task${by(input)}, in the order they completed.`)
    }
    case 'meanFlow': {
      const terms = grouped(done, (i) => fmt3(flow(i)))
      return result(`${value} = (${sum(terms)}) / ${n}`, terms, done, `completion − arrival per task${by(input)}.`)
    }
    case 'meanDelay': {
      const terms = grouped(done, (i) => fmt3(r.startS[i]! - tasks[i]!.arrivalS))
      return result(`${value} = (${sum(terms)}) / ${n}`, terms, done, `first start − arrival per completed task${by(input)}.`)
    }
    case 'p95Flow': {
      if (n === 0) return result(`${value}: no task has completed`, [], [])
      const sorted = [...done].sort((a, b) => flow(a) - flow(b) || a - b)
      const pos = ((n - 1) * 95) / 100
      const lo = Math.floor(pos)
      const hi = Math.ceil(pos)
      const [a, b] = [sorted[lo]!, sorted[hi]!]
      const frac = pos - lo
      const check = percentile(Float64Array.from(sorted, flow), 95)
      const terms = [
        { text: `rank ${lo + 1}: ${tasks[a]!.id}, ${fmt3(flow(a))}`, tasks: [a] },
        ...(hi !== lo ? [{ text: `rank ${hi + 1}: ${tasks[b]!.id}, ${fmt3(flow(b))}`, tasks: [b] }] : []),
      ]
      const equation = hi === lo ? `${value} = the flow at rank ${lo + 1} of ${n}` : `${value} = ${fmt3(flow(a))} + ${Number(frac.toFixed(4))} × (${fmt3(flow(b))} − ${fmt3(flow(a))})`
      return result(equation, terms, hi === lo ? [a] : [a, b], `position (n − 1) × 0.95 = ${Number(pos.toFixed(4))} among the ${n} flows sorted from smallest (${fmt3(check)}).`)
    }
    case 'makespan': {
      if (n === 0) return result(`${value}: no task has completed`, [], [])
      const last = r.completionS[done[n - 1]!]!
      const at = done.filter((i) => r.completionS[i] === last)
      return result(`${value} = completion of ${at.map((i) => tasks[i]!.id).join(', ')}`, [{ text: at.map((i) => tasks[i]!.id).join(', '), tasks: at }], at, 'the last task to complete.')
    }
    case 'completed': {
      const terms = [{ text: done.map((i) => tasks[i]!.id).join(', ') || 'none', tasks: done }]
      return result(`${value}: ${n} of ${tasks.length} tasks completed${by(input)}`, terms, done)
    }
    case 'unfinished': {
      const rejected = new Set(input.rejected)
      const left = tasks.map((_, i) => i).filter((i) => r.completed[i] === 0 && !rejected.has(i))
      return result(`${value} = ${left.length} tasks did not complete`, [{ text: left.map((i) => tasks[i]!.id).join(', ') || 'none', tasks: left }], left)
    }
    case 'rejected':
      return result(`${value} = ${input.rejected.length} tasks can never fit`, [{ text: input.rejected.map((i) => tasks[i]!.id).join(', ') || 'none', tasks: input.rejected }], [])
    case 'utilization': {
      if (input.holding !== undefined) {
        const terms = grouped(input.holding, (i) => String(r.gpus[i]))
        return result(`${value} = (${sum(terms)}) GPUs held / ${input.gpuCount} GPUs`, terms, input.holding, 'the GPUs each running task holds at the cursor.')
      }
      const makespan = n === 0 ? 0 : r.completionS[done[n - 1]!]!
      const terms = grouped(done, (i) => `${r.gpus[i]} × ${fmt3(r.heldS[i]!)}`)
      return result(`${value} = (${sum(terms)}) / (${input.gpuCount} × ${fmt3(makespan)})`, terms, done, 'GPUs × seconds each completed task held them, over GPUs × makespan.')
    }
    case 'vsFifo': {
      const fifo = input.fifoWeightedFlow
      let own = 0
      for (let i = 0; i < tasks.length; i++) if (r.completed[i] === 1) own += tasks[i]!.weight * flow(i)
      if (fifo === undefined || !(fifo > 0)) return result(`${value}: FIFO is not among the algorithms compared`, [], [])
      return result(`${value} = (${fmt3(fifo)} − ${fmt3(own)}) / ${fmt3(fifo)}`, [], [], 'how much lower the weighted flow is than FIFO’s.')
    }
    case 'queueLength': {
      const waiting = input.waiting ?? []
      const terms = [{ text: waiting.map((i) => tasks[i]!.id).join(', ') || 'nobody', tasks: waiting }]
      return result(`${value} = ${waiting.length} tasks waiting`, terms, waiting, 'arrived and not started (or preempted and waiting again).')
    }
  }
}

