import { FREE_BLOCK, HELD_OUTSIDE_BATCH, type KvRun } from '../run-view/serving-kv.ts'
import { requestColor } from './colors.ts'

/** What drawKvGrid needs of a canvas context (tests pass a recorder). */
export type KvGridContext = Pick<CanvasRenderingContext2D, 'fillStyle' | 'fillRect' | 'clearRect'>

export interface KvGridLayout {
  /** Side of a cell, px (at least 1). */
  readonly cellPx: number
  /** Blocks a cell stands for: 1, unless there are more blocks than pixels. */
  readonly blocksPerCell: number
  readonly cols: number
  readonly rows: number
  readonly heightPx: number
}

const MAX_CELL_PX = 18
const FREE_COLOR = '#f1f5f9'
const OUTSIDE_COLOR = '#94a3b8'

/**
 * Cells for `blocks` blocks in `widthPx` × at most `maxHeightPx`: the largest square cell (up
 * to 18 px) that fits them all, one block a cell; past one pixel a block (a 26,000-block
 * replica in 220 × 110 px), several blocks a 1 px cell.
 */
export function kvGridLayout(blocks: number, widthPx: number, maxHeightPx: number): KvGridLayout {
  const n = Math.max(1, blocks)
  const blocksPerCell = Math.max(1, Math.ceil(n / (widthPx * maxHeightPx)))
  const cells = Math.ceil(n / blocksPerCell)
  let cellPx = Math.max(1, Math.min(MAX_CELL_PX, Math.floor(Math.sqrt((widthPx * maxHeightPx) / cells))))
  while (cellPx > 1 && Math.floor(widthPx / cellPx) * Math.floor(maxHeightPx / cellPx) < cells) cellPx -= 1
  const cols = Math.max(1, Math.floor(widthPx / cellPx))
  const rows = Math.ceil(cells / cols)
  return { cellPx, blocksPerCell, cols, rows, heightPx: rows * cellPx }
}

/** The colour of a cell: its request's, grey for one held outside the batch, near white when free. */
export const kvCellColor = (owner: number): string => (owner === FREE_BLOCK ? FREE_COLOR : owner === HELD_OUTSIDE_BATCH ? OUTSIDE_COLOR : requestColor(owner))

/**
 * Draws the runs of blocks row by row, one rectangle per run in a row (a request's blocks are
 * contiguous, so a large replica costs a few rectangles a request, not one a block). Cells of
 * 4 px or more keep a 1 px gap so single blocks can be counted. Where a cell stands for several
 * blocks, the run that ends in it draws it last.
 */
export function drawKvGrid(ctx: KvGridContext, runs: readonly KvRun[], layout: KvGridLayout, widthPx: number): void {
  const { cellPx, cols, blocksPerCell } = layout
  const gap = cellPx >= 4 ? 1 : 0
  ctx.clearRect(0, 0, widthPx, layout.heightPx)
  let block = 0
  for (const run of runs) {
    if (run.blocks <= 0) continue
    const first = Math.floor(block / blocksPerCell)
    block += run.blocks
    const end = Math.floor((block - 1) / blocksPerCell) + 1
    ctx.fillStyle = kvCellColor(run.owner)
    for (let start = first; start < end; ) {
      const row = Math.floor(start / cols)
      const stop = Math.min(end, (row + 1) * cols)
      if (gap === 0) ctx.fillRect((start - row * cols) * cellPx, row * cellPx, (stop - start) * cellPx, cellPx)
      else for (let c = start; c < stop; c++) ctx.fillRect((c - row * cols) * cellPx, row * cellPx, cellPx - gap, cellPx - gap)
      start = stop
    }
  }
}
