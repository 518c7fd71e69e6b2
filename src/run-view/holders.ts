import type { Timeline } from './timeline.ts'
import { coversStep, upperBound } from './track.ts'

/**
 * Who holds each GPU after the schedule stage of `step` (-1: idle): over every track whose
 * segments hold resources, the segments that cover the step.
 */
export function holdersAt(tl: Timeline, step: number): Int32Array {
  const out = new Int32Array(tl.gpuCount).fill(-1)
  for (const track of tl.tracks) {
    if (!track.holdsResources) continue
    const { stepOpen, resOffset, resCount, item } = track
    const res = track.resources.data
    const end = upperBound(track.length, step, (k) => stepOpen[k]!)
    // Once every segment has closed, one that opened more than the longest segment ago (and
    // all before it) has closed by `step`.
    const settled = tl.done && track.firstUnbounded >= track.length
    for (let s = end - 1; s >= 0; s--) {
      if (settled && step - stepOpen[s]! > track.maxSteps) break
      if (!coversStep(track, s, step)) continue
      const off = resOffset[s]!
      for (let g = 0; g < resCount[s]!; g++) out[res[off + g]!] = item[s]!
    }
  }
  return out
}
