import { KeyedHeap } from '../heap.ts'

/**
 * One model's waiting queue, in a policy's order: smallest rank first, ties to queue order.
 * `rankAt(id, nowS)` gives a request's rank at a time.
 */
export interface RequestQueue {
  readonly size: number
  push(id: number, nowS: number): void
  /** The head at `nowS`, or -1 when empty. */
  peek(nowS: number): number
  /** Removes the head at `nowS` (after peek). */
  pop(nowS: number): number
}

/**
 * A static key (the four policies): a request's rank is read once, when it joins the queue,
 * since nothing it reads changes while it waits (docs/serving.md "Order": only running
 * requests' keys change). A heap keyed by rank, then queue order.
 */
export function createHeapQueue(rank: Float64Array, order: Int32Array, rankAt: (id: number, nowS: number) => number): RequestQueue {
  const heap = new KeyedHeap(rank, order)
  return {
    get size() {
      return heap.size
    },
    push(id, nowS) {
      rank[id] = rankAt(id, nowS)
      heap.push(id)
    },
    peek: () => heap.peek(),
    pop: () => heap.pop(),
  }
}

/**
 * A key that moves while requests wait (it reads `waited` or `now`): every look at the head
 * ranks the waiting requests afresh at that time, O(queue), as the job loop's scan queue does.
 */
export function createScanQueue(order: Int32Array, rankAt: (id: number, nowS: number) => number): RequestQueue {
  const waiting: number[] = []
  let best = -1
  let bestAt = NaN
  const find = (nowS: number): number => {
    if (bestAt === nowS && best >= 0) return best
    best = -1
    let bestRank = Infinity
    for (let k = 0; k < waiting.length; k++) {
      const id = waiting[k]!
      const r = rankAt(id, nowS)
      if (best < 0 || r < bestRank || (r === bestRank && order[id]! < order[waiting[best]!]!)) {
        best = k
        bestRank = r
      }
    }
    bestAt = nowS
    return best
  }
  return {
    get size() {
      return waiting.length
    },
    push(id) {
      waiting.push(id)
      best = -1
    },
    peek(nowS) {
      const k = find(nowS)
      return k < 0 ? -1 : waiting[k]!
    },
    pop(nowS) {
      const k = find(nowS)
      const id = waiting[k]!
      waiting[k] = waiting[waiting.length - 1]!
      waiting.pop()
      best = -1
      return id
    },
  }
}
