/**
 * Bars narrower than a pixel, merged per GPU row. Zoomed out on a 100,000-task run most bars
 * are slivers: drawing each costs a fillRect for nothing. On one row tasks never overlap and
 * arrive in time order, so a row keeps one pending span and extends it with the next sliver
 * when that falls in the span's last pixel column (only one colour can show there anyway), or
 * touches it (within a pixel) in the same colour. A span that swallowed other colours ends at
 * its pixel column, so mixed stretches show a colour sampled per column rather than the first
 * one throughout. That bounds the fills by rows × width in pixels.
 */
export interface MergedFill {
  (x: number, row: number, w: number, color: string): void
}

export interface RowMerger {
  add(row: number, x0: number, x1: number, color: string): void
  /**
   * Emits the pending spans (at least 1 px wide, so a lone sliver still shows), at most `limit`
   * of them per call, so that a large flush can be spread out; returns true once all are out
   * (the merger is then empty). Nothing may be added until then.
   */
  flush(fill: MergedFill, limit?: number): boolean
}

export function createRowMerger(rows: number): RowMerger {
  const from = new Float64Array(rows)
  const to = new Float64Array(rows)
  const colors: (string | null)[] = new Array<string | null>(rows).fill(null)
  const mixed = new Uint8Array(rows)
  const pending: number[] = []
  // Fills grouped by colour (x, row, w triples), so the context switches fillStyle once per colour.
  const byColor = new Map<string, number[]>()
  /** A flush under way: the buckets, and how far into them it got. */
  let draining: { readonly buckets: [string, number[]][]; at: number; k: number } | null = null

  const emit = (row: number) => {
    const color = colors[row]!
    let bucket = byColor.get(color)
    if (bucket === undefined) byColor.set(color, (bucket = []))
    bucket.push(from[row]!, row, Math.max(1, to[row]! - from[row]!))
  }

  return {
    add(row, x0, x1, color) {
      const current = colors[row]
      if (current != null) {
        const end = to[row]!
        if (x0 < Math.ceil(end)) {
          to[row] = Math.max(end, x1)
          if (color !== current) mixed[row] = 1
          return
        }
        if (x0 <= end + 1 && color === current && mixed[row] === 0) {
          to[row] = x1
          return
        }
        emit(row)
      } else pending.push(row)
      from[row] = x0
      to[row] = x1
      colors[row] = color
      mixed[row] = 0
    },
    flush(fill, limit = Infinity) {
      if (draining === null) {
        for (const row of pending) {
          emit(row)
          colors[row] = null
        }
        pending.length = 0
        draining = { buckets: [...byColor], at: 0, k: 0 }
        byColor.clear()
      }
      const d = draining
      let left = limit
      for (; d.at < d.buckets.length; d.at++, d.k = 0) {
        const [color, bucket] = d.buckets[d.at]!
        for (; d.k < bucket.length; d.k += 3) {
          if (left-- <= 0) return false
          fill(bucket[d.k]!, bucket[d.k + 1]!, bucket[d.k + 2]!, color)
        }
      }
      draining = null
      return true
    },
  }
}
