import type { ColorClass } from '../charts/colors.ts'
import type { ColorBy } from '../store/app-store.ts'
import { ITERATION_COLORS } from '../charts/gantt-iterations.ts'

const COLOR_BY: readonly ColorBy[] = ['weight', 'model']

/** "Colour by: weight / model" and the colour of each class, as in the queue panel. */
export function GanttLegend({ colorBy, classes, onColorBy }: { colorBy: ColorBy; classes: readonly ColorClass[]; onColorBy: (c: ColorBy) => void }) {
  return (
    <div className="gantt-legend-row">
      <div className="gantt-segmented" role="group" aria-label="Colour by">
        <span className="gantt-segmented-label" aria-hidden="true">
          Colour by
        </span>
        {COLOR_BY.map((c) => (
          <button key={c} type="button" aria-pressed={colorBy === c} onClick={() => onColorBy(c)}>
            {c}
          </button>
        ))}
      </div>
      <ul className="gantt-legend" aria-label="Legend">
        {classes.map((c) => (
          <li key={c.label}>
            <span className="gantt-swatch" style={{ background: c.color }} aria-hidden="true" />
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * A serving run's legend: what an iteration's fill and height mean. Its tokens' kinds in
 * their colours, then the batch size as the bar's height (a number on bars wide enough).
 */
export function IterationLegend() {
  return (
    <ul className="gantt-legend" aria-label="Iteration fill">
      <li>
        <span className="gantt-swatch" style={{ background: ITERATION_COLORS.prefill }} aria-hidden="true" />
        prefill tokens
      </li>
      <li>
        <span className="gantt-swatch" style={{ background: ITERATION_COLORS.recompute }} aria-hidden="true" />
        recompute tokens
      </li>
      <li>
        <span className="gantt-swatch" style={{ background: ITERATION_COLORS.decode }} aria-hidden="true" />
        decode tokens
      </li>
      <li>
        <span className="gantt-swatch gantt-swatch-height" aria-hidden="true">
          <span style={{ background: ITERATION_COLORS.decode }} />
        </span>
        height: batch size (of the largest batch)
      </li>
    </ul>
  )
}
