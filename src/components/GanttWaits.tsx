import { useMemo } from 'react'
import { waitLanes, waitMarks } from '../charts/gantt-waits.ts'
import { createTimeScale, pxPerS } from '../charts/time-scale.ts'
import { WAITING } from '../engine/segments.ts'
import { timeAt } from '../run-view/time.ts'
import { trackOf } from '../run-view/timeline.ts'
import { useApp } from '../store/context.tsx'
import { selectDimFuture } from '../store/selectors.ts'
import { selectPendingStep } from '../store/slices/teaching.ts'
import { fullView } from '../store/view-window.ts'
import { fmtTime } from './format.ts'

interface GanttWaitsProps {
  readonly algorithm: string
  readonly gutterPx: number
  readonly widthPx: number
  readonly colors: readonly string[]
  readonly ids: readonly string[]
}

/** A label fits in a bar this wide or wider (px per character, roughly, at 10 px). */
const CHAR_PX = 6

/**
 * The focus view's waiting lanes, under its GPU rows: each wait (arrival → start, or preemption
 * → resumption) as a thin bar in the task's colour and a marker at each arrival, on the same
 * time scale and cursor as the bars above. Small runs only (charts/gantt-waits.ts).
 */
export function GanttWaits({ algorithm, gutterPx, widthPx, colors, ids }: GanttWaitsProps) {
  const tl = useApp((s) => s.run.timelines[algorithm])
  const version = useApp((s) => s.run.version)
  const step = useApp((s) => s.step)
  const pending = useApp(selectPendingStep)
  const dimmed = useApp(selectDimFuture)
  const view = useApp((s) => s.viewS)
  const fullStart = useApp((s) => fullView(s)[0])
  const fullEnd = useApp((s) => fullView(s)[1])
  const scenario = useApp((s) => s.run.scenario)
  const highlight = useApp((s) => s.highlight)

  const track = tl === undefined ? undefined : trackOf(tl, WAITING)
  // version: the timeline's tracks fill in place while a run streams.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lanes = useMemo(() => (tl === undefined || tl.taskCount !== colors.length ? null : waitLanes(track, tl.taskCount)), [tl, track, version, colors])
  if (lanes === null || track === undefined) return null
  const [t0S, t1S] = view ?? [fullStart, fullEnd]
  const scale = createTimeScale(t0S, t1S, widthPx)
  const cursorS = timeAt(scenario, step)
  const marks = waitMarks(track, lanes, { scale, cursorStep: pending === null ? step : step - 1, cursorS, future: dimmed ? 'dimmed' : 'hidden', colors, labels: ids }, 0)
  const marked = new Set(highlight?.tasks ?? [])
  const cursorX = (cursorS - scale.t0S) * pxPerS(scale)

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
      <svg className="gantt-waits-plot" width={widthPx} height={lanes.heightPx} role="img" aria-label={`${algorithm}: waiting tasks, from arrival to start`}>
        {marks.map((m, k) => {
          const id = ids[m.task] ?? String(m.task)
          const closed = track.stepClose[m.s]! >= 0
          const span = closed ? `${fmtTime(track.t0[m.s]!)} → ${fmtTime(track.t1[m.s]!)} (${fmtTime(track.t1[m.s]! - track.t0[m.s]!)})` : `since ${fmtTime(track.t0[m.s]!)}`
          return (
            <g key={k} className={m.faint ? 'wait faint' : 'wait'} opacity={m.faint ? 0.35 : 1}>
              <title>{`${id} waits ${span}`}</title>
              <rect x={m.x} y={m.y} width={Math.max(m.w, 1)} height={m.h} rx={2} fill={m.color} fillOpacity={0.45} stroke={marked.has(m.task) ? '#d97706' : m.color} strokeWidth={marked.has(m.task) ? 2 : 1} />
              {m.arrival && <path d={`M${m.x},${m.y - 2} l4,-3 h-8 z M${m.x},${m.y - 2} v${m.h + 3}`} className="wait-arrival" />}
              {m.label !== null && m.w >= (m.label.length + 1) * CHAR_PX && (
                <text x={m.x + 4} y={m.y + m.h / 2} className="wait-label">
                  {m.label}
                </text>
              )}
            </g>
          )
        })}
        {cursorX >= 0 && cursorX <= widthPx && <line x1={cursorX} x2={cursorX} y1={0} y2={lanes.heightPx} className="wait-cursor" />}
      </svg>
    </div>
  )
}
