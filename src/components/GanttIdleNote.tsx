import { useEffect, useRef, useState } from 'react'
import { shallow } from 'zustand/shallow'
import type { AppState } from '../store/app-store.ts'
import { holdersAt } from '../run-view/holders.ts'
import { clusterAt, idleReason } from '../run-view/idle.ts'
import { servingIdleReason } from '../run-view/serving-idle.ts'
import { waitingCount } from '../run-view/queue.ts'
import { rankingFor } from '../run-view/ranking.ts'
import { stepTimes } from '../run-view/time.ts'
import { selectCursorVersion, selectPrepared } from '../store/selectors.ts'
import { useApp, useAppStore } from '../store/context.tsx'

/** The reason at the store's cursor, for the focused run (null: no GPU idles while tasks wait). */
function reasonAt(s: AppState, orderOf: (s: AppState) => Int32Array | null): string | null {
  const tl = s.run.timelines[s.focus]
  const { prepared, scenario } = s.run
  if (tl === undefined || prepared === null || tl.taskCount !== scenario.tasks.length) return null
  // Serving: GPUs idle for want of a replica or of requests, never for want of a fit.
  if (prepared.serving !== undefined) return servingIdleReason(tl, prepared.serving, prepared.nodes.reduce((n, node) => Math.max(n, node.first + node.count), 0), s.step)
  return idleReason(clusterAt(holdersAt(tl, s.step), prepared.nodes), {
    mode: scenario.mode,
    backfill: scenario.backfill,
    waiting: waitingCount(tl, s.step, orderOf(s)),
    pastHorizon: s.step >= prepared.horizonStep,
    maxTimeS: scenario.maxTimeS,
  })
}

/**
 * On the focus schedule, why GPUs stand idle at the cursor while tasks wait (the reference's
 * slot count, a horizon passed, nothing that fits), so empty rows are not taken for a bug.
 * Worked out outside React when the cursor stops on a step (not while playing or dragging),
 * and rendered only when the sentence changes: moving the cursor re-renders no component.
 * `inline`: in the flow under the schedule rather than floating over it, in a place that keeps
 * the height of the tallest note of the run, so the views below do not move each time the note
 * comes and goes (stepping across idle instants, or playing, which hides it).
 */
export function GanttIdleNote({ inline = false }: { readonly inline?: boolean }) {
  const store = useAppStore()
  const [reason, setReason] = useState<string | null>(null)
  const prepared = useApp(selectPrepared)
  const place = useRef<HTMLDivElement>(null)
  // The tallest note's height so far, for this run only.
  const [held, setHeld] = useState<{ run: unknown; px: number }>({ run: null, px: 0 })
  const heldPx = held.run === prepared ? held.px : 0
  useEffect(() => {
    let cached: { prepared: unknown; focus: string; order: Int32Array | null } | null = null
    const orderOf = (s: AppState) => {
      if (cached === null || cached.prepared !== s.run.prepared || cached.focus !== s.focus) {
        const ranking = s.run.prepared === null ? null : rankingFor(s.run.prepared, s.focus, s.run.scenario.tasks, stepTimes(s.run.scenario))
        cached = { prepared: s.run.prepared, focus: s.focus, order: ranking?.order ?? null }
      }
      return cached.order
    }
    const update = () => {
      const s = store.getState()
      setReason(s.playing || s.dragging ? null : reasonAt(s, orderOf))
    }
    update()
    return store.subscribe((s) => [s.step, s.playing, s.dragging, s.focus, s.run.prepared, selectCursorVersion(s)], update, { equalityFn: shallow })
  }, [store])
  useEffect(() => {
    const el = place.current
    if (el === null || typeof ResizeObserver === 'undefined') return
    // Read after the browser's own layout (no layout forced in a frame that publishes a batch).
    const observer = new ResizeObserver(([entry]) => {
      const px = entry?.borderBoxSize[0]?.blockSize ?? 0
      setHeld((h) => (h.run === prepared && h.px >= px ? h : { run: prepared, px: Math.max(px, h.run === prepared ? h.px : 0) }))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [prepared, inline])
  const note = reason === null ? null : (
    <p className={inline ? 'gantt-idle-note gantt-idle-note-inline' : 'gantt-idle-note'} role="note">
      {reason}
    </p>
  )
  if (!inline) return note
  return (
    <div ref={place} className="gantt-idle-place" style={{ minHeight: heldPx }}>
      {note}
    </div>
  )
}
