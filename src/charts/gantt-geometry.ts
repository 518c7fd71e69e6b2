import type { RowLayout } from './gantt-layout.ts'

export interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/**
 * Cuts a task's GPU set into runs of adjacent rows: [firstGpu, rowCount] pairs written into
 * `out`, returning the number of runs. GPUs 0, 1, 4, 5 give two runs (0, 2) and (4, 2); a run
 * never crosses a node boundary, where the rows are apart. Writes into a scratch buffer so the
 * draw loop allocates nothing per task; `out` must hold at least 3 × count values. The GPUs
 * are gpus[offset .. offset + count), so the timeline's column is read without a copy.
 */
export function rowRuns(layout: RowLayout, gpus: ArrayLike<number>, out: Int32Array, offset = 0, count = gpus.length - offset): number {
  const n = count
  // TP groups are small (≤ 8): sort a copy by insertion into the end of `out`.
  const base = out.length - n
  for (let k = 0; k < n; k++) {
    const g = gpus[offset + k]!
    let j = k
    while (j > 0 && out[base + j - 1]! > g) {
      out[base + j] = out[base + j - 1]!
      j--
    }
    out[base + j] = g
  }
  let runs = 0
  for (let k = 0; k < n; ) {
    const first = out[base + k]!
    let size = 1
    while (k + size < n && out[base + k + size] === first + size && layout.nodeOf[first + size] === layout.nodeOf[first]) size++
    out[2 * runs] = first
    out[2 * runs + 1] = size
    runs++
    k += size
  }
  return runs
}

/** Vertical inset of a bar inside its rows, so bars on adjacent rows stay apart. */
export const barInsetPx = (rowPx: number): number => (rowPx >= 10 ? 1.5 : rowPx >= 5 ? 0.5 : 0)

/** Rectangles of a bar from x0 to x1 over a task's GPUs: one per run of adjacent rows. */
export function barRects(layout: RowLayout, gpus: ArrayLike<number>, x0: number, x1: number): Rect[] {
  const runs = new Int32Array(4 * Math.max(1, gpus.length))
  const count = rowRuns(layout, gpus, runs)
  const inset = barInsetPx(layout.rowPx)
  const rects: Rect[] = []
  for (let r = 0; r < count; r++) {
    const first = runs[2 * r]!
    const rows = runs[2 * r + 1]!
    rects.push({ x: x0, y: layout.rowTop[first]! + inset, w: x1 - x0, h: rows * layout.rowPx - 2 * inset })
  }
  return rects
}
