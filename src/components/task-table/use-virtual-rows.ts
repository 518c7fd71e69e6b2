import { useCallback, useLayoutEffect, useMemo, useState, type RefObject } from 'react'

export const ROW_PX = 38
export const HEADER_PX = 40
/** The viewport assumed while the table has no layout yet (a hidden tab, jsdom): about a dozen rows. */
const FALLBACK_VIEW_PX = 480
/** Rows rendered beyond each edge of the view, so a scroll shows rows already there. */
const OVERSCAN = 8

/** A row to render: its position in the table's order, and its top in the scroll box. */
export interface VirtualRow {
  readonly index: number
  readonly start: number
}

export interface VirtualRows {
  /** The rows in view and a few around, plus the pinned ones, by position. */
  readonly items: readonly VirtualRow[]
  /** The header and every row, in pixels. */
  readonly totalSize: number
  /** Scrolls the least that shows row `index` whole below the sticky header. */
  scrollToIndex(index: number): void
}

/** The rows [first, last] the view shows, for a scroll box `top` px down and `height` px tall. */
export function rowsInView(top: number, height: number, count: number): readonly [number, number] {
  if (count === 0) return [0, -1]
  const first = Math.floor((top - HEADER_PX) / ROW_PX)
  const last = Math.floor((top + height - HEADER_PX - 1) / ROW_PX)
  return [Math.max(0, Math.min(count - 1, first - OVERSCAN)), Math.max(0, Math.min(count - 1, last + OVERSCAN))]
}

/**
 * Row windowing for the task table: fixed-height rows under a sticky header, so which rows
 * show is arithmetic on the scroll position (nothing is measured per row: a 100,000-task table
 * costs what a 100-task one does), with some rows pinned (the cell being edited, the focused
 * one) so they stay mounted while scrolled away and keep focus and what is being typed. The
 * table re-renders only when the rows in range change, not on every scroll event.
 */
export function useVirtualRows(count: number, scrollRef: RefObject<HTMLDivElement | null>, pinned: readonly number[]): VirtualRows {
  const [view, setView] = useState({ top: 0, height: FALLBACK_VIEW_PX })
  const [first, last] = rowsInView(view.top, view.height, count)

  useLayoutEffect(() => {
    const el = scrollRef.current
    if (el === null) return
    const read = () => {
      const top = el.scrollTop
      const height = el.clientHeight > 0 ? el.clientHeight : FALLBACK_VIEW_PX
      // A new state only when the range moves: scrolling within a row re-renders nothing.
      setView((v) => {
        const [a, b] = rowsInView(v.top, v.height, Number.MAX_SAFE_INTEGER)
        const [c, d] = rowsInView(top, height, Number.MAX_SAFE_INTEGER)
        return a === c && b === d && v.height === height ? v : { top, height }
      })
    }
    read()
    el.addEventListener('scroll', read, { passive: true })
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(read) : null
    resize?.observe(el)
    return () => {
      el.removeEventListener('scroll', read)
      resize?.disconnect()
    }
  }, [scrollRef])

  const pinKey = pinned.join(',')
  const items = useMemo(() => {
    const rows: VirtualRow[] = []
    for (let i = first; i <= last; i++) rows.push({ index: i, start: HEADER_PX + i * ROW_PX })
    const extra = pinKey === '' ? [] : pinKey.split(',').map(Number).filter((p) => p < count && (p < first || p > last))
    for (const p of new Set(extra)) rows.push({ index: p, start: HEADER_PX + p * ROW_PX })
    return extra.length === 0 ? rows : rows.sort((a, b) => a.index - b.index)
  }, [first, last, pinKey, count])

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current
      if (el === null) return
      const top = HEADER_PX + index * ROW_PX
      const height = el.clientHeight > 0 ? el.clientHeight : FALLBACK_VIEW_PX
      // Rows pass under the sticky header: a row is in view below it.
      if (top - HEADER_PX < el.scrollTop) el.scrollTop = top - HEADER_PX
      else if (top + ROW_PX > el.scrollTop + height) el.scrollTop = top + ROW_PX - height
    },
    [scrollRef],
  )

  return { items, totalSize: HEADER_PX + count * ROW_PX, scrollToIndex }
}
