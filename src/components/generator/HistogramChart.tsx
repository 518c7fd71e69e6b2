import { scaleLinear, scaleLog } from 'd3-scale'
import type { Histogram } from './bins.ts'

export interface Series {
  readonly label: string
  readonly color: string
}

interface Props {
  readonly histogram: Histogram
  readonly series: readonly Series[]
  readonly xLabel: string
  /** What the chart shows, for screen readers (the bars themselves are not read out). */
  readonly description: string
}

const W = 380
const H = 150
const M = { top: 14, right: 22, bottom: 34, left: 40 }

function fmtTick(x: number): string {
  const a = Math.abs(x)
  if (a >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`
  if (a >= 1e4) return `${Number((x / 1e3).toPrecision(3))}k`
  return String(Number(x.toPrecision(4)))
}

/** A stacked histogram: scales from d3-scale, bars and ticks as plain SVG from React. */
export function HistogramChart({ histogram, series, xLabel, description }: Props) {
  const { bins, domain } = histogram
  const x = histogram.scale === 'log' ? scaleLog().domain(domain).range([M.left, W - M.right]) : scaleLinear().domain(domain).range([M.left, W - M.right])
  const maxCount = Math.max(1, ...bins.map((b) => b.counts.reduce((s, c) => s + c, 0)))
  const y = scaleLinear().domain([0, maxCount]).nice(4).range([H - M.bottom, M.top])
  const xTicks = histogram.scale === 'log' ? x.ticks().filter((t) => Number.isInteger(Math.log10(t))) : x.ticks(5)
  const yTicks = y.ticks(3)
  return (
    <figure className="gen-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description}>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="gen-grid" />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="gen-tick">
              {fmtTick(t)}
            </text>
          </g>
        ))}
        {bins.map((b, i) => {
          let base = 0
          const x0 = x(b.x0) + 0.5
          const width = Math.max(1, x(b.x1) - x(b.x0) - 1)
          return (
            <g key={i}>
              {b.counts.map((c, k) => {
                if (c === 0) return null
                const top = y(base + c)
                const bottom = y(base)
                base += c
                return <rect key={k} x={x0} y={top} width={width} height={bottom - top} fill={series[k]?.color ?? '#6b7280'} />
              })}
            </g>
          )
        })}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="gen-axis" />
        {xTicks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor="middle" className="gen-tick">
            {fmtTick(t)}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="gen-axis-label">
          {xLabel}
          {histogram.scale === 'log' ? ' (log scale)' : ''}
        </text>
      </svg>
      {series.length > 1 && (
        <figcaption className="gen-legend">
          {series.map((s) => (
            <span key={s.label}>
              <span className="task-swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  )
}
