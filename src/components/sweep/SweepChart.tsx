import { useLayoutEffect, useMemo, useRef } from 'react'
import { drawSweepChart } from '../../charts/sweep-chart.ts'
import { findSweepMetric } from '../../sweep/metrics.ts'
import { findSweepParam } from '../../sweep/params.ts'
import type { SweepResult } from '../../sweep/result.ts'
import { fmt3 } from '../format.ts'
import { useWidth } from '../use-width.ts'
import { fmtParamValue, sweepSeries } from './series.ts'

const HEIGHT = 340
/** Width before the first measurement (and in jsdom, which lays nothing out). */
const FALLBACK_WIDTH = 640

interface Props {
  readonly result: SweepResult
  readonly metric: string
  onPick(algorithm: string, point: number): void
}

/** The load–latency curves: each policy's metric against the parameter, the seeds' spread as a band. */
export function SweepChart({ result, metric, onPick }: Props) {
  const [box, width] = useWidth<HTMLDivElement>(FALLBACK_WIDTH)
  const svg = useRef<SVGSVGElement>(null)
  const series = useMemo(() => sweepSeries(result, metric), [result, metric])
  const m = findSweepMetric(metric)!
  const param = findSweepParam(result.definition.param)!
  const pick = useRef(onPick)
  useLayoutEffect(() => {
    pick.current = onPick
  }, [onPick])
  useLayoutEffect(() => {
    if (svg.current === null) return
    drawSweepChart(svg.current, {
      width,
      height: HEIGHT,
      xLabel: param.label,
      yLabel: m.label,
      series,
      onPick: (a, p) => pick.current(a, p),
      describe: (s, d) => `${s.key} at ${param.name} ${fmtParamValue(d.x)}: ${m.label} ${fmt3(d.mean ?? NaN)} (seeds ${fmt3(d.min ?? NaN)}–${fmt3(d.max ?? NaN)}). Click to open it in the simulator.`,
    })
  }, [width, series, m, param])
  return (
    <figure className="sweep-chart">
      <ul className="sweep-legend" aria-label="Policies">
        {series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.key}
          </li>
        ))}
        <li className="hint">line: mean over {result.definition.seeds} {result.definition.seeds === 1 ? 'seed' : 'seeds'}; band: smallest to largest seed</li>
      </ul>
      <div ref={box} className="sweep-svg-box">
        <svg ref={svg} role="img" aria-label={`Sweep chart: ${m.label} against ${param.label}`} />
      </div>
    </figure>
  )
}
