/**
 * A binary min-heap of integer ids ordered by `less`. Ids are task indices, so the heap
 * stores numbers only and the ordering lives in the caller's columns.
 */
export class IndexHeap {
  private items: number[] = []
  private readonly less: (a: number, b: number) => boolean

  constructor(less: (a: number, b: number) => boolean) {
    this.less = less
  }

  get size(): number {
    return this.items.length
  }

  /** The smallest id, or -1 when empty. */
  peek(): number {
    return this.items.length > 0 ? this.items[0]! : -1
  }

  push(id: number): void {
    const items = this.items
    let i = items.length
    items.push(id)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent]!
      if (!this.less(id, p)) break
      items[i] = p
      i = parent
    }
    items[i] = id
  }

  /** Removes and returns the smallest id, or -1 when empty. */
  pop(): number {
    const items = this.items
    if (items.length === 0) return -1
    const top = items[0]!
    const last = items.pop()!
    if (items.length > 0) this.siftDown(last)
    return top
  }

  /** Ids in heap order (not sorted); for snapshots and tests. */
  toArray(): number[] {
    return this.items.slice()
  }

  private siftDown(id: number): void {
    const items = this.items
    const n = items.length
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= n) break
      const right = child + 1
      if (right < n && this.less(items[right]!, items[child]!)) child = right
      const c = items[child]!
      if (!this.less(c, id)) break
      items[i] = c
      i = child
    }
    items[i] = id
  }
}
