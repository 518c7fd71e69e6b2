import type { Mode } from '../engine/types.ts'

/** The cluster at a step as the queue panel and the Gantt's note read it. */
export interface ClusterAt {
  /** Free GPUs per node, in node order. */
  readonly freePerNode: readonly number[]
  readonly free: number
  /** Tasks holding GPUs. */
  readonly running: number
}

/** Free GPUs per node and running tasks from who holds each GPU (-1: idle). */
export function clusterAt(holders: Int32Array, nodes: readonly { readonly first: number; readonly count: number }[]): ClusterAt {
  const freePerNode = nodes.map((n) => {
    let free = 0
    for (let g = n.first; g < n.first + n.count; g++) if (holders[g] === -1) free++
    return free
  })
  const running = new Set<number>()
  for (const h of holders) if (h >= 0) running.add(h)
  return { freePerNode, free: freePerNode.reduce((a, b) => a + b, 0), running: running.size }
}

/** The reference's start budget in a step: ⌊free / 2⌋ − running (running tasks counted twice). */
export const referenceSlots = (c: ClusterAt) => Math.floor(c.free / 2) - c.running

export interface IdleContext {
  readonly mode: Mode
  readonly backfill: boolean
  readonly waiting: number
  /** The step is at or past the horizon: nothing starts any more. */
  readonly pastHorizon: boolean
  readonly maxTimeS: number
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * Why GPUs stand idle while tasks wait after a step's scheduling, in a sentence (null when
 * they do not): past the horizon nothing starts; the reference's slot count can forbid a start
 * with GPUs free; in exact mode no waiting task fits the free GPUs of any one node.
 */
export function idleReason(c: ClusterAt, ctx: IdleContext): string | null {
  if (ctx.waiting === 0 || c.free === 0) return null
  const head = `${plural(c.free, 'GPU', 'GPUs')} idle while ${plural(ctx.waiting, 'task waits', 'tasks wait')}`
  if (ctx.pastHorizon) return `${head}: past the max time of ${ctx.maxTimeS} s no task starts any more.`
  if (ctx.mode === 'reference') {
    return `${head}: the reference starts at most ⌊free / 2⌋ − running = ⌊${c.free} / 2⌋ − ${c.running} = ${referenceSlots(c)} tasks (it counts running tasks twice).`
  }
  const most = Math.max(...c.freePerNode)
  const rule = ctx.backfill ? 'none of them fits' : 'strict order: the next task does not fit, and none may pass it'
  return `${head}: ${rule} (a task needs all its GPUs in one node; at most ${most} are free in one).`
}
