import { SERVING_KINDS } from '../engine/segments.ts'
import type { TaskSpec } from '../engine/types.ts'
import { iterationAt, type ServingRunInfo } from '../run-view/serving.ts'
import { trackOf, type Timeline } from '../run-view/timeline.ts'

/** What a serving iteration's tooltip says: its replica, its batch and the tokens of each kind. */
export interface IterationBatch {
  readonly replica: number
  readonly model: string
  readonly tp: number
  /** The batch: request id, tokens computed, kind (0 prefill, 1 decode, 2 recompute). */
  readonly entries: readonly { readonly id: string; readonly tokens: number; readonly kind: number }[]
  readonly prefillTokens: number
  readonly decodeTokens: number
  readonly recomputeTokens: number
  readonly usedBlocks: number
  readonly blocks: number
}

/** Iteration segment `s` of replica `replica` as its tooltip tells it (undefined: not an iteration). */
export function iterationBatch(tl: Timeline, info: ServingRunInfo, replica: number, s: number, tasks: readonly TaskSpec[]): IterationBatch | undefined {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const r = info.replicas[replica]
  if (track === undefined || r === undefined || s >= tl.serving.entryCount.length) return undefined
  const it = iterationAt(tl, track, s, r.blocks)
  const sums = [0, 0, 0]
  const entries = it.requests.map((q, k) => {
    sums[it.kinds[k]!]! += it.tokens[k]!
    return { id: tasks[q]?.id ?? String(q), tokens: it.tokens[k]!, kind: it.kinds[k]! }
  })
  return { replica, model: info.models[r.model]!, tp: r.tp, entries, prefillTokens: sums[0]!, decodeTokens: sums[1]!, recomputeTokens: sums[2]!, usedBlocks: it.usedBlocks, blocks: r.blocks }
}
