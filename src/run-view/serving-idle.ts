import { SERVING_KINDS, WAITING } from '../engine/segments.ts'
import { replicaAt, type ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { coversStep, upperBound } from './track.ts'

/** Per model, the requests waiting at `step` (for the first time or again after a preemption). */
export function waitingByModel(tl: Timeline, info: Pick<ServingRunInfo, 'models' | 'requestModel'>, step: number): number[] {
  const out = info.models.map(() => 0)
  for (const kind of [WAITING, SERVING_KINDS.preempted]) {
    const track = trackOf(tl, kind)
    if (track === undefined) continue
    const end = upperBound(track.length, step, (s) => track.stepOpen[s]!)
    for (let s = 0; s < end; s++) {
      const m = info.requestModel[track.item[s]!]!
      if (m >= 0 && coversStep(track, s, step)) out[m]! += 1
    }
  }
  return out
}

const list = (xs: readonly (string | number)[]) => (xs.length <= 1 ? String(xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`)

/** "GPUs 1–7" or "GPU 3" (runs of neighbours joined). */
function gpuText(gpus: readonly number[]): string {
  const runs: string[] = []
  for (let k = 0; k < gpus.length; ) {
    let j = k
    while (j + 1 < gpus.length && gpus[j + 1] === gpus[j]! + 1) j++
    runs.push(j === k ? String(gpus[k]) : `${gpus[k]}–${gpus[j]}`)
    k = j + 1
  }
  return `${gpus.length === 1 ? 'GPU' : 'GPUs'} ${list(runs)}`
}

/**
 * Why GPUs stand idle in a serving run at `step`, in serving terms (null: none is idle): GPUs
 * that hold no replica have nothing to serve, and a replica idles when its model's queue is
 * empty (a waiting request of its model would be admitted at once). A replica idle while its
 * model's requests wait is between events of one instant, and said as such.
 */
export function servingIdleReason(tl: Timeline, info: ServingRunInfo, gpuCount: number, step: number): string | null {
  const held = new Uint8Array(gpuCount)
  for (const r of info.replicas) for (const g of r.gpus) held[g] = 1
  const unused: number[] = []
  held.forEach((h, g) => {
    if (h === 0) unused.push(g)
  })
  const waiting = waitingByModel(tl, info, step)
  const idleEmpty: number[] = []
  const idleWaiting: number[] = []
  info.replicas.forEach((r, k) => {
    if (replicaAt(tl, info, k, step).segment >= 0) return
    if (waiting[r.model] === 0) idleEmpty.push(k)
    else idleWaiting.push(k)
  })
  const sentences: string[] = []
  if (unused.length > 0) {
    const verb = unused.length === 1 ? 'holds' : 'hold'
    sentences.push(`${gpuText(unused)} ${verb} no replica: the deployments use ${gpuCount - unused.length} of ${gpuCount} GPUs, so no request can run there.`)
  }
  const modelsOf = (ks: readonly number[]) => list([...new Set(ks.map((k) => info.models[info.replicas[k]!.model]!))])
  if (idleEmpty.length > 0) {
    const one = idleEmpty.length === 1
    sentences.push(`${one ? 'Replica' : 'Replicas'} ${list(idleEmpty)} ${one ? 'is' : 'are'} idle: no ${modelsOf(idleEmpty)} request waits.`)
  }
  if (idleWaiting.length > 0) {
    const one = idleWaiting.length === 1
    sentences.push(`${one ? 'Replica' : 'Replicas'} ${list(idleWaiting)} ${one ? 'is' : 'are'} between iterations at this instant; ${modelsOf(idleWaiting)} requests wait.`)
  }
  return sentences.length === 0 ? null : sentences.join(' ')
}
