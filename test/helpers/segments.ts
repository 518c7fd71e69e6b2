import { REJECTED, RUNNING, WAITING } from '../../src/engine/segments.ts'
import { trackOf, type Timeline } from '../../src/run-view/timeline.ts'
import { resourcesOf, segmentsOf } from '../../src/run-view/track.ts'

/**
 * A job run's timeline read back per task, the way a RunResult's outcomes give it: the step it
 * arrived (its waiting or rejected segment opened), started and was freed (its running
 * segment opened and closed), its finish time and GPUs. -1 / NaN / [] where there is none.
 */
export function perTask(tl: Timeline) {
  const n = tl.taskCount
  const arrivalStep = new Array<number>(n).fill(-1)
  const startStep = new Array<number>(n).fill(-1)
  const endStep = new Array<number>(n).fill(-1)
  const finishS = new Array<number>(n).fill(NaN)
  const gpus: number[][] = Array.from({ length: n }, () => [])
  for (const kind of [WAITING, REJECTED]) {
    const t = trackOf(tl, kind)
    if (t !== undefined) for (let s = 0; s < t.length; s++) arrivalStep[t.item[s]!] = t.stepOpen[s]!
  }
  const run = trackOf(tl, RUNNING)
  if (run !== undefined) {
    for (let i = 0; i < n; i++) {
      const segs = segmentsOf(run, i, n)
      if (segs.length !== 1) {
        if (segs.length > 1) throw new Error(`task ${i} ran ${segs.length} times`)
        continue
      }
      const s = segs[0]!
      startStep[i] = run.stepOpen[s]!
      endStep[i] = run.stepClose[s]!
      finishS[i] = run.t1[s]!
      gpus[i] = Array.from(resourcesOf(run, s))
    }
  }
  return { arrivalStep, startStep, endStep, finishS, gpus }
}
