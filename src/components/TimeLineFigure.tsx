import { useId, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react'
import { drawLineChart, drawLineChartCursor, type ChartLine, type LineChartData } from '../charts/line-chart.ts'
import { maxValue } from '../run-view/series.ts'
import { SameCurves } from './SameCurves.tsx'
import { useWidth } from './use-width.ts'

interface Props {
  readonly title: string
  /** What the curves mean, under the title. */
  readonly explain: string
  /** The drawing's accessible name. */
  readonly label: string
  /** One per algorithm, memoised by the caller: a new array redraws the whole chart. */
  readonly lines: readonly ChartLine[]
  /** Seconds; the same for every chart of a run (memoised by the caller). */
  readonly xDomain: readonly [number, number]
  /** Fixed top of the y axis (else the largest value of any line). */
  readonly yMax?: number
  readonly yLabel: string
  readonly yFormat?: (v: number) => string
  readonly yIntegers?: boolean
  readonly height: number
  /** Width before the first measurement (and in jsdom, which lays nothing out). */
  readonly fallbackWidth: number
  /** Starts the chart's clip-path ids, which must be unique in the document. */
  readonly idPrefix: string
  readonly cursorS: number
  readonly dimFuture: boolean
  /** The readout of line k at the cursor, after its colour swatch. */
  readout(line: ChartLine, k: number): ReactNode
}

/**
 * A chart of curves over time, one line per algorithm (charts/line-chart.ts), with the time
 * cursor, each line's value at it, and which curves coincide. The job modes' metric charts and
 * serving mode's time charts both draw through it.
 */
export function TimeLineFigure({ title, explain, label, lines, xDomain, yMax, yLabel, yFormat, yIntegers, height, fallbackWidth, idPrefix, cursorS, dimFuture, readout }: Props) {
  const titleId = useId()
  const id = `${idPrefix}${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const [boxRef, width] = useWidth<HTMLDivElement>(fallbackWidth)
  const svgRef = useRef<SVGSVGElement>(null)
  const cursorRef = useRef(cursorS)
  const data = useMemo(
    (): LineChartData => ({
      id,
      width,
      height,
      xDomain,
      yMax: yMax ?? maxValue(lines.map((l) => l.points)),
      xLabel: 'time (s)',
      yLabel,
      ...(yFormat && { yFormat }),
      ...(yIntegers && { yIntegers: true }),
      lines,
      cursorS: 0,
      future: dimFuture ? 'dimmed' : 'hidden',
    }),
    [id, width, height, xDomain, yMax, yLabel, yFormat, yIntegers, lines, dimFuture],
  )

  // The whole chart only when the curves, scales or size change; the cursor alone is cheap.
  useLayoutEffect(() => {
    if (svgRef.current !== null) drawLineChart(svgRef.current, { ...data, cursorS: cursorRef.current })
  }, [data])
  useLayoutEffect(() => {
    cursorRef.current = cursorS
    if (svgRef.current !== null) drawLineChartCursor(svgRef.current, { ...data, cursorS })
  }, [data, cursorS])

  return (
    <figure className="metric-chart" aria-labelledby={titleId}>
      <h3 className="metric-title" id={titleId}>
        {title}
      </h3>
      <p className="metric-explain">{explain}</p>
      <div className="metric-svg-box" ref={boxRef}>
        <svg ref={svgRef} role="img" aria-label={label} />
      </div>
      {/* One grid row for the readout and the note: the figure's subgrid has four rows. */}
      <div className="metric-foot">
        <ul className="metric-readout" aria-label={`${title} at the cursor`}>
          {lines.map((l, k) => (
            <li key={l.key}>
              <span className="metric-swatch" style={{ background: l.color }} aria-hidden="true" />
              {readout(l, k)}
            </li>
          ))}
        </ul>
        <SameCurves lines={lines} />
      </div>
    </figure>
  )
}
