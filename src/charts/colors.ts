/**
 * Colours shared by every view, so a task looks the same in the Gantt, the queue and the
 * legend. Weight classes use a sequential ramp (heavier = darker, more saturated); models a
 * categorical palette. Both were picked for contrast on white and on a projector.
 */
const WEIGHT_RAMP = ['#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b']
const MODEL_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac']

export interface ColorClass {
  readonly label: string
  readonly color: string
}

export interface Coloring {
  /** Colour of each task (by index). */
  readonly taskColor: readonly string[]
  /** Legend entries, in order. */
  readonly classes: readonly ColorClass[]
}

const fmtWeight = (w: number) => String(Number(w.toFixed(2)))

/**
 * Weight classes: each distinct weight when there are few (at most six), else six bins of
 * equal count between the smallest and largest weight.
 */
export function colorByWeight(weights: readonly number[]): Coloring {
  // Whether there are few distinct weights is known after the seventh: no need to collect them all.
  const few = new Set<number>()
  for (const w of weights) if (few.add(w).size > WEIGHT_RAMP.length) break
  if (few.size <= WEIGHT_RAMP.length) {
    const distinct = [...few].sort((a, b) => a - b)
    // Spread the classes over the whole ramp so that two classes are far apart.
    const last = WEIGHT_RAMP.length - 1
    const rank = new Map(distinct.map((w, i) => [w, distinct.length === 1 ? 3 : Math.round((i * last) / (distinct.length - 1))]))
    const colorOf = (w: number) => WEIGHT_RAMP[rank.get(w)!]!
    return {
      taskColor: weights.map(colorOf),
      classes: distinct.map((w) => ({ label: `weight ${fmtWeight(w)}`, color: colorOf(w) })),
    }
  }
  // A typed array sorts numbers natively: 100,000 weights without a comparator call each.
  const sorted = Float64Array.from(weights).sort()
  const bins = WEIGHT_RAMP.length
  const edges = Array.from({ length: bins - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / bins)]!)
  const binOf = (w: number) => {
    let b = 0
    while (b < edges.length && w >= edges[b]!) b++
    return b
  }
  // Each bin is labelled with the weights in it, smallest to largest, so that no two labels
  // share an edge ("1–2, 3–4", not "1–3, 3–5": which one holds 3?).
  const lo = new Float64Array(bins).fill(Infinity)
  const hi = new Float64Array(bins).fill(-Infinity)
  const taskColor = weights.map((w) => {
    const b = binOf(w)
    if (w < lo[b]!) lo[b] = w
    if (w > hi[b]!) hi[b] = w
    return WEIGHT_RAMP[b]!
  })
  return {
    taskColor,
    classes: WEIGHT_RAMP.map((color, b) => ({ label: binLabel(lo[b]!, hi[b]!), color })).filter((_, b) => lo[b]! <= hi[b]!),
  }
}

/**
 * "weight lo–hi" with two decimals, rounded inwards (the low end up, the high end down), so a
 * bin's label never reaches into the next one's: its highest weight is below the next's lowest.
 */
function binLabel(lo: number, hi: number): string {
  const from = Math.ceil(Number((lo * 100).toPrecision(12))) / 100
  const to = Math.floor(Number((hi * 100).toPrecision(12))) / 100
  return lo === hi || from >= to ? `weight ${fmtWeight(lo)}` : `weight ${fmtWeight(from)}–${fmtWeight(to)}`
}

/** One colour per model, in order of first appearance. */
export function colorByModel(models: readonly string[]): Coloring {
  const order = [...new Set(models)]
  const color = new Map(order.map((m, i) => [m, MODEL_PALETTE[i % MODEL_PALETTE.length]!]))
  return { taskColor: models.map((m) => color.get(m)!), classes: order.map((m) => ({ label: m, color: color.get(m)! })) }
}

/** Dark or light text for a label drawn on `background`. */
export function textColorOn(background: string): string {
  const n = parseInt(background.slice(1), 16)
  const r = (n >> 16) & 255
  const g = (n >> 8) & 255
  const b = n & 255
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#111827' : '#ffffff'
}

type ColoredTask = { readonly model: string; readonly weight: number }

/** Colourings already worked out, per task list (the Gantt, the queue and the table all ask). */
const colorings = new WeakMap<readonly ColoredTask[], Partial<Record<'weight' | 'model', Coloring>>>()

/** The colouring the user picked, for these tasks (worked out once per task list). */
export function coloringFor(tasks: readonly ColoredTask[], colorBy: 'weight' | 'model'): Coloring {
  let known = colorings.get(tasks)
  if (known === undefined) colorings.set(tasks, (known = {}))
  return (known[colorBy] ??= colorBy === 'model' ? colorByModel(tasks.map((t) => t.model)) : colorByWeight(tasks.map((t) => t.weight)))
}

/** Colours told apart side by side: KV blocks of different requests (by request index). */
const REQUEST_PALETTE = MODEL_PALETTE
export const requestColor = (request: number): string => REQUEST_PALETTE[request % REQUEST_PALETTE.length]!

/** One colour per deployment in the serving editor's GPU map (by deployment index). */
export const deploymentColor = (deployment: number): string => MODEL_PALETTE[deployment % MODEL_PALETTE.length]!
