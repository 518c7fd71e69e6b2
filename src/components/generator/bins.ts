import { scaleLinear, scaleLog } from 'd3-scale'

export type BinScale = 'linear' | 'log'

export interface Bin {
  readonly x0: number
  readonly x1: number
  /** Count per series, in series order. */
  readonly counts: readonly number[]
}

export interface Histogram {
  readonly scale: BinScale
  readonly domain: readonly [number, number]
  readonly bins: readonly Bin[]
}

/** Token counts spanning more than this ratio read better on a log axis (heavy tails). */
const LOG_RATIO = 100

function extent(series: readonly (readonly number[])[]): [number, number] | null {
  let lo = Infinity
  let hi = -Infinity
  for (const s of series) {
    for (const x of s) {
      if (!Number.isFinite(x)) continue
      lo = Math.min(lo, x)
      hi = Math.max(hi, x)
    }
  }
  return lo <= hi ? [lo, hi] : null
}

/**
 * Equal-width bins over a rounded ("nice") domain, counted per series (stacked in the chart).
 * `log` bins are equal in log space, from 1 up; values below 1 (zero tokens) land in the first.
 * Null when there is nothing to count.
 */
export function binSeries(series: readonly (readonly number[])[], count: number, allowLog = false): Histogram | null {
  const ext = extent(series)
  if (ext === null) return null
  const [lo, hi] = ext
  const log = allowLog && hi / Math.max(1, lo) > LOG_RATIO
  let domain: [number, number]
  if (log) {
    const d = scaleLog().domain([Math.max(1, lo), hi]).nice().domain()
    domain = [d[0]!, d[1]!]
  } else if (lo === hi) {
    // One value (all at once, fixed tokens): a unit-wide window around it.
    domain = [lo - 0.5, hi + 0.5]
  } else {
    const d = scaleLinear().domain([lo, hi]).nice(count).domain()
    domain = [d[0]!, d[1]!]
  }
  const [a, b] = log ? [Math.log10(domain[0]), Math.log10(domain[1])] : domain
  const width = (b - a) / count
  const counts = Array.from({ length: count }, () => series.map(() => 0))
  series.forEach((s, k) => {
    for (const x of s) {
      if (!Number.isFinite(x)) continue
      const v = log ? Math.log10(Math.max(domain[0], x)) : x
      const i = Math.min(count - 1, Math.max(0, Math.floor((v - a) / width)))
      counts[i]![k]!++
    }
  })
  const edge = (i: number) => (log ? 10 ** (a + i * width) : a + i * width)
  return { scale: log ? 'log' : 'linear', domain, bins: counts.map((c, i) => ({ x0: edge(i), x1: edge(i + 1), counts: c })) }
}
