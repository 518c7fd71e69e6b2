/** A Float64Array that grows by doubling; `length` counts the values in use (cf. ../growable.ts). */
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

  /** Appends all of `values` with one copy. */
  append(values: Float64Array): void {
    while (this.length + values.length > this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data.subarray(0, this.length))
      this.data = next
    }
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
