import { useWidth } from './use-width.ts'
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { shallow } from 'zustand/shallow'
import { ganttTracks } from '../charts/gantt-tracks.ts'
import { resourcesOf } from '../run-view/track.ts'
import { focusRowPx, layoutRows, multipleRowPx, type GanttNodeSpec } from '../charts/gantt-layout.ts'
import { drawGanttOverlay } from '../charts/gantt-overlay.ts'
import { cursorPx, drawCursor, drawGantt, drawLayered, hitTest, layerBuilder, segmentAt, taskRects, type GanttContext, type GanttLayer, type GanttScene, type SegmentRef } from '../charts/gantt.ts'
import { createTimeScale } from '../charts/time-scale.ts'
import type { AppState } from '../store/app-store.ts'
import { fullView } from '../store/view-window.ts'
import { useAppStore } from '../store/context.tsx'
import { inAnimationFrame } from '../store/frame.ts'
import { fmtTime } from './format.ts'
import { ganttDrawInputs } from './gantt-draw-inputs.ts'
import { GanttGutter } from './GanttGutter.tsx'
import { GanttTooltip, type GanttTip } from './GanttTooltip.tsx'
import { runSliced } from './idle-slices.ts'
import { useGanttZoom } from './use-gantt-zoom.ts'

export type GanttVariant = 'focus' | 'multiple'

interface GanttViewProps {
  readonly algorithm: string
  readonly variant: GanttVariant
  readonly nodes: readonly GanttNodeSpec[]
  readonly colors: readonly string[]
  readonly ids: readonly string[]
  /** A click on the plot: the task under the pointer, or null. */
  readonly onPick?: (task: number | null) => void
}

const NODE_GAP_PX = { focus: 8, multiple: 3 } as const
const AXIS_PX = { focus: 26, multiple: 20 } as const
/** Widths before the first measurement (and in jsdom, which lays nothing out). */
const FALLBACK_WIDTH_PX = { focus: 640, multiple: 320 } as const
/** Per-GPU labels need rows at least this tall (11 px text). */
const GPU_LABEL_MIN_ROW_PX = 12

/** How long the bars must hold still, after changing in quick succession, before a layer is drawn ahead of need. */
const SETTLE_MS = 300
/** Tasks drawn on a layer between looks at the clock (labels make a task cost up to ~20 µs). */
const LAYER_PART_TASKS = 100

/**
 * When a view last finished its layer within a frame (see draw): one view a frame does, so a
 * drag begun before the idle time drew the layers pays one layer per frame, not five at once.
 */
let layerFinishedInFrameAt = -Infinity
const ONE_FRAME_MS = 16

const contexts = new WeakMap<HTMLCanvasElement, GanttContext | null>()

/** The canvas's 2D context, asked for once (jsdom has none and complains on every ask). */
function contextOf(canvas: HTMLCanvasElement): GanttContext | null {
  if (!contexts.has(canvas)) {
    let ctx: GanttContext | null = null
    try {
      ctx = canvas.getContext('2d')
    } catch {
      ctx = null
    }
    contexts.set(canvas, ctx ?? null)
  }
  return contexts.get(canvas) ?? null
}

/** The view's full schedule, drawn off screen, and what it was drawn from. */
interface LayerCache {
  readonly canvas: HTMLCanvasElement
  readonly layer: GanttLayer
  key: readonly unknown[]
}

function layerFor(cache: { current: LayerCache | null }): LayerCache | null {
  if (cache.current === null) {
    const canvas = document.createElement('canvas')
    const ctx = contextOf(canvas)
    if (ctx === null) return null
    cache.current = { canvas, layer: { ctx, image: canvas }, key: [] }
  }
  return cache.current
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** Before the next rendering: at once (a microtask) within a frame's callbacks, else the next frame. */
const nextFrame = (f: () => void): (() => void) => {
  if (inAnimationFrame()) {
    let live = true
    queueMicrotask(() => live && f())
    return () => {
      live = false
    }
  }
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(f)
    return () => cancelAnimationFrame(id)
  }
  const id = setTimeout(f, 16)
  return () => clearTimeout(id)
}

/**
 * One algorithm's schedule: bars and the cursor on a canvas, axis and outlines in an SVG over it.
 * Drawing happens outside React: the view subscribes to the store and redraws at most once per
 * animation frame, so playback at any speed re-renders no component.
 */
export function GanttView({ algorithm, variant, nodes, colors, ids, onPick }: GanttViewProps) {
  const store = useAppStore()
  const focus = variant === 'focus'
  const gpuCount = nodes.reduce((n, node) => Math.max(n, node.first + node.count), 0)
  const rowPx = focus ? focusRowPx(gpuCount) : multipleRowPx(gpuCount)
  const layout = useMemo(() => layoutRows(nodes, rowPx, NODE_GAP_PX[variant]), [nodes, rowPx, variant])
  const gpuLabels = focus && rowPx >= GPU_LABEL_MIN_ROW_PX
  const gutterPx = focus ? (gpuLabels ? 156 : 116) : 0
  const axisPx = AXIS_PX[variant]
  const [plotRef, widthPx] = useWidth<HTMLDivElement>(FALLBACK_WIDTH_PX[variant])
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const overlayRef = useRef<SVGSVGElement>(null)
  const sceneRef = useRef<GanttScene | null>(null)
  const layerRef = useRef<LayerCache | null>(null)
  const lastKeyRef = useRef<readonly unknown[]>([])
  /** When the layer's key last changed (outside a streaming run). */
  const lastChangeRef = useRef(-Infinity)
  const hoverRef = useRef(-1)
  const [tip, setTip] = useState<GanttTip | null>(null)
  const clipId = `gantt${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const zoomSync = useGanttZoom(plotRef, focus, widthPx, layout.heightPx + axisPx)

  useLayoutEffect(() => {
    let cancel: (() => void) | null = null
    let cancelBuild: (() => void) | null = null
    /** The key of the layer a pending build will draw. */
    let pendingKey: readonly unknown[] = []
    let pendingDelay = Infinity
    /** The pending build's progress, once it has begun. */
    let building: { readonly key: readonly unknown[]; readonly builder: ReturnType<typeof layerBuilder> } | null = null
    /** Frames in a row drawn directly although the bars held still (the layer not yet drawn). */
    let directFrames = 0
    const draw = () => {
      cancel = null
      const s = store.getState()
      const full = fullView(s)
      const [t0S, t1S] = s.viewS ?? full
      const scale = createTimeScale(t0S, t1S, widthPx)
      const cursorS = s.step * s.run.scenario.dtS
      const tl = s.run.timelines[algorithm]
      // An edited scenario may meet the previous run for a moment: never mix the two.
      const scene: GanttScene | null =
        tl === undefined || tl.taskCount !== colors.length
          ? null
          : {
              layout,
              tracks: ganttTracks(tl),
              colors,
              labels: focus ? ids : null,
              scale,
              cursorStep: s.step,
              cursorS,
              knownS: tl.done ? Infinity : tl.knownStep * s.run.scenario.dtS,
              future: s.dimFuture ? 'dimmed' : 'hidden',
            }
      sceneRef.current = scene
      const canvas = canvasRef.current
      const ctx = canvas === null ? null : contextOf(canvas)
      if (canvas !== null && ctx !== null) {
        const dpr = window.devicePixelRatio || 1
        const w = Math.round(widthPx * dpr)
        const h = Math.round(layout.heightPx * dpr)
        if (canvas.width !== w) canvas.width = w
        if (canvas.height !== h) canvas.height = h
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
        // What the bars depend on, the cursor aside. While it changes from frame to frame (a run
        // streaming in, a zoom gesture) the bars are drawn directly, culled by the cursor; once
        // it holds still they are drawn once off screen, and a moving cursor only copies them.
        // Drawing a layer takes a while: it is done in a task of its own (each view its own),
        // never in the frame that finds it missing.
        const key = [tl, s.run.version, colors, focus, t0S, t1S, widthPx, layout, dpr]
        const steady = sameKey(key, lastKeyRef.current)
        lastKeyRef.current = key
        // A gesture changes the key frame after frame; a run's end or a recolouring once.
        // (Changes while a run streams in do not count: no layer is built then anyway.)
        const now = performance.now()
        const settling = !steady && now - lastChangeRef.current < SETTLE_MS
        if (!steady && s.run.status !== 'running') lastChangeRef.current = now
        const cache = scene === null ? null : layerFor(layerRef)
        /** Starts drawing the layer (cleared: half drawn, it stands for nothing). */
        const begin = (c: LayerCache, sc: GanttScene) => {
          if (c.canvas.width !== w) c.canvas.width = w
          if (c.canvas.height !== h) c.canvas.height = h
          c.layer.ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
          c.key = []
          building = { key, builder: layerBuilder(c.layer, sc) }
          return building.builder
        }
        // Bars that held still since the last frame, drawn directly again: the cursor moves
        // (a drag or playback begun before idle time drew the layer). Each such frame costs
        // about what the layer does, so finish it now, one view a frame, and copy it from then on.
        const finishNow =
          scene !== null &&
          cache !== null &&
          steady &&
          directFrames > 0 &&
          s.run.status !== 'running' &&
          now - layerFinishedInFrameAt > ONE_FRAME_MS &&
          !sameKey(key, cache.key)
        if (finishNow) {
          cancelBuild?.()
          cancelBuild = null
          pendingKey = []
          pendingDelay = Infinity
          const builder = building !== null && sameKey(building.key, key) ? building.builder : begin(cache, scene)
          while (!builder.step(LAYER_PART_TASKS * 100));
          cache.key = key
          building = null
          layerFinishedInFrameAt = performance.now()
        }
        if (scene !== null && cache !== null && sameKey(key, cache.key)) {
          directFrames = 0
          drawLayered(ctx, scene, cache.layer)
        } else if (scene !== null) {
          directFrames = steady ? directFrames + 1 : 0
          drawGantt(ctx, scene)
          // Built in the next task unless the key keeps changing (then once it has held still
          // for a moment), so a drag or playback right after a run ends finds it ready.
          // (Never while a run streams in: its next batch would make the layer stale.)
          const delay = settling ? SETTLE_MS : 0
          if (cache !== null && s.run.status !== 'running' && (!sameKey(key, pendingKey) || delay < pendingDelay)) {
            cancelBuild?.()
            pendingKey = key
            pendingDelay = delay
            const settled = () => {
              cancelBuild = null
              pendingKey = []
              pendingDelay = Infinity
            }
            // In the page's idle time, LAYER_PART_TASKS tasks at a time: frames go on in between.
            const build = () => {
              let builder: ReturnType<typeof layerBuilder> | null = null
              cancelBuild = runSliced((deadline) => {
                if (!sameKey(key, lastKeyRef.current)) {
                  settled()
                  return true
                }
                builder ??= begin(cache, scene)
                while (!builder.step(LAYER_PART_TASKS)) if (performance.now() >= deadline) return false
                cache.key = key
                building = null
                settled()
                return true
              })
            }
            if (delay === 0) build()
            else {
              const timer = setTimeout(build, delay)
              cancelBuild = () => clearTimeout(timer)
            }
          }
        } else ctx.clearRect(0, 0, widthPx, layout.heightPx)
        if (cursorS >= t0S && cursorS <= t1S) drawCursor(ctx, cursorPx({ scale, cursorS }), layout.heightPx, !focus)
      }
      const rects = (task: number | null) => (scene === null || task === null ? [] : taskRects(scene, task))
      if (overlayRef.current !== null) {
        drawGanttOverlay(overlayRef.current, {
          scale,
          plotHeightPx: layout.heightPx,
          axisHeightPx: axisPx,
          cursorAway: cursorS < t0S || cursorS > t1S ? { side: cursorS < t0S ? 'left' : 'right', label: `t = ${fmtTime(cursorS)}` } : null,
          id: clipId,
          selected: rects(s.selectedTask),
          hovered: s.hoveredTask === s.selectedTask ? [] : rects(s.hoveredTask),
          compact: !focus,
        })
      }
      zoomSync.current?.(full, s.viewS, s.run.scenario.dtS)
    }
    draw()
    const unsubscribe = store.subscribe(ganttDrawInputs(algorithm), () => (cancel ??= nextFrame(draw)), { equalityFn: shallow })
    return () => {
      unsubscribe()
      cancel?.()
      cancelBuild?.()
    }
  }, [store, algorithm, layout, colors, ids, widthPx, axisPx, focus, zoomSync, clipId])

  // A view that goes away (focus switched, run replaced) takes its hover with it.
  useEffect(
    () => () => {
      if (hoverRef.current >= 0) store.getState().actions.hover(null)
    },
    [store],
  )

  const pointer = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }

  const onMouseMove = (e: MouseEvent<HTMLDivElement>) => {
    const scene = sceneRef.current
    if (scene === null) return
    const { x, y } = pointer(e)
    const hit = segmentAt(scene, x, y)
    const task = hit === null ? -1 : scene.tracks[hit.track]!.item[hit.s]!
    if (task !== hoverRef.current) {
      hoverRef.current = task
      store.getState().actions.hover(task >= 0 ? task : null)
      e.currentTarget.style.cursor = task >= 0 ? 'pointer' : ''
    }
    setTip(hit === null ? null : tipFor(store.getState(), algorithm, scene, hit, x, y))
  }

  const onMouseLeave = () => {
    if (hoverRef.current >= 0) store.getState().actions.hover(null)
    hoverRef.current = -1
    setTip(null)
  }

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const scene = sceneRef.current
    if (onPick === undefined || scene === null) return
    const { x, y } = pointer(e)
    const task = hitTest(scene, x, y)
    onPick(task >= 0 ? task : null)
  }

  return (
    <div className={`gantt-view gantt-view-${variant}`}>
      {focus && <GanttGutter layout={layout} widthPx={gutterPx} axisPx={axisPx} gpuLabels={gpuLabels} />}
      <div
        className="gantt-plot"
        ref={plotRef}
        style={{ height: layout.heightPx + axisPx }}
        onMouseMove={onMouseMove}
        onMouseLeave={onMouseLeave}
        onClick={onClick}
      >
        <canvas
          ref={canvasRef}
          className="gantt-canvas"
          style={{ width: widthPx, height: layout.heightPx }}
          role="img"
          aria-label={`${algorithm} schedule on ${gpuCount} GPUs${focus ? ' (focus view)' : ''}`}
        />
        <svg ref={overlayRef} className="gantt-overlay" aria-hidden="true" />
        {tip !== null && <GanttTooltip tip={tip} />}
      </div>
    </div>
  )
}

/** The tooltip of the segment under the pointer. */
function tipFor(s: AppState, algorithm: string, scene: GanttScene, hit: SegmentRef, x: number, y: number): GanttTip {
  const { layout } = scene
  const track = scene.tracks[hit.track]!
  const task = track.item[hit.s]!
  const gpus = Array.from(resourcesOf(track, hit.s)).sort((a, b) => a - b)
  const finishS = track.t1[hit.s]!
  return {
    task,
    algorithm,
    spec: s.run.scenario.tasks[task]!,
    startS: track.t0[hit.s]!,
    finishS,
    // Open with no planned end: still going on at the cursor, its end unknown (NaN).
    running: !(finishS <= scene.cursorS) && track.stepOpen[hit.s]! <= scene.cursorStep,
    gpus,
    node: layout.nodeOf[gpus[0]!]!,
    x,
    y,
    plotWidthPx: scene.scale.widthPx,
  }
}

