import type { ColorClass } from '../charts/colors.ts'
import type { ColorBy } from '../store/app-store.ts'

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
