/**
 * Vertical layout of a Gantt: one row per GPU in cluster order, nodes stacked with a gap
 * between them so a TP group (always inside one node) reads as one block.
 */

/** A node as the worker describes it: its first GPU, GPU count and GPU label. */
export interface GanttNodeSpec {
  readonly first: number
  readonly count: number
  readonly gpu: string
}

export interface NodeBand {
  readonly index: number
  /** "Node 0 · H100 SXM 80 GB" */
  readonly label: string
  /** Its first line in the gutter ("Node 0", "Replica 0", "Unused"). */
  readonly name: string
  /** Its second line: the GPU type of a node, a replica's model and TP. */
  readonly gpu: string
  /** The GPUs of its rows, top to bottom (ascending). */
  readonly gpus: readonly number[]
  readonly first: number
  readonly count: number
  readonly topPx: number
  readonly heightPx: number
}

export interface RowLayout {
  readonly rowPx: number
  readonly gpuCount: number
  /** Top of each GPU's row. */
  readonly rowTop: Float64Array
  /** Node of each GPU. */
  readonly nodeOf: Int32Array
  readonly nodes: readonly NodeBand[]
  readonly heightPx: number
}

export function layoutRows(nodes: readonly GanttNodeSpec[], rowPx: number, nodeGapPx: number): RowLayout {
  const gpuCount = nodes.reduce((n, node) => Math.max(n, node.first + node.count), 0)
  const groups = nodes.map((node, index) => ({ name: `Node ${index}`, sub: node.gpu, gpus: Array.from({ length: node.count }, (_, k) => node.first + k) }))
  return layoutGroups(groups, gpuCount, rowPx, nodeGapPx)
}

/** A group of rows: its name and second line, and its GPUs. */
export interface RowGroup {
  readonly name: string
  readonly sub: string
  readonly gpus: readonly number[]
}

/**
 * Rows grouped as given (nodes, or a serving run's replicas), groups stacked in order with a
 * gap between them; inside a group the GPUs go in ascending order, so GPUs numbered one after
 * the other in one group are adjacent rows (what rowRuns joins). Groups must not share GPUs.
 */
export function layoutGroups(groups: readonly RowGroup[], gpuCount: number, rowPx: number, gapPx: number): RowLayout {
  const rowTop = new Float64Array(gpuCount)
  const nodeOf = new Int32Array(gpuCount).fill(-1)
  const bands: NodeBand[] = []
  let y = 0
  groups.forEach((group, index) => {
    if (index > 0) y += gapPx
    const gpus = [...group.gpus].sort((a, b) => a - b)
    gpus.forEach((g, k) => {
      rowTop[g] = y + k * rowPx
      nodeOf[g] = index
    })
    const heightPx = gpus.length * rowPx
    bands.push({ index, label: `${group.name} · ${group.sub}`, name: group.name, gpu: group.sub, gpus, first: gpus[0] ?? 0, count: gpus.length, topPx: y, heightPx })
    y += heightPx
  })
  return { rowPx, gpuCount, rowTop, nodeOf, nodes: bands, heightPx: y }
}

/** The GPU whose row contains y, or -1 (a gap between nodes, or outside). */
export function rowAt(layout: RowLayout, yPx: number): number {
  for (const band of layout.nodes) {
    if (yPx >= band.topPx && yPx < band.topPx + band.heightPx) {
      return band.gpus[Math.min(band.count - 1, Math.floor((yPx - band.topPx) / layout.rowPx))]!
    }
  }
  return -1
}

/**
 * Row height of the large view: 18 px (room for an 11–12 px label) up to 16 GPUs, then
 * shrinking so the chart stays about one screen tall, never under 5 px.
 */
export function focusRowPx(gpuCount: number): number {
  return Math.max(5, Math.min(18, Math.floor(320 / Math.max(1, gpuCount))))
}

/** Row height of a small multiple: about 100 px for the whole cluster, 2–8 px a row. */
export function multipleRowPx(gpuCount: number): number {
  return Math.max(2, Math.min(8, Math.floor(100 / Math.max(1, gpuCount))))
}
