import { useMemo } from 'react'
import { sameSeriesGroups, type StepSeries } from '../run-view/series.ts'
import { listNames } from './format.ts'

/** Identical curves lie on one another (drawn nested, the first widest): says which do. */
export function SameCurves({ lines }: { lines: readonly { readonly key: string; readonly points: StepSeries }[] }) {
  const same = useMemo(() => sameSeriesGroups(lines), [lines])
  return same.map((keys) => (
    <p key={keys[0]} className="metric-same">
      Same curve: {listNames(keys)}.
    </p>
  ))
}
