import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { shallow } from 'zustand/shallow'
import { drawRowMarks, REQUEST_ROW_PX, REQUEST_STYLE, requestRowMarks, ROW_KEYS, rowAfterKey, rowsInView, scrollToShow } from '../charts/request-rows.ts'
import { createTimeScale, pxPerS, pxToTime } from '../charts/time-scale.ts'
import { REJECTED, SERVING_KINDS, WAITING } from '../engine/segments.ts'
import { promptChunks, requestBars, requestFacts } from '../run-view/serving-requests.ts'
import { timeAt } from '../run-view/time.ts'
import type { AppState } from '../store/app-store.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { selectDimFuture } from '../store/selectors.ts'
import { fullView } from '../store/view-window.ts'
import { drawAsks } from '../timing/scheduler.ts'
import { FUTURE_ALPHA } from '../charts/gantt-draw.ts'
import { MOUNT_TURNS, useTurnCame } from './use-mount-turn.ts'
import { publishedAlone } from './use-after-publish.ts'

interface RequestViewProps {
  readonly algorithm: string
  /** The Gantt's gutter and plot widths, so the rows share its time axis. */
  readonly gutterPx: number
  readonly widthPx: number
}

/** The list's height: every row up to this, then it scrolls. */
const MAX_VIEW_PX = 16 * REQUEST_ROW_PX
const FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
const LEGEND = [WAITING, SERVING_KINDS.prefill, SERVING_KINDS.decode, SERVING_KINDS.preempted, SERVING_KINDS.recompute, REJECTED] as const

const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D | null>()

/** The canvas's 2D context, asked for once (jsdom has none and complains on every ask). */
function contextOf(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  if (!contexts.has(canvas)) {
    let ctx: CanvasRenderingContext2D | null = null
    try {
      ctx = canvas.getContext('2d')
    } catch {
      ctx = null
    }
    contexts.set(canvas, ctx)
  }
  return contexts.get(canvas) ?? null
}

/** What a publication changes among the drawing's inputs: the run's version. */
export const REQUESTS_PUBLISHED = [1] as const
/** What the request view's drawing depends on (compared shallowly). */
const inputs = (algorithm: string) => (s: AppState): readonly unknown[] => [s.run.timelines[algorithm], s.run.version, s.step, selectDimFuture(s), ...(s.viewS ?? fullView(s)), s.selectedTask, s.hoveredTask]

/** One request's numbers, as the tooltip and the selection line tell them. */
export interface RequestSummary {
  readonly id: string
  readonly arrivalS: number
  readonly inputTokens: number
  readonly outputTokens: number
  /** null: not yet (or never). */
  readonly firstTokenS: number | null
  readonly finishS: number | null
  readonly preemptions: number
  readonly replica: number | null
  readonly rejected: boolean
}

const fmtS = (x: number) => `${x.toFixed(3)} s`

/** "C: arrived 0.050 s · first token 2.842 s (TTFT 2.792 s) · finished 3.372 s (E2E 3.322 s) · 18 preemptions · replica 0". */
export function describeRequest(r: RequestSummary): string {
  const parts = [`${r.id}: arrived ${fmtS(r.arrivalS)}`, `${r.inputTokens} in, ${r.outputTokens} out`]
  if (r.rejected) parts.push('rejected')
  else {
    parts.push(r.firstTokenS === null ? 'no token yet' : `first token ${fmtS(r.firstTokenS)} (TTFT ${fmtS(r.firstTokenS - r.arrivalS)})`)
    parts.push(r.finishS === null ? 'not finished' : `finished ${fmtS(r.finishS)} (E2E ${fmtS(r.finishS - r.arrivalS)})`)
    parts.push(`${r.preemptions} ${r.preemptions === 1 ? 'preemption' : 'preemptions'}`)
    if (r.replica !== null) parts.push(`replica ${r.replica}`)
  }
  return parts.join(' · ')
}

/**
 * Request r as the view tells it at the cursor: its first token and finish only once the
 * cursor has reached them (unless the future is shown), so the view never tells ahead.
 */
function summaryOf(s: AppState, algorithm: string, r: number): RequestSummary | null {
  const tl = s.run.timelines[algorithm]
  const info = s.run.prepared?.serving
  const task = s.run.scenario.tasks[r]
  if (tl === undefined || info === undefined || task === undefined || r >= tl.taskCount) return null
  const f = requestFacts(tl, info)
  const untilS = selectDimFuture(s) ? Infinity : timeAt(s.run.scenario, s.step)
  const by = (t: number) => (Number.isNaN(t) || t > untilS ? null : t)
  const rejected = requestBars(tl, r).some((b) => b.kind === REJECTED && b.t0 <= untilS)
  return {
    id: task.id,
    arrivalS: info.arrivalS[r]!,
    inputTokens: info.inputTokens[r]!,
    outputTokens: info.outputTokens[r]!,
    firstTokenS: by(f.firstTokenS[r]!),
    finishS: by(f.finishS[r]!),
    preemptions: countPreemptionsBy(tl, r, untilS),
    replica: f.replica[r]! < 0 ? null : f.replica[r]!,
    rejected,
  }
}

/** Request r's preemptions up to `untilS`: its preempted stretches that began by then. */
function countPreemptionsBy(tl: NonNullable<AppState['run']['timelines'][string]>, r: number, untilS: number): number {
  return requestBars(tl, r).filter((b) => b.kind === SERVING_KINDS.preempted && b.t0 <= untilS).length
}

/**
 * The request view of a serving run, under the focus Gantt: one row per request on the same
 * time window and cursor, drawn on a canvas that shows only the rows scrolled into view, so
 * 10,000 requests cost what 16 do. Hover tells a request's numbers; a click selects it, and so
 * do ↑/↓, PageUp/PageDown and Home/End in the focused list, which scroll the row into view. The
 * selected request's numbers are told below the list (polite live text).
 */
export function RequestView({ algorithm, gutterPx, widthPx }: RequestViewProps) {
  const store = useAppStore()
  const count = useApp((s) => s.run.timelines[algorithm]?.taskCount ?? 0)
  // A string, so the selector's answer compares equal from one store change to the next.
  const selected = useApp((s) => {
    const summary = s.selectedTask === null ? null : summaryOf(s, algorithm, s.selectedTask)
    return summary === null ? null : describeRequest(summary)
  })
  const selectedId = useId()
  const scrollRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  // The list's scroll position as its last scroll event left it. Reading scrollTop while a
  // streamed batch is drawn forced a layout of the page in that frame (half the view's time in
  // profiles of a 10,000-request run); a scroll event comes once the layout is done.
  const scrollTopRef = useRef(0)
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null)
  const viewPx = Math.max(REQUEST_ROW_PX, Math.min(MAX_VIEW_PX, count * REQUEST_ROW_PX))
  const fullPx = gutterPx + widthPx
  // Mounted with the Gantt, so the page below does not move when it is drawn; its canvas (a
  // backing store to allocate, every row in view to draw) waits for its turn, once.
  const mayDraw = useTurnCame(MOUNT_TURNS.requests)

  useLayoutEffect(() => {
    if (!mayDraw) return
    const draw = () => {
      const canvas = canvasRef.current
      const scroller = scrollRef.current
      const ctx = canvas === null ? null : contextOf(canvas)
      if (canvas === null || scroller === null || ctx === null) return
      const s = store.getState()
      const tl = s.run.timelines[algorithm]
      const info = s.run.prepared?.serving
      const dpr = window.devicePixelRatio || 1
      const w = Math.round(fullPx * dpr)
      const h = Math.round(viewPx * dpr)
      if (canvas.width !== w) canvas.width = w
      if (canvas.height !== h) canvas.height = h
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      ctx.clearRect(0, 0, fullPx, viewPx)
      if (tl === undefined || info === undefined || tl.taskCount !== s.run.scenario.tasks.length) return
      const [t0S, t1S] = s.viewS ?? fullView(s)
      const scale = createTimeScale(t0S, t1S, widthPx)
      const cursorS = timeAt(s.run.scenario, s.step)
      const knownS = tl.done ? Infinity : timeAt(s.run.scenario, tl.knownStep)
      const dim = selectDimFuture(s)
      const f = requestFacts(tl, info)
      const offset = scrollTopRef.current
      const [first, last] = rowsInView(tl.taskCount, offset, viewPx)
      const cursorX = (cursorS - t0S) * pxPerS(scale)
      ctx.font = FONT
      ctx.textAlign = 'right'
      ctx.textBaseline = 'middle'
      for (let r = first; r < last; r++) {
        const top = r * REQUEST_ROW_PX - offset
        ctx.globalAlpha = 1
        ctx.fillStyle = r === s.selectedTask ? '#fff4c2' : r === s.hoveredTask ? '#eef2ff' : r % 2 === 0 ? '#f6f7f9' : '#ffffff'
        ctx.fillRect(0, top, fullPx, REQUEST_ROW_PX)
        ctx.fillStyle = '#374151'
        ctx.fillText(s.run.scenario.tasks[r]?.id ?? String(r), gutterPx - 8, top + REQUEST_ROW_PX / 2, gutterPx - 12)
        const bars = requestBars(tl, r)
        const chunks = promptChunks(tl, f, r)
        ctx.save()
        ctx.beginPath()
        ctx.rect(gutterPx, top, widthPx, REQUEST_ROW_PX)
        ctx.clip()
        drawRowMarks(ctx, requestRowMarks(bars, chunks, f.firstTokenS[r]!, f.finishS[r]!, scale, knownS, cursorS), gutterPx, top, widthPx)
        if (dim) {
          // The rest of the run, faint, after the cursor.
          ctx.beginPath()
          ctx.rect(gutterPx + Math.max(0, cursorX), top, widthPx, REQUEST_ROW_PX)
          ctx.clip()
          ctx.globalAlpha = FUTURE_ALPHA
          drawRowMarks(ctx, requestRowMarks(bars, chunks, f.firstTokenS[r]!, f.finishS[r]!, scale, knownS, Infinity), gutterPx, top, widthPx)
        }
        ctx.restore()
      }
      ctx.globalAlpha = 1
      if (cursorX >= 0 && cursorX <= widthPx) {
        ctx.fillStyle = '#111827'
        ctx.fillRect(gutterPx + cursorX - 0.75, 0, 1.5, viewPx)
      }
    }
    const asks = drawAsks(draw)
    draw()
    // A publication alone is drawn a frame late in a large run; anything else at once.
    const onChange = (next: readonly unknown[], prev: readonly unknown[]) => (publishedAlone(next, prev, store.getState().run.scenario.tasks.length, REQUESTS_PUBLISHED) ? asks.late() : asks.now())
    const unsubscribe = store.subscribe(inputs(algorithm), onChange, { equalityFn: shallow })
    const scroller = scrollRef.current
    const onScroll = () => {
      scrollTopRef.current = scroller?.scrollTop ?? 0
      asks.now()
    }
    scroller?.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      unsubscribe()
      scroller?.removeEventListener('scroll', onScroll)
      asks.cancel()
    }
  }, [store, algorithm, gutterPx, widthPx, viewPx, fullPx, mayDraw])

  const rowAt = (e: MouseEvent<HTMLCanvasElement>): { r: number; x: number; y: number } | null => {
    const rect = e.currentTarget.getBoundingClientRect()
    const x = e.clientX - rect.left
    const y = e.clientY - rect.top
    const r = Math.floor((y + (scrollRef.current?.scrollTop ?? 0)) / REQUEST_ROW_PX)
    return r >= 0 && r < count ? { r, x, y } : null
  }

  const onMouseMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const at = rowAt(e)
    const s = store.getState()
    const summary = at === null ? null : summaryOf(s, algorithm, at.r)
    if (at === null || summary === null) {
      if (tip !== null) setTip(null)
      return
    }
    if (s.hoveredTask !== at.r) s.actions.hover(at.r)
    const [t0S, t1S] = s.viewS ?? fullView(s)
    const tS = pxToTime(createTimeScale(t0S, t1S, widthPx), at.x - gutterPx)
    const tl = s.run.timelines[algorithm]!
    const here = at.x >= gutterPx ? requestBars(tl, at.r).find((b) => b.t0 <= tS && (Number.isNaN(b.t1) || tS < b.t1)) : undefined
    const state = here === undefined ? '' : ` · at ${fmtS(tS)}: ${REQUEST_STYLE[here.kind]?.label ?? here.kind}`
    setTip({ text: describeRequest(summary) + state, x: at.x, y: at.y })
  }

  const onMouseLeave = () => {
    setTip(null)
    store.getState().actions.hover(null)
  }

  // The keys select as a click does (the store's selected task), so the Gantt, the task
  // details and a link show the same request; the page's own shortcuts do not see them.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
    const scroller = e.currentTarget
    const s = store.getState()
    const current = s.selectedTask !== null && s.selectedTask < count ? s.selectedTask : null
    const [firstInView] = rowsInView(count, scroller.scrollTop, viewPx)
    const r = rowAfterKey(e.key, current, firstInView, Math.max(1, Math.floor(viewPx / REQUEST_ROW_PX)), count)
    if (r === null) return
    e.preventDefault()
    if (r !== current) s.actions.select(r)
    scroller.scrollTop = scrollToShow(r, scroller.scrollTop, viewPx)
  }

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const at = rowAt(e)
    if (at !== null) store.getState().actions.select(at.r === store.getState().selectedTask ? null : at.r)
  }

  return (
    <section className="request-view" aria-label="Requests">
      <div className="request-view-head" style={{ paddingLeft: gutterPx }}>
        <h3 className="request-view-title">
          Requests <span className="sub">one row per request, on the Gantt’s time axis · hover for its numbers; click, or ↑/↓ in the focused list, to select</span>
        </h3>
        <ul className="gantt-legend" aria-label="Request legend">
          {LEGEND.map((k) => (
            <li key={k}>
              <span className={`gantt-swatch${REQUEST_STYLE[k]!.thin ? ' request-swatch-thin' : ''}`} style={{ background: REQUEST_STYLE[k]!.color }} aria-hidden="true" />
              {REQUEST_STYLE[k]!.label}
            </li>
          ))}
          <li>
            <span className="request-marker" aria-hidden="true">
              ◆
            </span>
            first token
          </li>
          <li>
            <span className="request-marker" aria-hidden="true">
              ▎
            </span>
            finish
          </li>
        </ul>
      </div>
      <div
        className="request-scroll"
        ref={scrollRef}
        style={{ height: viewPx, width: fullPx }}
        tabIndex={0}
        aria-label={`Request rows, ${count} in all`}
        role="group"
        aria-keyshortcuts={ROW_KEYS.join(' ')}
        aria-describedby={selectedId}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: count * REQUEST_ROW_PX, position: 'relative' }}>
          <canvas
            ref={canvasRef}
            className="request-canvas"
            style={{ width: fullPx, height: viewPx }}
            role="img"
            aria-label={`${algorithm} requests: one row per request`}
            onMouseMove={onMouseMove}
            onMouseLeave={onMouseLeave}
            onClick={onClick}
          />
        </div>
      </div>
      {tip !== null && (
        // Outside the scrolled list, so the list's bottom edge does not cut it off.
        <div className="gantt-tooltip request-tooltip" role="tooltip" style={{ left: Math.min(tip.x + 14, Math.max(0, fullPx - 330)), top: tip.y + 14 + (scrollRef.current?.offsetTop ?? 0) }}>
          {tip.text}
        </div>
      )}
      <p className="request-selected" id={selectedId} aria-live="polite">
        {selected ?? 'Click a request to keep its numbers here.'}
      </p>
    </section>
  )
}
