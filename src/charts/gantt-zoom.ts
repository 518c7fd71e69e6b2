/**
 * The shared time window (store.viewS) as a d3-zoom transform of the plot and back. The zoom's
 * base scale maps the whole run [fullS] onto [0, widthPx]; a transform {k, x} shows the base
 * scale stretched k times and shifted x px. Only x and k are used: the time axis alone zooms.
 */
export interface ZoomTransformLike {
  readonly k: number
  readonly x: number
}

export function viewToZoom(fullS: readonly [number, number], viewS: readonly [number, number] | null, widthPx: number): ZoomTransformLike {
  if (viewS === null) return { k: 1, x: 0 }
  const span = fullS[1] - fullS[0]
  const k = span / (viewS[1] - viewS[0])
  return { k, x: (-k * (viewS[0] - fullS[0]) * widthPx) / span }
}

/** The window a transform shows; null once it covers the whole run (= fit). */
export function zoomToView(fullS: readonly [number, number], t: ZoomTransformLike, widthPx: number): [number, number] | null {
  if (t.k <= 1 + 1e-9) return null
  const span = fullS[1] - fullS[0]
  const at = (px: number) => fullS[0] + (((px - t.x) / t.k) * span) / widthPx
  return [at(0), at(widthPx)]
}

/** Most the time axis can be stretched: down to a window of four steps (as zoomBy allows). */
export function maxZoom(fullS: readonly [number, number], dtS: number): number {
  return Math.max(1, (fullS[1] - fullS[0]) / (4 * dtS))
}
