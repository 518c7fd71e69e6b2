/** An Int32Array that grows by doubling; `length` counts the values in use. */
export class GrowableInt32 {
  data: Int32Array
  length = 0

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity))
  }

  /** An empty list that starts out in `data` (not copied; at least one element long). */
  static over(data: Int32Array): GrowableInt32 {
    const g = new GrowableInt32(1)
    g.data = data
    return g
  }

  /**
   * Doubles the room ahead of need once over half of it is in use (see growAhead in
   * run-view/track.ts); returns the bytes allocated (0 if it did not grow).
   */
  growAhead(): number {
    if (2 * this.length <= this.data.length) return 0
    const next = new Int32Array(2 * this.data.length)
    next.set(this.data.subarray(0, this.length))
    this.data = next
    return next.byteLength
  }

  /** Makes room for `extra` more values without growing again. */
  reserve(extra: number): void {
    const need = this.length + extra
    if (need <= this.data.length) return
    let size = this.data.length
    while (size < need) size *= 2
    const next = new Int32Array(size)
    next.set(this.data.subarray(0, this.length))
    this.data = next
  }

  /** Appends all of `values` (one copy, not a push each). */
  append(values: Int32Array): void {
    this.reserve(values.length)
    this.data.set(values, this.length)
    this.length += values.length
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = x
  }

  /** A copy of the values in use (transferable). */
  toArray(): Int32Array {
    return this.data.slice(0, this.length)
  }

  clear(): void {
    this.length = 0
  }
}

/** A Float64Array that grows by doubling; `length` counts the values in use. */
export class GrowableFloat64 {
  data: Float64Array
  length = 0

  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(1, capacity))
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = x
  }

  /**
   * Doubles the room ahead of need once over half of it is in use (see growAhead in
   * run-view/track.ts); returns the bytes allocated (0 if it did not grow).
   */
  growAhead(): number {
    if (2 * this.length <= this.data.length) return 0
    const next = new Float64Array(2 * this.data.length)
    next.set(this.data.subarray(0, this.length))
    this.data = next
    return next.byteLength
  }

  /** Makes room for `extra` more values without growing again. */
  reserve(extra: number): void {
    const need = this.length + extra
    if (need <= this.data.length) return
    let size = this.data.length
    while (size < need) size *= 2
    const next = new Float64Array(size)
    next.set(this.data.subarray(0, this.length))
    this.data = next
  }

  /** Appends all of `values` (one copy, not a push each). */
  append(values: Float64Array): void {
    this.reserve(values.length)
    this.data.set(values, this.length)
    this.length += values.length
  }

  /** A copy of the values in use (transferable). */
  toArray(): Float64Array {
    return this.data.slice(0, this.length)
  }

  clear(): void {
    this.length = 0
  }
}
