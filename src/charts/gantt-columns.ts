import type { Timeline } from '../run-view/timeline.ts'

/** The columns of a timeline the Gantt reads (a Timeline is one; tests build smaller ones). */
export type GanttColumns = Pick<
  Timeline,
  'startOrder' | 'startedCount' | 'startStep' | 'endStep' | 'startS' | 'finishS' | 'gpuOffset' | 'gpuCountOf' | 'gpus'
>

const durationBounds = new WeakMap<GanttColumns, { counted: number; maxS: number }>()

/**
 * The longest run (finish − start) of any started task. Timelines only grow while a run
 * streams, so the bound is kept per timeline and extended with the tasks started since.
 */
export function maxDurationS(cols: GanttColumns): number {
  let bound = durationBounds.get(cols)
  if (bound === undefined) durationBounds.set(cols, (bound = { counted: 0, maxS: 0 }))
  for (let k = bound.counted; k < cols.startedCount; k++) {
    const i = cols.startOrder[k]!
    bound.maxS = Math.max(bound.maxS, cols.finishS[i]! - cols.startS[i]!)
  }
  bound.counted = cols.startedCount
  return bound.maxS
}

/** First position in start order whose task starts after `tS` (binary search). */
function startsAfter(cols: GanttColumns, tS: number): number {
  let lo = 0
  let hi = cols.startedCount
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cols.startS[cols.startOrder[mid]!]! <= tS) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Positions [lo, hi) in start order of the tasks that may overlap [fromS, toS]: every task
 * starting in [fromS − longest run, toS]. Callers still skip the few that finished before
 * fromS; the scan stays proportional to what is on screen, not to the run.
 */
export function visibleRange(cols: GanttColumns, fromS: number, toS: number, maxDurS: number): [number, number] {
  const eps = 1e-9 * Math.max(1, Math.abs(toS))
  return [startsAfter(cols, fromS - maxDurS - eps), startsAfter(cols, toS + eps)]
}

/** The GPUs of task i (a view into the timeline, not a copy). */
export function gpusOf(cols: GanttColumns, i: number): Int32Array {
  const off = cols.gpuOffset[i]!
  return cols.gpus.data.subarray(off, off + cols.gpuCountOf[i]!)
}
