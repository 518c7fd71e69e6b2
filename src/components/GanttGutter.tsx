import type { RowLayout } from '../charts/gantt-layout.ts'

/** Node labels need two lines (name, GPU type); shorter nodes get the name only. */
const TWO_LINES_PX = 30

/**
 * The labels left of the focus view: each node's name and GPU type beside a bracket spanning
 * its rows, GPU numbers per row when rows are tall enough to read them, and the axis title.
 */
export function GanttGutter({ layout, widthPx, axisPx, gpuLabels }: { layout: RowLayout; widthPx: number; axisPx: number; gpuLabels: boolean }) {
  const bracketX = gpuLabels ? widthPx - 52 : widthPx - 8
  return (
    <svg className="gantt-gutter" width={widthPx} height={layout.heightPx + axisPx} aria-hidden="true">
      {layout.nodes.map((band) => {
        const twoLines = band.heightPx >= TWO_LINES_PX
        return (
          <g key={band.index} className="gantt-node-label">
            <title>{band.label}</title>
            <text x={0} y={band.topPx + 12} className="gantt-node-name">
              {`Node ${band.index}`}
            </text>
            {twoLines && (
              <text x={0} y={band.topPx + 27} className="gantt-node-gpu">
                {band.gpu}
              </text>
            )}
            <rect x={bracketX} y={band.topPx} width={3} height={band.heightPx} rx={1.5} className="gantt-node-bracket" />
            {gpuLabels &&
              Array.from({ length: band.count }, (_, k) => (
                <text key={k} x={widthPx - 6} y={layout.rowTop[band.first + k]! + layout.rowPx / 2} className="gantt-gpu-label">
                  {`GPU ${band.first + k}`}
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
