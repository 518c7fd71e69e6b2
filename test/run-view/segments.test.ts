import { describe, expect, it } from 'vitest'
import { drawGantt } from '../../src/charts/gantt-draw.ts'
import { hitTest, taskRects } from '../../src/charts/gantt-hit.ts'
import type { GanttScene } from '../../src/charts/gantt-scene.ts'
import { layoutRows } from '../../src/charts/gantt-layout.ts'
import { ganttTracks } from '../../src/charts/gantt-tracks.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'
import { RUNNING, WAITING } from '../../src/engine/segments.ts'
import { holdersAt } from '../../src/run-view/holders.ts'
import { timelineOutcomes } from '../../src/run-view/outcomes.ts'
import { nextToStart, queueAt } from '../../src/run-view/queue.ts'
import { indexQueue } from '../../src/run-view/queue-index.ts'
import { staticRanking } from '../../src/run-view/ranking.ts'
import { queueLengthSeries, seriesPoints, utilizationSeries, weightedFlowSeries } from '../../src/run-view/series.ts'
import { applyBatch, createTimeline } from '../../src/run-view/timeline.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'
import { RecordingContext } from '../charts/gantt-fixtures.ts'

/**
 * A history no job mode makes today, fed by hand (dt 0.1 s, 2 GPUs): A arrives at 0 and runs on
 * GPU 0 until it is put back in the queue at step 3; B, arrived at 0.2 s, takes GPU 0 from
 * step 3 to 9; A runs again on GPU 1 from step 5 to 8. Streamed in two batches, so segments
 * opened in the first are closed in the second.
 */
function history() {
  const tl = createTimeline(2, 2)
  const rec = new BatchRecorder(2)
  rec.open(0, WAITING, 0, 0, [], NaN)
  rec.close(0, WAITING, 0, 0)
  rec.open(0, RUNNING, 0, 0, [0], NaN)
  rec.open(1, WAITING, 2, 0.2, [], NaN)
  rec.close(0, RUNNING, 3, 0.3)
  rec.open(0, WAITING, 3, 0.3, [], NaN)
  rec.close(1, WAITING, 3, 0.3)
  rec.open(1, RUNNING, 3, 0.3, [0], 0.9)
  applyBatch(tl, rec.flush(4, false))
  rec.close(0, WAITING, 5, 0.5)
  rec.open(0, RUNNING, 5, 0.5, [1], NaN)
  rec.close(0, RUNNING, 8, 0.8)
  rec.close(1, RUNNING, 9, 0.9)
  applyBatch(tl, rec.flush(Number.MAX_SAFE_INTEGER, true))
  return tl
}

describe('a task that waits, runs, waits and runs again', () => {
  const tl = history()
  const fifo = staticRanking(Int32Array.of(0, 1), Float64Array.of(0, 0.2))

  it('keeps each kind of segment as a track, in the order they opened', () => {
    const [waiting, running] = tl.tracks
    expect([waiting!.kind, Array.from(waiting!.item.subarray(0, waiting!.length)), Array.from(waiting!.stepClose.subarray(0, waiting!.length))]).toEqual([
      'waiting',
      [0, 1, 0],
      [0, 3, 5],
    ])
    expect([running!.kind, Array.from(running!.item.subarray(0, 3)), Array.from(running!.t1.subarray(0, 3))]).toEqual(['running', [0, 1, 0], [0.3, 0.9, 0.8]])
  })

  it('says who holds each GPU at every step', () => {
    const at = (k: number) => Array.from(holdersAt(tl, k))
    expect([0, 2, 3, 4, 5, 7, 8, 9].map(at)).toEqual([
      [0, -1],
      [0, -1],
      [1, -1],
      [1, -1],
      [1, 0],
      [1, 0],
      [1, -1],
      [-1, -1],
    ])
  })

  it('says who waits at every step, looking at every segment or at the index', () => {
    const expected = [[], [], [1], [0], [0], [], [], [], [], []]
    for (const indexed of [false, true]) {
      if (indexed) indexQueue(tl, fifo.order!)
      expect(expected.map((_, k) => queueAt(tl, k, fifo).head)).toEqual(expected)
      expect(expected.map((_, k) => queueAt(tl, k, fifo).length)).toEqual(expected.map((h) => h.length))
    }
    // At step 3 the head is A, back in the queue; it is also the next to start (at step 5).
    expect(nextToStart(tl, [0, 1], 3)).toBe(0)
  })

  it('gives the trace its first start, last end and every GPU it ran on', () => {
    expect(timelineOutcomes(tl)).toEqual([
      { index: 0, startS: 0, completionS: 0.8, gpus: [0, 1] },
      { index: 1, startS: 0.3, completionS: 0.9, gpus: [0] },
    ])
  })

  it('counts the task in the metric curves once per segment, and completes it at its last end', () => {
    const tasks = [
      { weight: 1, arrivalS: 0 },
      { weight: 2, arrivalS: 0.2 },
    ]
    // B joins at step 2; at step 3 B leaves as A comes back (no change); A leaves at step 5.
    expect(seriesPoints(queueLengthSeries(tl, (k) => k * 0.1))).toEqual([
      [0, 0],
      [0.2, 1],
      [0.5, 0],
    ])
    expect(seriesPoints(utilizationSeries(tl, (k) => k * 0.1))).toEqual([
      [0, 0.5],
      [0.5, 1],
      [0.8, 0.5],
      [0.9, 0],
    ])
    // A: 1 × 0.8; B: 2 × (0.9 − 0.2) = 1.4.
    expect(seriesPoints(weightedFlowSeries(tl, tasks))).toEqual([
      [0, 0],
      [0.8, 0.8],
      [0.9, 2.2],
    ])
  })

  it('draws both of its running segments, on the GPUs of each, and hits either', () => {
    const layout = layoutRows([{ first: 0, count: 2, gpu: 'H100' }], 20, 0)
    const scene: GanttScene = {
      layout,
      tracks: ganttTracks(tl),
      colors: ['#08306b', '#9ecae1'],
      labels: null,
      // 100 px per second.
      scale: createTimeScale(0, 1, 100),
      cursorStep: 9,
      cursorS: 0.9,
      knownS: Infinity,
      future: 'hidden',
    }
    const ctx = new RecordingContext()
    expect(drawGantt(ctx, scene).bars).toBe(3)
    // 0–0.3 s on GPU 0 and 0.5–0.8 s on GPU 1: 30 px each, less a pixel of air; rows 20 px, inset 1.5.
    expect(ctx.rectsIn(['#08306b']).map((c) => c.args.map((x) => Math.round(Number(x) * 10) / 10))).toEqual([
      [0, 1.5, 29, 17],
      [50, 21.5, 29, 17],
    ])
    expect(taskRects(scene, 0).map((r) => [r.x, r.y, Math.round(r.w), r.h])).toEqual([
      [0, 1.5, 30, 17],
      [50, 21.5, 30, 17],
    ])
    expect([hitTest(scene, 10, 10), hitTest(scene, 60, 30), hitTest(scene, 60, 10), hitTest(scene, 40, 30)]).toEqual([0, 0, 1, -1])
  })
})
