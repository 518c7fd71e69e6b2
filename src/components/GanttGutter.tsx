import type { RowLayout } from '../charts/gantt-layout.ts'

/** Node labels need two lines (name, GPU type); shorter nodes get the name only. */
const TWO_LINES_PX = 30

/**
 * The labels left of the focus view: each node's name and GPU type beside a bracket spanning
 * its rows, GPU numbers per row when rows are tall enough to read them, and the axis title.
 */
export function GanttGutter({ layout, widthPx, axisPx, gpuLabels }: { layout: RowLayout; widthPx: number; axisPx: number; gpuLabels: boolean }) {
  const bracketX = gpuLabels ? widthPx - 52 : widthPx - 8
  let namedTo = -Infinity
  return (
    <svg className="gantt-gutter" width={widthPx} height={layout.heightPx + axisPx} aria-hidden="true">
      {layout.nodes.map((band) => {
        const twoLines = band.heightPx >= TWO_LINES_PX
        // Bands too short for a label of their own (many small replicas) take turns: a band is
        // named only where the last name ended.
        const named = band.topPx >= namedTo
        if (named) namedTo = band.topPx + (twoLines ? 30 : 13)
        // A short replica band says its model and TP on its one line ("R0 Llama3-8B · TP 1").
        const oneLine = !twoLines && band.name.startsWith('Replica ') ? `R${band.name.slice(8)} ${band.gpu}` : band.name
        return (
          <g key={band.index} className="gantt-node-label">
            <title>{band.label}</title>
            {named && (
              <text x={0} y={band.topPx + Math.min(12, Math.max(9, band.heightPx - 1))} className={oneLine === band.name ? 'gantt-node-name' : 'gantt-node-name gantt-node-name-short'}>
                {twoLines ? band.name : oneLine}
              </text>
            )}
            {twoLines && (
              <text x={0} y={band.topPx + 27} className="gantt-node-gpu">
                {band.gpu}
              </text>
            )}
            <rect x={bracketX} y={band.topPx} width={3} height={band.heightPx} rx={1.5} className="gantt-node-bracket" />
            {gpuLabels &&
              band.gpus.map((g) => (
                <text key={g} x={widthPx - 6} y={layout.rowTop[g]! + layout.rowPx / 2} className="gantt-gpu-label">
                  {`GPU ${g}`}
                </text>
              ))}
          </g>
        )
      })}
      <text x={widthPx - 22} y={layout.heightPx + 17} className="gantt-axis-title">
        time (s)
      </text>
    </svg>
  )
}
