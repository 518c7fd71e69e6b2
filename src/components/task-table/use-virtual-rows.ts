import { defaultRangeExtractor, observeElementRect, useVirtualizer, type Range, type Rect, type Virtualizer } from '@tanstack/react-virtual'
import { useCallback, type RefObject } from 'react'

export const ROW_PX = 38
export const HEADER_PX = 40
/** The viewport assumed while the table has no layout yet (a hidden tab, jsdom): about a dozen rows. */
const FALLBACK_VIEW_PX = 480

function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_VIEW_PX }))
}

/**
 * Row virtualization for the task table: fixed-height rows under a sticky header, with some
 * rows pinned (the cell being edited, the focused one) so they stay mounted while scrolled
 * away and keep focus and what is being typed.
 */
export function useVirtualRows(count: number, scrollRef: RefObject<HTMLDivElement | null>, pinned: readonly number[]) {
  const pinKey = pinned.join(',')
  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range)
      const extra = pinKey === '' ? [] : pinKey.split(',').map(Number).filter((p) => p < range.count && !rows.includes(p))
      return extra.length === 0 ? rows : [...rows, ...extra].sort((a, b) => a - b)
    },
    [pinKey],
  )
  return useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    scrollMargin: HEADER_PX,
    scrollPaddingStart: HEADER_PX,
    observeElementRect: observeRect,
    rangeExtractor,
    useFlushSync: false,
  })
}
