import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { layoutRows } from '../../src/charts/gantt-layout.ts'
import { createGanttRenderer, type GanttFrame } from '../../src/charts/gantt-renderer.ts'
import type { GanttScene } from '../../src/charts/gantt-scene.ts'
import { ganttTracks } from '../../src/charts/gantt-tracks.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'
import { presetNodes, RecordingContext, timelineOf } from './gantt-fixtures.ts'

// No idle callbacks here: the idle slices run on (fake) timers, FALLBACK_SLICE_MS each. The
// slices are shared by the whole module graph (tests run without isolation): every renderer is
// disposed and the slice in flight run out before the real timers come back.
const renderers: { dispose(): void }[] = []
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }))
afterEach(() => {
  for (const r of renderers.splice(0)) r.dispose()
  vi.runAllTimers()
  vi.useRealTimers()
})

const layout = layoutRows(presetNodes('h100_8gpu'), 18, 8)
const tl = timelineOf(
  [
    { startStep: 0, startS: 0, finishS: 2, gpus: [0, 1], endStep: 20 },
    { startStep: 10, startS: 1, finishS: 3, gpus: [4], endStep: 30 },
  ],
  8,
)
const scene = (cursorS: number): GanttScene => ({
  layout,
  tracks: ganttTracks(tl),
  colors: ['#08306b', '#9ecae1'],
  labels: null,
  scale: createTimeScale(0, 4, 400),
  cursorStep: cursorS * 10,
  cursorS,
  knownS: Infinity,
  future: 'hidden',
})
const frame = (cursorS: number, key: readonly unknown[], streaming = false): GanttFrame => ({
  scene: scene(cursorS),
  key,
  streaming,
  widthPx: 400,
  heightPx: layout.heightPx,
  dpr: 1,
  cursorPx: cursorS * 100,
  compact: false,
})

/** A renderer whose layer is a recording context: what it drew, and the layers made. */
function setup() {
  const layers: RecordingContext[] = []
  const renderer = createGanttRenderer(() => {
    const ctx = new RecordingContext()
    layers.push(ctx)
    return { layer: { ctx, image: ctx as unknown as CanvasImageSource }, resize: () => {} }
  })
  renderers.push(renderer)
  return { renderer, layers }
}

const ops = (ctx: RecordingContext) => ctx.calls.map((c) => c.op)

describe('Gantt renderer', () => {
  it('draws directly, builds the layer in idle time once the bars hold still, then only copies it', () => {
    const { renderer, layers } = setup()
    const key = ['run 1']
    const first = new RecordingContext()
    renderer.render(first, frame(1.5, key))
    expect(ops(first)).not.toContain('drawImage')
    expect(first.rectsIn(['#08306b', '#9ecae1'])).toHaveLength(2)
    // The layer is built in the next idle slice, not in the frame.
    expect(layers[0]!.calls).toEqual([])
    vi.runOnlyPendingTimers()
    expect(layers[0]!.rectsIn(['#08306b', '#9ecae1'])).toHaveLength(2)
    // The cursor moves: the layer is copied, and only the task running at the cursor filled again.
    const next = new RecordingContext()
    renderer.render(next, frame(2.5, key))
    expect(ops(next).filter((o) => o === 'drawImage')).toHaveLength(1)
    expect(next.rectsIn(['#08306b', '#9ecae1']).map((c) => c.fillStyle)).toEqual(['#9ecae1'])
    // The cursor is drawn last, at the x it was given.
    expect(next.calls.at(-1)!.fillStyle).toBe('#111827')
  })

  it('builds no layer while a run streams in, and one as soon as the key holds still after', () => {
    const { renderer, layers } = setup()
    renderer.render(new RecordingContext(), frame(1, ['batch 1'], true))
    renderer.render(new RecordingContext(), frame(1, ['batch 2'], true))
    vi.runOnlyPendingTimers()
    expect(layers.every((l) => l.calls.length === 0)).toBe(true)
    // The run ends: the next frame schedules the layer.
    renderer.render(new RecordingContext(), frame(1, ['done']))
    vi.runOnlyPendingTimers()
    expect(layers[0]!.rectsIn(['#08306b', '#9ecae1'])).toHaveLength(2)
  })

  it('finishes the layer within the frame when the bars held still but it is still missing', () => {
    const { renderer, layers } = setup()
    const key = ['settled']
    renderer.render(new RecordingContext(), frame(1, key))
    // Before any idle time, the cursor moves over bars that held still: drawn directly once more...
    const second = new RecordingContext()
    renderer.render(second, frame(1.2, key))
    expect(ops(second)).not.toContain('drawImage')
    // ...and the frame after that finishes the layer itself and copies it.
    const third = new RecordingContext()
    renderer.render(third, frame(1.4, key))
    expect(ops(third)).toContain('drawImage')
    expect(layers[0]!.rectsIn(['#08306b', '#9ecae1'])).toHaveLength(2)
  })
})
