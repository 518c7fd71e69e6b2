// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { HEADER_PX, ROW_PX, rowsInView, useVirtualRows } from '../../src/components/task-table/use-virtual-rows.ts'

describe('rowsInView', () => {
  it('is the rows under the view, 8 more each side, within the table', () => {
    expect([HEADER_PX, ROW_PX]).toEqual([40, 38])
    // At the top, 480 px tall: rows 0..11 show (row 11 spans 458..496), then 8 more.
    expect(rowsInView(0, 480, 10_000)).toEqual([0, 19])
    // 3800 px down, 380 tall: (3800 − 40) / 38 = 98.9 → row 98 first; (3800 + 380 − 41) / 38 = 108.9 → 108 last.
    expect(rowsInView(3800, 380, 10_000)).toEqual([90, 116])
    expect(rowsInView(0, 480, 5)).toEqual([0, 4])
    expect(rowsInView(1e6, 480, 100)).toEqual([99, 99])
    expect(rowsInView(0, 480, 0)).toEqual([0, -1])
  })
})

describe('useVirtualRows', () => {
  function setup(count: number, pinned: number[] = []) {
    const el = document.createElement('div')
    const ref = { current: el }
    const hook = renderHook(({ pins }) => useVirtualRows(count, ref, pins), { initialProps: { pins: pinned } })
    return { el, hook }
  }

  it('renders the window and the pinned rows, positioned below the header', () => {
    const { hook } = setup(100_000, [500, 3])
    const { items, totalSize } = hook.result.current
    // jsdom has no layout: the fallback view of 480 px.
    expect(items.map((r) => r.index)).toEqual([...Array.from({ length: 20 }, (_, i) => i), 500])
    expect(items[1]).toEqual({ index: 1, start: 78 })
    expect(items[20]).toEqual({ index: 500, start: 40 + 500 * 38 })
    expect(totalSize).toBe(40 + 100_000 * 38)
  })

  it('scrolls the least that shows a row whole below the header, and follows the scroll', () => {
    const { el, hook } = setup(10_000)
    const before = hook.result.current
    // Row 100 spans 3840..3878: below the view, so the view's bottom moves to its end.
    act(() => hook.result.current.scrollToIndex(100))
    expect(el.scrollTop).toBe(3878 - 480)
    act(() => void el.dispatchEvent(new Event('scroll')))
    expect(hook.result.current.items.map((r) => r.index)).toEqual(Array.from({ length: 29 }, (_, i) => 80 + i))
    // Row 50 (1940..1978) is above: its top goes just under the header.
    act(() => hook.result.current.scrollToIndex(50))
    expect(el.scrollTop).toBe(1900)
    // Row 55 is in view: nothing moves.
    act(() => hook.result.current.scrollToIndex(55))
    expect(el.scrollTop).toBe(1900)
    // Scrolling within the same range renders nothing new; scrollToIndex stays the same function.
    act(() => void el.dispatchEvent(new Event('scroll')))
    const at = hook.result.current
    el.scrollTop = 1901
    act(() => void el.dispatchEvent(new Event('scroll')))
    expect(hook.result.current.items).toBe(at.items)
    expect(hook.result.current.scrollToIndex).toBe(before.scrollToIndex)
  })
})
