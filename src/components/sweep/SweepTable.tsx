import { findSweepMetric } from '../../sweep/metrics.ts'
import { findSweepParam } from '../../sweep/params.ts'
import { summaryOf, type SweepResult } from '../../sweep/result.ts'
import { fmt3 } from '../format.ts'
import { fmtParamValue } from './series.ts'

interface Props {
  readonly result: SweepResult
  readonly metric: string
  onOpen(point: number): void
}

/** The chart's numbers: a row per point, per policy the mean over seeds and the smallest–largest seed. */
export function SweepTable({ result, metric, onOpen }: Props) {
  const d = result.definition
  const param = findSweepParam(d.param)!
  const m = findSweepMetric(metric)!
  const showLoad = d.param !== 'utilization' && result.points.some((p) => p.offeredLoad !== null)
  return (
    <div className="sweep-table-box">
      <table className="sweep-table" aria-label="Sweep results">
        <caption>
          {m.label}: mean over {d.seeds} {d.seeds === 1 ? 'seed' : 'seeds'}
          {d.seeds > 1 ? ' (smallest–largest)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{param.label}</th>
            {showLoad && <th scope="col">Offered load</th>}
            {d.algorithms.map((a) => (
              <th key={a} scope="col">
                {a}
              </th>
            ))}
            <th scope="col" className="sweep-open-cell">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {result.points.map((p) => (
            <tr key={p.index}>
              <th scope="row" className="num">
                {fmtParamValue(p.value)}
              </th>
              {showLoad && <td className="num">{p.offeredLoad === null ? '—' : p.offeredLoad.toFixed(2)}</td>}
              {d.algorithms.map((a) => {
                const s = summaryOf(result, p.index, a, metric)
                return (
                  <td key={a} className="num">
                    {s === undefined || s.mean === null ? (
                      '—'
                    ) : (
                      <>
                        <span className="sweep-mean">{fmt3(s.mean)}</span>
                        {s.n > 1 && <span className="sweep-spread">
                            <span className="visually-hidden">seeds </span>
                            {fmt3(s.min!)}–{fmt3(s.max!)}
                          </span>}
                      </>
                    )}
                  </td>
                )
              })}
              <td className="sweep-open-cell">
                <button type="button" className="btn sweep-open" aria-label={`Open ${param.name} ${fmtParamValue(p.value)} in the simulator`} onClick={() => onOpen(p.index)}>
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
