import type { TaskSpec } from '../engine/types.ts'
import { fmt3, fmtTime } from './format.ts'
import type { IterationBatch } from './serving-batch.ts'

/** What the tooltip says about the task under the pointer (gathered when the hover starts). */
export interface GanttTip {
  readonly task: number
  readonly algorithm: string
  readonly spec: TaskSpec
  readonly startS: number
  /** NaN while the end is not known yet. */
  readonly finishS: number
  /** Whether the task is still running at the cursor. */
  readonly running: boolean
  readonly gpus: readonly number[]
  readonly node: number
  /** When the task completes (its last run's end), or null while that is unknown or hidden. */
  readonly completionS: number | null
  /** Pointer position inside the plot (px), and the plot's width to flip near the edge. */
  readonly x: number
  readonly y: number
  readonly plotWidthPx: number
  /** A serving replica's iteration: its batch (the tooltip then tells it instead of a task). */
  readonly batch?: IterationBatch
}

const KIND_NAMES = ['prefill', 'decode', 'recompute']
/** Batch entries listed in a tooltip; the rest are counted. */
const LISTED = 8

const TIP_WIDTH = 250

/** A task's details next to the pointer. Text only: task ids and models are user data. */
export function GanttTooltip({ tip }: { tip: GanttTip }) {
  const { spec } = tip
  const left = tip.x + 16 + TIP_WIDTH > tip.plotWidthPx ? Math.max(0, tip.x - 16 - TIP_WIDTH) : tip.x + 16
  const b = tip.batch
  if (b !== undefined)
    return (
      <div className="gantt-tooltip" role="tooltip" style={{ left, top: tip.y + 14, width: TIP_WIDTH }}>
        <div className="gantt-tooltip-title">{`Replica ${b.replica} iteration`}</div>
        <dl>
          <dt>Model</dt>
          <dd>{`${b.model} (TP ${b.tp})`}</dd>
          <dt>Time</dt>
          <dd className="num">{`${fmtTime(tip.startS)} – ${Number.isNaN(tip.finishS) ? '…' : fmtTime(tip.finishS)}`}</dd>
          <dt>Batch</dt>
          <dd className="num">{`${b.entries.length} requests`}</dd>
          <dt>Tokens</dt>
          <dd className="num">{`${b.prefillTokens} prefill · ${b.decodeTokens} decode${b.recomputeTokens > 0 ? ` · ${b.recomputeTokens} recompute` : ''}`}</dd>
          <dt>KV blocks</dt>
          <dd className="num">{`${b.usedBlocks} of ${b.blocks}`}</dd>
        </dl>
        <ul className="gantt-tooltip-batch">
          {b.entries.slice(0, LISTED).map((e, k) => (
            <li key={k} className="num">{`${e.id}: ${e.tokens} ${KIND_NAMES[e.kind]}`}</li>
          ))}
          {b.entries.length > LISTED && <li className="muted">{`and ${b.entries.length - LISTED} more`}</li>}
        </ul>
        <div className="gantt-tooltip-foot">{tip.algorithm}</div>
      </div>
    )
  return (
    <div className="gantt-tooltip" role="tooltip" style={{ left, top: tip.y + 14, width: TIP_WIDTH }}>
      <div className="gantt-tooltip-title">{spec.id}</div>
      <dl>
        <dt>Model</dt>
        <dd>{spec.model}</dd>
        <dt>Weight</dt>
        <dd className="num">{spec.weight}</dd>
        <dt>Tokens</dt>
        <dd className="num">
          {spec.tokens.toLocaleString('en')} {spec.phase}
        </dd>
        <dt>Arrival</dt>
        <dd className="num">{fmtTime(spec.arrivalS)}</dd>
        <dt>Start</dt>
        <dd className="num">
          {fmtTime(tip.startS)} <span className="muted">(waited {fmtTime(tip.startS - spec.arrivalS)})</span>
        </dd>
        <dt>End</dt>
        <dd className="num">
          {Number.isNaN(tip.finishS) ? 'not known yet' : fmtTime(tip.finishS)}
          {tip.running && <span className="muted"> (running)</span>}
        </dd>
        <dt>w × F</dt>
        <dd className="num" title="weight × (completion − arrival): the task's term in the weighted flow">
          {tip.completionS === null
            ? 'once it completes'
            : `${spec.weight} × (${fmtTime(tip.completionS)} − ${fmtTime(spec.arrivalS)}) = ${fmt3(spec.weight * (tip.completionS - spec.arrivalS))}`}
        </dd>
        <dt>GPUs</dt>
        <dd className="num">
          {tip.gpus.join(', ')} <span className="muted">(node {tip.node}, TP {tip.gpus.length})</span>
        </dd>
      </dl>
      <div className="gantt-tooltip-foot">{tip.algorithm} · click to select</div>
    </div>
  )
}
