import { select } from 'd3-selection'
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent } from 'd3-zoom'
import { useEffect, useRef, type RefObject } from 'react'
import { maxZoom, viewToZoom, zoomToView } from '../charts/gantt-zoom.ts'
import { fullView } from '../store/view-window.ts'
import { useAppStore } from '../store/context.tsx'

/** Brings the zoom's transform in line with the store's window (after W/S/A/D/F or a resize). */
export type ZoomSync = (fullS: readonly [number, number], viewS: readonly [number, number] | null, dtS: number) => void

/**
 * Zoom and pan of the time axis with d3-zoom on `target`: Ctrl/⌘ + wheel (or a pinch) zooms
 * around the pointer, a drag pans. The window lives in the store (viewS, shared by every view),
 * so the handler writes it there and the drawing reads it back; a plain wheel scrolls the page.
 */
export function useGanttZoom(target: RefObject<HTMLElement | null>, enabled: boolean, widthPx: number, heightPx: number): RefObject<ZoomSync | null> {
  const store = useAppStore()
  const sync = useRef<ZoomSync | null>(null)
  useEffect(() => {
    const el = target.current
    if (!enabled || el === null || widthPx <= 0) return
    const extent: [[number, number], [number, number]] = [
      [0, 0],
      [widthPx, heightPx],
    ]
    const behavior = zoom<HTMLElement, unknown>()
      .filter((event: Event) => {
        if (event instanceof WheelEvent) return event.ctrlKey || event.metaKey
        return !(event instanceof MouseEvent && (event.button !== 0 || event.ctrlKey))
      })
      // A mouse wheel notch (~100) zooms by ~1.4×; a pinch sends many small deltas.
      .wheelDelta((event: WheelEvent) => -event.deltaY * (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : Math.abs(event.deltaY) < 40 ? 0.01 : 0.005))
      .clickDistance(4)
      .extent(extent)
      .translateExtent(extent)
      .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => {
        // Programmatic transforms (sync below) come from the store already.
        if (event.sourceEvent == null) return
        const s = store.getState()
        s.actions.setView(zoomToView(fullView(s), event.transform, widthPx))
      })
    const selection = select(el).call(behavior).on('dblclick.zoom', null)
    sync.current = (fullS, viewS, dtS) => {
      behavior.scaleExtent([1, maxZoom(fullS, dtS)])
      const want = viewToZoom(fullS, viewS, widthPx)
      const have = zoomTransform(el)
      if (Math.abs(have.k - want.k) > 1e-9 * want.k || Math.abs(have.x - want.x) > 0.01) {
        selection.call(behavior.transform, zoomIdentity.translate(want.x, 0).scale(want.k))
      }
    }
    const s = store.getState()
    sync.current(fullView(s), s.viewS, s.run.scenario.dtS)
    return () => {
      selection.on('.zoom', null)
      sync.current = null
    }
  }, [store, target, enabled, widthPx, heightPx])
  return sync
}
