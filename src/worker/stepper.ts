import type { Cluster } from '../engine/catalog/clusters.ts'
import type { Metrics } from '../engine/results.ts'
import type { SegmentKind } from '../engine/segments.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import type { SegmentBatch } from './recorder.ts'
import { timelineColumnBuffers, timelineColumns, type TimelineColumns } from '../run-view/timeline.ts'
import type { WorkerCommand, WorkerEvent } from './protocol.ts'

/** One algorithm's run as the handler drives it, whatever the mode. */
export interface Stepper {
  readonly algorithm: string
  readonly done: boolean
  /** Every step before this one is final (the run's end: Number.MAX_SAFE_INTEGER). */
  readonly step: number
  /** 0..1: how much of the run is done. */
  readonly progress: number
  /** Runs until every step before `step` is final, or the run is over. */
  advanceTo(step: number): void
  /** The segments since the last flush. */
  flush(): SegmentBatch
  /** Once done: the metrics every mode has, the steps the run covers, a serving run's own metrics. */
  result(): { readonly metrics: Metrics; readonly steps: number; readonly serving?: ServingMetrics }
}

/** A run started: what to tell the page first (with the buffers to transfer), and a stepper per algorithm. */
export interface StartedRun {
  readonly prepared: Extract<WorkerEvent, { type: 'prepared' }>
  readonly transfer: ArrayBuffer[]
  readonly steppers: readonly Stepper[]
}

/** What the prepared message of every mode starts with: the run, its algorithms and the cluster's nodes. */
export function preparedHead(cmd: Extract<WorkerCommand, { type: 'run' }>, taskCount: number, cluster: Cluster) {
  return {
    type: 'prepared',
    runId: cmd.runId,
    algorithms: cmd.algorithms,
    taskCount,
    gpuCount: cluster.gpus.length,
    nodes: cluster.nodes.map((node) => ({ first: node.gpuIndices[0]!, count: node.gpuIndices.length, gpu: node.gpu.label })),
  } as const
}

/**
 * The page's timeline of each algorithm, made here with room for the segments expected of each
 * kind (allocating them costs the page's thread a long task), and the buffers to move to the
 * page with them and with `arrays` (made for the message only: moved, not copied).
 */
export function pageTimelines(
  algorithms: readonly string[],
  taskCount: number,
  expected: Readonly<Record<SegmentKind, number>>,
  arrays: readonly ArrayBufferView[],
): { readonly columns: Record<string, TimelineColumns>; readonly transfer: ArrayBuffer[] } {
  const columns: Record<string, TimelineColumns> = {}
  for (const a of algorithms) columns[a] = timelineColumns(taskCount, expected)
  const transfer = [...arrays.map((a) => a.buffer as ArrayBuffer), ...Object.values(columns).flatMap(timelineColumnBuffers)]
  return { columns, transfer }
}
