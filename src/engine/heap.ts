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

/**
 * A binary min-heap of task ids ordered by two columns: `primary` (smaller first), then
 * `secondary`. The loop's heaps all order this way (queue: rank then queue order; running:
 * finish time then index), and reading two typed arrays in place of calling a comparator keeps
 * the sift loops monomorphic and allocation-free.
 */
export class KeyedHeap {
  private items: Int32Array
  private count = 0
  private readonly primary: Float64Array
  private readonly secondary: Int32Array

  constructor(primary: Float64Array, secondary: Int32Array, capacity = 16) {
    this.primary = primary
    this.secondary = secondary
    this.items = new Int32Array(Math.max(1, capacity))
  }

  get size(): number {
    return this.count
  }

  /** The smallest id, or -1 when empty. */
  peek(): number {
    return this.count > 0 ? this.items[0]! : -1
  }

  push(id: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(this.items.length * 2)
      grown.set(this.items)
      this.items = grown
    }
    const items = this.items
    const pk = this.primary
    const sk = this.secondary
    const k = pk[id]!
    const s = sk[id]!
    let i = this.count++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent]!
      const kp = pk[p]!
      if (!(k < kp || (k === kp && s < sk[p]!))) break
      items[i] = p
      i = parent
    }
    items[i] = id
  }

  /** Removes and returns the smallest id, or -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1
    const items = this.items
    const top = items[0]!
    const last = items[--this.count]!
    if (this.count > 0) this.siftDown(last)
    return top
  }

  /** Ids in heap order (not sorted); for snapshots and tests. */
  toArray(): number[] {
    return Array.from(this.items.subarray(0, this.count))
  }

  private siftDown(id: number): void {
    const items = this.items
    const pk = this.primary
    const sk = this.secondary
    const n = this.count
    const k = pk[id]!
    const s = sk[id]!
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= n) break
      const right = child + 1
      if (right < n) {
        const r = items[right]!
        const l = items[child]!
        const kr = pk[r]!
        const kl = pk[l]!
        if (kr < kl || (kr === kl && sk[r]! < sk[l]!)) child = right
      }
      const c = items[child]!
      const kc = pk[c]!
      if (!(kc < k || (kc === k && sk[c]! < s))) break
      items[i] = c
      i = child
    }
    items[i] = id
  }
}
