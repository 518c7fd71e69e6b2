import { useEffect, useState } from 'react'
import { runSliced } from '../timing/scheduler.ts'

/** One algorithm's value, once computed. */
export interface PerAlgorithm<T> {
  readonly a: string
  readonly value: T
}

/**
 * A value per algorithm, computed in the page's idle time (timing/scheduler.ts), in the order
 * given, so that the frame that shows a run's end does not compute every algorithm's curves at
 * once (four serving runs of 10,000 requests: 2.5 s in one task). `compute` gives an
 * algorithm's value in steps (a generator that pauses between them, tens of ms each); a slice
 * runs steps until its deadline, at least one. Returns the values computed so far, in order (a
 * chart draws each as it is ready); null while `algorithms` is null (nothing to compute yet).
 * `compute` is the key: a new one (from useCallback, its inputs changed) drops what was
 * computed and starts over.
 */
export function useSlicedPerAlgorithm<T>(algorithms: readonly string[] | null, compute: (a: string) => Generator<void, T>): readonly PerAlgorithm<T>[] | null {
  const [done, setDone] = useState<{ readonly key: unknown; readonly values: readonly PerAlgorithm<T>[] }>({ key: null, values: [] })
  useEffect(() => {
    if (algorithms === null) return
    let next = 0
    let steps: Generator<void, T> | null = null
    return runSliced((deadline) => {
      for (;;) {
        const a = algorithms[next]
        if (a === undefined) return true
        steps ??= compute(a)
        const r = steps.next()
        if (r.done === true) {
          const value = r.value
          setDone((d) => ({ key: compute, values: d.key === compute ? [...d.values, { a, value }] : [{ a, value }] }))
          next += 1
          steps = null
        }
        if (performance.now() >= deadline) return next >= algorithms.length
      }
    })
  }, [algorithms, compute])
  if (algorithms === null) return null
  return done.key === compute ? done.values : []
}
