import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cursorPx, drawGantt } from '../../src/charts/gantt-draw.ts'
import { drawLayer, drawLayered, layerBuilder } from '../../src/charts/gantt-layer.ts'
import { MIN_RUNNING_PX, type GanttScene } from '../../src/charts/gantt-scene.ts'
import { layoutRows } from '../../src/charts/gantt-layout.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { ganttTracks } from '../../src/charts/gantt-tracks.ts'
import { expectEqual } from '../helpers/fast-expect.ts'
import { PixelContext, RecordingContext, presetNodes, timelineOf, type PlacedTask } from './gantt-fixtures.ts'

const WIDTH = 240
const layout = layoutRows(presetNodes('h100_16gpu'), 14, 8)

const schedules = new Map<string, ReturnType<typeof buildSchedule>>()

/** A real schedule: a generated workload run by FIFO on h100_16gpu, as the store's timeline (built once per seed). */
function schedule(seed: number, count: number) {
  const key = `${seed}/${count}`
  let s = schedules.get(key)
  if (s === undefined) schedules.set(key, (s = buildSchedule(seed, count)))
  return s
}

function buildSchedule(seed: number, count: number) {
  const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count, seed, arrivals: { kind: 'poisson', ratePerS: 12 } })
  const run = runSimulation({ name: 's', cluster: parseClusterName('h100_16gpu'), dtS: 0.01, maxTimeS: Infinity, mode: 'exact', backfill: true, tasks }, 'FIFO')
  const started = run.tasks.filter((t) => t.startStep >= 0).sort((a, b) => a.startStep - b.startStep || a.index - b.index)
  const placed: PlacedTask[] = started.map((t) => ({ startStep: t.startStep, startS: t.startS!, finishS: t.completionS!, gpus: t.gpus, endStep: t.endStep }))
  const colors = started.map((t) => ['#08306b', '#4292c6', '#9ecae1', '#fdae6b'][t.index % 4]!)
  const labels = started.map((t) => t.id)
  return { tracks: ganttTracks(timelineOf(placed, 16)), colors, labels, endS: Math.max(...placed.map((p) => p.finishS)) }
}

describe('drawLayered', () => {
  it('copies the layer instead of filling bars: one image left of the cursor, the running tasks on top', () => {
    const { tracks, colors, labels } = schedule(1, 40)
    const scene: GanttScene = { layout, tracks, colors, labels, knownS: Infinity, scale: createTimeScale(0, 10, WIDTH), cursorStep: 400, cursorS: 4, future: 'hidden' }
    const ctx = new RecordingContext()
    drawLayered(ctx, scene, { ctx: new RecordingContext(), image: {} as CanvasImageSource })
    const images = ctx.calls.filter((c) => c.op === 'drawImage')
    expect(images.map((c) => [c.args, c.clip, c.alpha])).toEqual([[[0, 0, WIDTH, layout.heightPx], [0, 0, cursorPx(scene), layout.heightPx], 1]])
    // Only tasks running at 4 s are filled again, each up to the cursor (one that has just
    // started, MIN_RUNNING_PX from its start, so that it shows past the cursor's line).
    const running = ctx.rectsIn(colors)
    expect(running.length).toBeGreaterThan(0)
    expect(running.length).toBeLessThanOrEqual(16)
    for (const r of running) expect(Number(r.args[0]) + Number(r.args[2])).toBeLessThanOrEqual(Math.max(cursorPx(scene), Number(r.args[0]) + MIN_RUNNING_PX))
  })

  it('paints what drawGantt paints, pixel for pixel, away from the cursor column, in both modes, at any zoom', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (seed, cursorAt, from, span) => {
          const { tracks, colors, labels, endS } = schedule(seed, 50)
          const t0 = from * endS
          const t1 = t0 + span * (endS - t0) + 0.01
          const cursorStep = Math.round((cursorAt * endS) / 0.01)
          const scene: GanttScene = { layout, tracks, colors, labels, knownS: Infinity, scale: createTimeScale(t0, t1, WIDTH), cursorStep, cursorS: cursorStep * 0.01, future: 'hidden' }
          for (const future of ['hidden', 'dimmed'] as const) {
            const s = { ...scene, future }
            const direct = new PixelContext(WIDTH, layout.heightPx)
            drawGantt(direct, s)
            const layer = new PixelContext(WIDTH, layout.heightPx)
            drawLayer({ ctx: layer, image: layer as unknown as CanvasImageSource }, s)
            const layered = new PixelContext(WIDTH, layout.heightPx)
            drawLayered(layered, s, { ctx: layer, image: layer as unknown as CanvasImageSource })
            const cx = Math.floor(cursorPx(s))
            for (let y = 0; y < layout.heightPx; y++) {
              for (let x = 0; x < WIDTH; x++) {
                if (Math.abs(x - cx) <= 2) continue
                if (layered.at(x, y) !== direct.at(x, y)) {
                  throw new Error(`${future}: pixel (${x}, ${y}) is ${layered.at(x, y)} layered, ${direct.at(x, y)} direct (cursor at ${cx})`)
                }
              }
            }
          }
        },
      ),
      { numRuns: 40, seed: 4 },
    )
  })
})

describe('layerBuilder', () => {
  it('draws in parts the same pixels as drawLayer at once, and says when it is done', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.9, noNaN: true })), (seed, part, from) => {
        const { tracks, colors, labels, endS } = schedule(seed, 60)
        // Zoomed out far enough for slivers: the merger's state must carry across the parts.
        const scale = createTimeScale(from * endS, endS * (from + 4), WIDTH)
        const scene: GanttScene = { layout, tracks, colors, labels, knownS: Infinity, scale, cursorStep: 0, cursorS: 0, future: 'hidden' }
        const once = new PixelContext(WIDTH, layout.heightPx)
        const stats = drawLayer({ ctx: once, image: once as unknown as CanvasImageSource }, scene)
        const parts = new PixelContext(WIDTH, layout.heightPx)
        const build = layerBuilder({ ctx: parts, image: parts as unknown as CanvasImageSource }, scene)
        let steps = 1
        while (!build.step(part)) steps++
        // One part per `part` tasks that can show in the window (those before it are skipped),
        // then the merged slivers, 10 × `part` fills a step (one step if there are none).
        const flushSteps = Math.max(1, Math.ceil(stats.merged / (10 * part)))
        expect(steps).toBeLessThanOrEqual(Math.ceil(tracks[0]!.length / part) + flushSteps)
        if (from === 0) expect(steps).toBe(Math.ceil(tracks[0]!.length / part) + flushSteps)
        expect(build.step(part)).toBe(true)
        expect(build.stats).toEqual(stats)
        expectEqual(parts.pixels, once.pixels)
      }),
      { numRuns: 30, seed: 6 },
    )
  })
})
