import { describe, expect, it } from 'vitest'
import { ganttTracks, maxDurationS, visibleRange } from '../../src/charts/gantt-tracks.ts'
import { appendTasks, timelineOf, type PlacedTask } from './gantt-fixtures.ts'

/** Ten 1 s tasks back to back on GPU 0: task k runs [k, k + 1). */
const backToBack: PlacedTask[] = Array.from({ length: 10 }, (_, k) => ({ startStep: k * 10, startS: k, finishS: k + 1, gpus: [0], endStep: (k + 1) * 10 }))

describe('culling to the visible window', () => {
  it('keeps the tasks starting within one longest run before the window, up to its end', () => {
    const tl = ganttTracks(timelineOf(backToBack, 1))[0]!
    expect(maxDurationS(tl)).toBe(1)
    // Window [4.5, 6.2]: tasks 4 (ends 5), 5 and 6; task 3 ends at 4 and is left out.
    expect(visibleRange(tl, 4.5, 6.2, 1)).toEqual([4, 7])
    expect(visibleRange(tl, 0, 100, 1)).toEqual([0, 10])
    expect(visibleRange(tl, 20, 30, 1)).toEqual([10, 10])
  })

  it('is inclusive at both ends: tasks touching the window are candidates', () => {
    const tl = ganttTracks(timelineOf(backToBack, 1))[0]!
    // Task 1 ends at 2, task 2 starts at 2 (the drawing skips the one that ended).
    expect(visibleRange(tl, 2, 2, 1)).toEqual([1, 3])
  })

  it('widens the bound as longer tasks stream in', () => {
    const tl = timelineOf(backToBack.slice(0, 3), 2, 4)
    expect(maxDurationS(ganttTracks(tl)[0]!)).toBe(1)
    appendTasks(tl, [{ startStep: 30, startS: 3, finishS: 9, gpus: [1] }], 3)
    expect(maxDurationS(ganttTracks(tl)[0]!)).toBe(6)
  })
})
