import type { ReactNode } from 'react'

/** One algorithm's row: its name, its colour and its numbers. */
export interface AlgorithmRow<M> {
  readonly a: string
  readonly color: string
  readonly m: M
}

/** The rows of the algorithms that have numbers, in the registry's order (the charts' and the algorithm list's). */
export function rowsOf<M>(registered: readonly { readonly name: string; readonly color: string }[], metrics: Readonly<Record<string, M>>): AlgorithmRow<M>[] {
  return registered.flatMap(({ name: a, color }) => (metrics[a] === undefined ? [] : [{ a, color, m: metrics[a] }]))
}

/** The algorithm(s) with the best value, or none when all are equal or there is one row. */
export function bestOf<M>(rows: readonly AlgorithmRow<M>[], value: (m: M) => number, better: 'lower' | 'higher' | undefined): Set<string> {
  if (better === undefined || rows.length < 2) return new Set()
  const values = rows.map((r) => value(r.m))
  const best = better === 'lower' ? Math.min(...values) : Math.max(...values)
  if (values.every((v) => v === best)) return new Set()
  return new Set(rows.filter((_, k) => values[k] === best).map((r) => r.a))
}

interface Props<M> {
  /** The id of the element that names the table. */
  readonly labelledBy: string
  /** The header cells after "Algorithm". */
  readonly head: ReactNode
  readonly rows: readonly AlgorithmRow<M>[]
  /** A row's cells after the algorithm's name. */
  cells(row: AlgorithmRow<M>): ReactNode
}

/** A results table: one row per algorithm, its name marked with its colour, then its numbers. */
export function AlgorithmTable<M>({ labelledBy, head, rows, cells }: Props<M>) {
  return (
    <div className="results-scroll">
      <table className="results-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col" title="Scheduling algorithm">
              Algorithm
            </th>
            {head}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.a}>
              <td className="algo-cell" style={{ borderLeftColor: row.color }}>
                {row.a}
              </td>
              {cells(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
