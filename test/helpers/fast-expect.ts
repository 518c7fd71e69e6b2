// vitest's `expect` costs microseconds a call, and its deep equality more per element: the
// property tests that check a run's whole state after every batch, step, event or pixel spent
// seconds of the unit suite in it (docs/performance.md, "The unit suite"). These decide the
// common case, a pass, in plain JavaScript; anything else goes to vitest's own matcher, which
// fails with its usual message (or passes, where vitest is looser than the plain check).

import { isDeepStrictEqual } from 'node:util'
import { expect } from 'vitest'

/** `expect(actual).toEqual(expected)`, fast when they are equal. */
export function expectEqual<T>(actual: T, expected: T, message?: string): void {
  // Strictly equal (same prototypes, same -0 and NaN, no missing keys) implies toEqual passes.
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected)
}

const bothNumbers = (a: unknown, b: unknown): a is number => typeof a === 'number' && typeof b === 'number'

/** The matchers the hot loops use, as `expect(actual, message)` has them. */
export function fastExpect<T>(actual: T, message?: string) {
  const slow = () => expect(actual, message)
  return {
    toBe(expected: T): void {
      if (!Object.is(actual, expected)) slow().toBe(expected)
    },
    toBeNull(): void {
      if (actual !== null) slow().toBeNull()
    },
    toEqual(expected: T): void {
      expectEqual(actual, expected, message)
    },
    toBeLessThan(n: number): void {
      if (!(bothNumbers(actual, n) && actual < n)) slow().toBeLessThan(n)
    },
    toBeLessThanOrEqual(n: number): void {
      if (!(bothNumbers(actual, n) && actual <= n)) slow().toBeLessThanOrEqual(n)
    },
    toBeGreaterThan(n: number): void {
      if (!(bothNumbers(actual, n) && actual > n)) slow().toBeGreaterThan(n)
    },
    toBeGreaterThanOrEqual(n: number): void {
      if (!(bothNumbers(actual, n) && actual >= n)) slow().toBeGreaterThanOrEqual(n)
    },
    toContain(item: unknown): void {
      // vitest finds an array's item by ===, a string's by substring.
      const found = Array.isArray(actual) ? actual.indexOf(item) !== -1 : typeof actual === 'string' && typeof item === 'string' && actual.includes(item)
      if (!found) slow().toContain(item)
    },
    toHaveLength(n: number): void {
      const length = (actual as { length?: unknown } | null | undefined)?.length
      if (!(typeof actual !== 'function' && length === n)) slow().toHaveLength(n)
    },
  }
}
