/**
 * Zeroed memory made ahead elsewhere (another thread, so that touching it the first time costs
 * this one nothing): `bytes` of it for the array `owner` to move into, or undefined while none
 * is ready (asking for it then).
 */
export type TakeZeroed = (owner: object, bytes: number) => ArrayBuffer | undefined

/**
 * A typed array that grows by doubling; `length` counts the values in use. Each kind's `push`
 * is its own (the loop's hottest call stays monomorphic); the rest is shared.
 */
abstract class Growable<A extends Int32Array | Float64Array> {
  data: A
  length = 0

  constructor(capacity: number) {
    this.data = this.allocate(Math.max(1, capacity))
  }

  /** A zeroed array of `size` values of this kind. */
  protected abstract allocate(size: number): A

  /** An array of this kind over all of `buffer`. */
  protected abstract view(buffer: ArrayBuffer): A

  /** Moves the values in use to a new array of `size` values (at least `length`). */
  protected resize(size: number): void {
    this.moveTo(this.allocate(size))
  }

  private moveTo(next: A): void {
    next.set(this.data.subarray(0, this.length))
    this.data = next
  }

  /**
   * Doubles the room ahead of need once over half of it is in use (see growAhead in
   * run-view/track.ts), into memory from `take` if given (not growing while it has none ready);
   * returns the bytes of the new array (0 if it did not grow).
   */
  growAhead(take?: TakeZeroed): number {
    if (2 * this.length <= this.data.length) return 0
    const bytes = 2 * this.data.byteLength
    if (take === undefined) this.resize(2 * this.data.length)
    else {
      const buffer = take(this.data, bytes)
      if (buffer === undefined) return 0
      this.moveTo(this.view(buffer))
    }
    return bytes
  }

  /** Makes room for `extra` more values without growing again. */
  reserve(extra: number): void {
    const need = this.length + extra
    if (need <= this.data.length) return
    let size = this.data.length
    while (size < need) size *= 2
    this.resize(size)
  }

  /** Appends all of `values` (one copy, not a push each). */
  append(values: A): void {
    this.reserve(values.length)
    this.data.set(values, this.length)
    this.length += values.length
  }

  /** The values in use, as a view of the array (not a copy: valid until the next push or clear). */
  used(): A {
    return this.data.subarray(0, this.length) as A
  }

  /** A copy of the values in use (transferable). */
  toArray(): A {
    return this.data.slice(0, this.length) as A
  }

  clear(): void {
    this.length = 0
  }
}

/** An Int32Array that grows by doubling; `length` counts the values in use. */
export class GrowableInt32 extends Growable<Int32Array> {
  constructor(capacity = 64) {
    super(capacity)
  }

  /** An empty list that starts out in `data` (not copied; at least one element long). */
  static over(data: Int32Array): GrowableInt32 {
    const g = new GrowableInt32(1)
    g.data = data
    return g
  }

  protected allocate(size: number): Int32Array {
    return new Int32Array(size)
  }

  protected view(buffer: ArrayBuffer): Int32Array {
    return new Int32Array(buffer)
  }

  push(x: number): void {
    if (this.length === this.data.length) this.resize(2 * this.data.length)
    this.data[this.length++] = x
  }
}

/** A Float64Array that grows by doubling; `length` counts the values in use. */
export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(capacity = 64) {
    super(capacity)
  }

  protected allocate(size: number): Float64Array {
    return new Float64Array(size)
  }

  protected view(buffer: ArrayBuffer): Float64Array {
    return new Float64Array(buffer)
  }

  push(x: number): void {
    if (this.length === this.data.length) this.resize(2 * this.data.length)
    this.data[this.length++] = x
  }
}
