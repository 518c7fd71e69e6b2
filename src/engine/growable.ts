/** An Int32Array that grows by doubling; `length` counts the values in use. */
export class GrowableInt32 {
  data: Int32Array
  length = 0

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity))
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
