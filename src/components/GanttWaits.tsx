import { useLayoutEffect, useMemo, useRef } from 'react'
import { shallow } from 'zustand/shallow'
import { drawWaits, waitLanes, waitMarks } from '../charts/gantt-waits.ts'
import { createTimeScale, pxPerS } from '../charts/time-scale.ts'
import { WAITING } from '../engine/segments.ts'
import { timeAt } from '../run-view/time.ts'
import { trackOf } from '../run-view/timeline.ts'
import type { AppState } from '../store/app-store.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { selectDimFuture } from '../store/selectors.ts'
import { selectPendingStep } from '../store/slices/teaching.ts'
import { fullView } from '../store/view-window.ts'
import { beforeRender, type Cancel } from '../timing/scheduler.ts'
import { fmtTime } from './format.ts'

interface GanttWaitsProps {
  readonly algorithm: string
  readonly gutterPx: number
  readonly widthPx: number
  readonly colors: readonly string[]
  readonly ids: readonly string[]
}

/** Everything in the store the lanes' drawing depends on (compared shallowly). */
const waitInputs = (algorithm: string) => (s: AppState): readonly unknown[] => [
  s.run.timelines[algorithm],
  s.run.version,
  s.step,
  selectPendingStep(s),
  selectDimFuture(s),
  ...(s.viewS ?? fullView(s)),
  s.highlight,
]

/**
 * The focus view's waiting lanes, under its GPU rows: each wait (arrival → start, or preemption
 * → resumption) as a thin bar in the task's colour and a marker at each arrival, on the same
 * time scale and cursor as the bars above. Small runs only (charts/gantt-waits.ts). Like the
 * bars, drawn outside React: moving the cursor re-renders no component.
 */
export function GanttWaits({ algorithm, gutterPx, widthPx, colors, ids }: GanttWaitsProps) {
  const store = useAppStore()
  const tl = useApp((s) => s.run.timelines[algorithm])
  // The lanes change only as a run streams in (not with the cursor).
  const version = useApp((s) => s.run.version)
  const svgRef = useRef<SVGSVGElement>(null)
  const track = tl === undefined ? undefined : trackOf(tl, WAITING)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lanes = useMemo(() => (tl === undefined || tl.taskCount !== colors.length ? null : waitLanes(track, tl.taskCount)), [tl, track, version, colors])

  useLayoutEffect(() => {
    if (lanes === null || track === undefined) return
    let cancel: Cancel | null = null
    const draw = () => {
      cancel = null
      const svg = svgRef.current
      if (svg === null) return
      const s = store.getState()
      const [t0S, t1S] = s.viewS ?? fullView(s)
      const scale = createTimeScale(t0S, t1S, widthPx)
      const cursorS = timeAt(s.run.scenario, s.step)
      const pending = selectPendingStep(s)
      const scene = { scale, cursorStep: pending === null ? s.step : s.step - 1, cursorS, future: selectDimFuture(s) ? ('dimmed' as const) : ('hidden' as const), colors, labels: ids }
      const marks = waitMarks(track, lanes, scene, 0)
      const titles = marks.map((m) => {
        const closed = track.stepClose[m.s]! >= 0
        const t0 = track.t0[m.s]!
        const t1 = track.t1[m.s]!
        return `${ids[m.task] ?? m.task} waits ${closed ? `${fmtTime(t0)} → ${fmtTime(t1)} (${fmtTime(t1 - t0)})` : `since ${fmtTime(t0)}`}`
      })
      const x = (cursorS - scale.t0S) * pxPerS(scale)
      drawWaits(svg, { marks, ids, titles, highlighted: new Set(s.highlight?.tasks ?? []), heightPx: lanes.heightPx, cursorPx: x >= 0 && x <= widthPx ? x : null })
    }
    draw()
    const unsubscribe = store.subscribe(waitInputs(algorithm), () => (cancel ??= beforeRender(draw)), { equalityFn: shallow })
    return () => {
      unsubscribe()
      cancel?.()
    }
  }, [store, algorithm, lanes, track, widthPx, colors, ids])

  if (lanes === null || track === undefined) return null
  return (
    <div className="gantt-waits">
      <svg className="gantt-gutter" width={gutterPx} height={lanes.heightPx} aria-hidden="true">
        <text x={0} y={12} className="gantt-node-name">
          Waiting
        </text>
        <text x={0} y={25} className="gantt-node-gpu">
          arrival → start
        </text>
      </svg>
      <svg ref={svgRef} className="gantt-waits-plot" width={widthPx} height={lanes.heightPx} role="img" aria-label={`${algorithm}: waiting tasks, from arrival to start`} />
    </div>
  )
}
