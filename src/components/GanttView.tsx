import { useWidth } from './use-width.ts'
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react'
import { shallow } from 'zustand/shallow'
import { ganttTracks } from '../charts/gantt-tracks.ts'
import { resourcesOf, segmentsOf } from '../run-view/track.ts'
import { focusRowPx, layoutGroups, layoutRows, multipleRowPx, type GanttNodeSpec, type RowGroup } from '../charts/gantt-layout.ts'
import { iterationMix } from '../run-view/serving-iterations.ts'
import type { Timeline } from '../run-view/timeline.ts'
import { drawGanttOverlay } from '../charts/gantt-overlay.ts'
import { cursorPx } from '../charts/gantt-draw.ts'
import { hitTest, segmentAt, taskRects } from '../charts/gantt-hit.ts'
import type { GanttContext, GanttScene, SegmentRef } from '../charts/gantt-scene.ts'
import { createGanttRenderer } from '../charts/gantt-renderer.ts'
import { createTimeScale } from '../charts/time-scale.ts'
import type { AppState } from '../store/app-store.ts'
import { timeAt } from '../run-view/time.ts'
import { fullView } from '../store/view-window.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { selectDimFuture } from '../store/selectors.ts'
import { selectPendingStep, selectResultsHidden } from '../store/slices/teaching.ts'
import { drawAsks, inAnimationFrame, soon } from '../timing/scheduler.ts'
import { fmtTime } from './format.ts'
import { ganttDrawInputs, ganttPublished } from './gantt-draw-inputs.ts'
import { GanttGutter } from './GanttGutter.tsx'
import { GanttWaits } from './GanttWaits.tsx'
import { publishedAlone } from './use-after-publish.ts'
import { GanttTooltip, type GanttTip } from './GanttTooltip.tsx'
import { iterationBatch } from './serving-batch.ts'
import { useGanttZoom } from './use-gantt-zoom.ts'

export type GanttVariant = 'focus' | 'multiple'

/**
 * A schedule that is not one of the run's (the student's, StudentPanel): its timeline, its own
 * cursor and time window, and its accessible name. Such a view does not zoom the shared window.
 */
export interface GanttSource {
  timeline(s: AppState): Timeline | undefined
  cursorStep(s: AppState): number
  windowS(s: AppState): readonly [number, number]
  readonly label: string
}

interface GanttViewProps {
  readonly algorithm: string
  readonly variant: GanttVariant
  readonly nodes: readonly GanttNodeSpec[]
  /** A serving run's rows, grouped by replica (null: by node). */
  readonly groups?: readonly RowGroup[] | null
  readonly colors: readonly string[]
  readonly ids: readonly string[]
  /** A click on the plot: the task under the pointer, or null. */
  readonly onPick?: (task: number | null) => void
  readonly source?: GanttSource
  /** Under the focus view, on its gutter and plot widths (a serving run's idle note and request view). */
  readonly below?: ((gutterPx: number, widthPx: number) => ReactNode) | undefined
}

const NODE_GAP_PX = { focus: 8, multiple: 3 } as const
const AXIS_PX = { focus: 26, multiple: 20 } as const
/** Widths before the first measurement (and in jsdom, which lays nothing out). */
const FALLBACK_WIDTH_PX = { focus: 640, multiple: 320 } as const
/** Row heights in presentation mode, against the usual. */
const PRESENTATION_ROW_SCALE = 2
/** The tallest focus row in presentation mode (a cluster of one or two GPUs). */
const PRESENTATION_FOCUS_MAX_ROW_PX = 64
/** Per-GPU labels need rows at least this tall (11 px text). */
const GPU_LABEL_MIN_ROW_PX = 12

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

/**
 * One algorithm's schedule: bars and the cursor on a canvas, axis and outlines in an SVG over it.
 * Drawing happens outside React: the view subscribes to the store and, at most once per
 * animation frame, sizes its canvas and hands the frame to its renderer (gantt-renderer.ts,
 * which owns the off-screen layer), so playback at any speed re-renders no component.
 */
export function GanttView({ algorithm, variant, nodes, groups = null, colors, ids, onPick, source, below }: GanttViewProps) {
  const store = useAppStore()
  const focus = variant === 'focus'
  const gpuCount = nodes.reduce((n, node) => Math.max(n, node.first + node.count), 0)
  // Presentation mode: taller rows, to be read from the back of a room.
  const scale = useApp((s) => (s.presentation ? PRESENTATION_ROW_SCALE : 1))
  const usualPx = focus ? focusRowPx(gpuCount) : multipleRowPx(gpuCount)
  // On a projector a lesson's one- or two-GPU cluster gets rows the back of the room can read.
  const rowPx = scale === 1 ? usualPx : Math.max(Math.round(usualPx * scale), focus ? Math.min(PRESENTATION_FOCUS_MAX_ROW_PX, Math.floor(480 / Math.max(1, gpuCount))) : 0)
  const layout = useMemo(
    () => (groups === null ? layoutRows(nodes, rowPx, NODE_GAP_PX[variant]) : layoutGroups(groups, gpuCount, rowPx, groups.length > 16 ? 1 : NODE_GAP_PX[variant] / 2)),
    [nodes, groups, gpuCount, rowPx, variant],
  )
  const gpuLabels = focus && rowPx >= GPU_LABEL_MIN_ROW_PX
  // Replica labels ("R12 Llama3-8B · TP 2") need more room than node labels.
  const gutterPx = focus ? (gpuLabels ? 156 : 116) + (groups === null ? 0 : 44) : 0
  const axisPx = AXIS_PX[variant]
  const [plotRef, widthPx] = useWidth<HTMLDivElement>(FALLBACK_WIDTH_PX[variant])
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const overlayRef = useRef<SVGSVGElement>(null)
  const sceneRef = useRef<GanttScene | null>(null)
  const hoverRef = useRef(-1)
  const [tip, setTip] = useState<GanttTip | null>(null)
  const clipId = `gantt${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const zoomSync = useGanttZoom(plotRef, focus && source === undefined, widthPx, layout.heightPx + axisPx)

  useLayoutEffect(() => {
    const renderer = createGanttRenderer()
    /** Whether a first drawing is put off to a task of its own (below) and still to come. */
    let putOff = false
    const hide = (hidden: boolean) => {
      for (const el of [canvasRef.current, overlayRef.current]) if (el !== null) el.style.visibility = hidden ? 'hidden' : ''
    }
    const draw = () => {
      if (putOff) {
        putOff = false
        hide(false)
      }
      const s = store.getState()
      const full = source?.windowS(s) ?? fullView(s)
      const [t0S, t1S] = source === undefined ? (s.viewS ?? full) : full
      const scale = createTimeScale(t0S, t1S, widthPx)
      const cursorStep = source?.cursorStep(s) ?? s.step
      const cursorS = timeAt(s.run.scenario, cursorStep)
      const tl = source === undefined ? s.run.timelines[algorithm] : source.timeline(s)
      const serving = tl !== undefined && source === undefined && s.run.prepared?.serving !== undefined ? { mix: iterationMix(tl), batchCap: largestBatch(s.run.timelines) } : undefined
      // An edited scenario may meet the previous run for a moment: never mix the two.
      const scene: GanttScene | null =
        tl === undefined || tl.taskCount + (s.run.prepared?.serving?.replicas.length ?? 0) !== colors.length
          ? null
          : {
              layout,
              tracks: ganttTracks(tl),
              colors,
              labels: focus ? ids : null,
              scale,
              // A prediction waiting for its answer: the step as it was before its decisions.
              cursorStep: source !== undefined || selectPendingStep(s) === null ? cursorStep : cursorStep - 1,
              cursorS,
              knownS: tl.done ? Infinity : timeAt(s.run.scenario, tl.knownStep),
              // The student's own schedule: what they started runs on, dimmed, past the cursor.
              future: source !== undefined || selectDimFuture(s) ? 'dimmed' : 'hidden',
              ...(serving !== undefined && { serving }),
            }
      sceneRef.current = scene
      const cursorInView = cursorS >= t0S && cursorS <= t1S
      const canvas = canvasRef.current
      const ctx = canvas === null ? null : contextOf(canvas)
      if (canvas !== null && ctx !== null) {
        const dpr = window.devicePixelRatio || 1
        const w = Math.round(widthPx * dpr)
        const h = Math.round(layout.heightPx * dpr)
        if (canvas.width !== w) canvas.width = w
        if (canvas.height !== h) canvas.height = h
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
        renderer.render(ctx, {
          scene,
          // What the bars depend on, the cursor aside (see gantt-renderer.ts).
          key: [tl, s.run.version, colors, focus, t0S, t1S, widthPx, layout, dpr, serving?.batchCap],
          streaming: s.run.status === 'running',
          widthPx,
          heightPx: layout.heightPx,
          dpr,
          cursorPx: cursorInView ? cursorPx({ scale, cursorS }) : null,
          compact: !focus,
        })
      }
      const rects = (task: number | null) => (scene === null || task === null ? [] : taskRects(scene, task))
      if (overlayRef.current !== null) {
        drawGanttOverlay(overlayRef.current, {
          scale,
          plotHeightPx: layout.heightPx,
          axisHeightPx: axisPx,
          cursorAway: cursorInView ? null : { side: cursorS < t0S ? 'left' : 'right', label: `t = ${fmtTime(cursorS)}` },
          id: clipId,
          selected: rects(s.selectedTask),
          hovered: s.hoveredTask === s.selectedTask ? [] : rects(s.hoveredTask),
          highlighted: s.highlight === null ? [] : s.highlight.tasks.flatMap((i) => rects(i)),
          compact: !focus,
        })
      }
      if (source === undefined) zoomSync.current?.(full, s.viewS, s.run.scenario.dtS)
    }
    // A run just prepared (its first batch still to come) has nothing to show, yet its first
    // drawing sizes the canvas for the new rows, the first touch of new memory, and rebuilds the
    // axes: 10 ms of thread time in the task of the worker's `prepared` message, which also
    // renders the serving views (29 ms in all; docs/performance.md, "Twelfth pass"). Outside a
    // frame it goes in a task of its own, the plot hidden meanwhile: a frame between the two
    // shows it empty, as the run is, not the old rows stretched to the new size.
    const st = store.getState()
    const fresh = source === undefined && st.run.status === 'running' && st.run.timelines[algorithm]?.knownStep === 0
    if (fresh && !inAnimationFrame()) {
      putOff = true
      hide(true)
      soon(() => {
        if (putOff) draw()
      })
    } else draw()
    const inputs = source === undefined ? ganttDrawInputs(algorithm) : (s: AppState) => [source.timeline(s), source.cursorStep(s), ...source.windowS(s), s.selectedTask, s.hoveredTask, s.highlight]
    const asks = drawAsks(draw)
    // The small multiples draw a publication a frame after the focus view in a large run.
    const late = (next: readonly unknown[], prev: readonly unknown[]) => {
      const st = store.getState()
      return !focus && source === undefined && publishedAlone(next, prev, st.run.scenario.tasks.length, ganttPublished(st.viewS === null))
    }
    const unsubscribe = store.subscribe(inputs, (next, prev) => (late(next, prev) ? asks.late() : asks.now()), { equalityFn: shallow })
    return () => {
      unsubscribe()
      asks.cancel()
      renderer.dispose()
      if (putOff) {
        putOff = false
        hide(false)
      }
    }
  }, [store, algorithm, layout, colors, ids, widthPx, axisPx, focus, zoomSync, clipId, source])

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
    const item = hit === null ? -1 : scene.tracks[hit.track]!.item[hit.s]!
    // A serving run's replicas are items past its requests: they have a tooltip, not a selection.
    const task = item < store.getState().run.scenario.tasks.length ? item : -1
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
    onPick(task >= 0 && task < store.getState().run.scenario.tasks.length ? task : null)
  }

  return (
    <>
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
            aria-label={source?.label ?? `${algorithm} schedule on ${gpuCount} GPUs${focus ? ' (focus view)' : ''}`}
          />
          <svg ref={overlayRef} className="gantt-overlay" aria-hidden="true" />
          {tip !== null && <GanttTooltip tip={tip} />}
        </div>
      </div>
      {focus && source === undefined && groups === null && <GanttWaits algorithm={algorithm} gutterPx={gutterPx} widthPx={widthPx} colors={colors} ids={ids} />}
      {focus && below?.(gutterPx, widthPx)}
    </>
  )
}

/** The largest batch of any algorithm's run so far: every view draws batch heights against it. */
function largestBatch(timelines: Readonly<Record<string, Timeline>>): number {
  let most = 1
  for (const tl of Object.values(timelines)) most = Math.max(most, iterationMix(tl).maxBatch)
  return most
}

/** The tooltip of the segment under the pointer. */
function tipFor(s: AppState, algorithm: string, scene: GanttScene, hit: SegmentRef, x: number, y: number): GanttTip {
  const { layout } = scene
  const track = scene.tracks[hit.track]!
  const task = track.item[hit.s]!
  const gpus = Array.from(resourcesOf(track, hit.s)).sort((a, b) => a - b)
  const finishS = track.t1[hit.s]!
  const info = s.run.prepared?.serving
  const tl = s.run.timelines[algorithm]
  const batch = info !== undefined && tl !== undefined && task >= tl.taskCount ? iterationBatch(tl, info, task - tl.taskCount, hit.s, s.run.scenario.tasks) : undefined
  // Its completion is its last run's end (a preempted task runs more than once); shown once the
  // cursor has passed it, or when the results are not hidden.
  const runs = segmentsOf(track, task, scene.colors.length)
  const last = runs[runs.length - 1]!
  const endS = track.t1[last]!
  const known = track.stepClose[last]! >= 0 && !Number.isNaN(endS)
  const completionS = known && (endS <= scene.cursorS || !selectResultsHidden(s)) ? endS : null
  return {
    task,
    ...(batch !== undefined && { batch }),
    algorithm,
    spec: s.run.scenario.tasks[task] ?? { id: `replica ${task - s.run.scenario.tasks.length}`, model: '', weight: 0, arrivalS: track.t0[hit.s]!, phase: 'decode', tokens: 0 },
    startS: track.t0[hit.s]!,
    finishS,
    // Open with no planned end: still going on at the cursor, its end unknown (NaN).
    running: !(finishS <= scene.cursorS) && track.stepOpen[hit.s]! <= scene.cursorStep,
    gpus,
    node: layout.nodeOf[gpus[0]!]!,
    completionS,
    x,
    y,
    plotWidthPx: scene.scale.widthPx,
  }
}

