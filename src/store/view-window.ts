import type { TaskSpec } from '../engine/types.ts'
import { windowEndS } from '../run-view/time.ts'
import type { RunData } from './slices/run.ts'

/** The latest arrival in a task list (worked out once per list). */
const lastArrivals = new WeakMap<readonly TaskSpec[], number>()
function lastArrivalS(tasks: readonly TaskSpec[]): number {
  let last = lastArrivals.get(tasks)
  if (last === undefined) {
    last = 0
    for (const t of tasks) last = Math.max(last, t.arrivalS)
    lastArrivals.set(tasks, last)
  }
  return last
}

/** The whole run's time span: 0 to the last event (at least one step). */
export function fullView(s: { readonly run: RunData }): [number, number] {
  const { scenario } = s.run
  const end = windowEndS(scenario, Math.max(1, s.run.endStep))
  if (s.run.status !== 'running') return [0, end]
  // While a run streams in its end moves with every batch. The window covers at once what the
  // run will reach at least (its last arrival, within the horizon), rounded up, and grows in
  // round steps past it, so the views' axes and bars are not rebuilt for each batch. Known from
  // the scenario, it is set as the run starts (the frame of the edit or import that started
  // it), not again when the worker has prepared the run. A finished run fits exactly.
  return [0, roundUp(Math.max(end, Math.min(lastArrivalS(scenario.tasks), scenario.maxTimeS)))]
}

const ROUND_STEPS = [1, 2, 5, 10]

/** The smallest of 1, 2, 5 × a power of ten that is at least x (> 0). */
export function roundUp(x: number): number {
  const unit = 10 ** Math.floor(Math.log10(x))
  const step = ROUND_STEPS.find((k) => k * unit >= x * (1 - 1e-12)) ?? 10
  return step * unit
}

/** Keeps a window inside the run, or null when it covers all of it (= fit). */
export function clampView(s: { readonly run: RunData }, [t0, t1]: readonly [number, number]): readonly [number, number] | null {
  const [lo, hi] = fullView(s)
  const width = t1 - t0
  if (width >= hi - lo) return null
  const start = Math.min(Math.max(t0, lo), hi - width)
  return [start, start + width]
}
