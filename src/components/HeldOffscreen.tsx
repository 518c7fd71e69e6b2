import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { AppState } from '../store/app-store.ts'
import { heldStore } from '../store/held-store.ts'
import { StoreProvider, useAppStore } from '../store/context.tsx'
import { inFrame, type Cancel } from '../timing/scheduler.ts'

/**
 * Each held part's turn after the run settles: after the two frames that show the run's end
 * (use-after-publish.ts), one part a frame or two apart, the costliest last.
 */
export const HELD_TURNS = { multiples: 2, requests: 3, kv: 4, charts: 6 } as const

/** The run moves: simulating, owed to an edit (the runner waits for typing to pause), playing or dragged. */
const moving = (s: AppState) => s.playing || s.dragging || s.run.status === 'running' || s.run.scenario !== s.scenario

/**
 * A part of the page that, off screen, renders and draws only once the run is still: its
 * components read a held view of the store (store/held-store.ts), which catches up when the
 * part comes on screen (as the page's IntersectionObserver tells), or in the `turn`-th animation
 * frame after the last change when the run does not move, so that the parts below the fold do
 * not all draw in the frame that shows the run's end.
 * A 10,000-request serving run drew its KV grids, request rows and small multiples in every frame
 * that published a batch, all below the fold of a laptop's window (docs/performance.md,
 * "Eleventh pass"). Observed itself, not its panel: a panel skipped while playing
 * (`content-visibility`) still lays out what comes into view.
 */
export function HeldOffscreen({ turn, children }: { turn: number; children: ReactNode }) {
  const outer = useAppStore()
  const [held] = useState(() => heldStore(outer, moving, (f) => inFrame(turn, f)))
  useEffect(() => held.open(), [held])
  const ref = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const el = ref.current
    if (el === null || typeof IntersectionObserver === 'undefined') return
    // On screen for a frame at least: as the serving views replace the job modes' at a run's
    // start, the parts below the Gantt pass through the window for a frame, and would draw.
    let coming: Cancel | null = null
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1]
        if (last === undefined) return
        coming?.()
        coming = null
        if (!last.isIntersecting) held.setOnScreen(false)
        else coming = inFrame(1, () => held.setOnScreen(true))
      },
      { rootMargin: MARGIN },
    )
    observer.observe(el)
    return () => {
      observer.disconnect()
      coming?.()
      held.setOnScreen(true)
    }
  }, [held])
  return (
    <div ref={ref}>
      <StoreProvider store={held.store}>{children}</StoreProvider>
    </div>
  )
}

/** Pixels beyond the window's edges that count as on screen: a part about to be scrolled to has caught up. */
const MARGIN = '48px'
