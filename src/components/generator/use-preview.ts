import { useEffect, useMemo, useState } from 'react'

/** Above this many tasks or requests the preview waits for "Generate": drawing it would stall typing. */
export const PREVIEW_MAX_TASKS = 200_000
const DEBOUNCE_MS = 200

/** The value, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(id)
  }, [value, ms])
  return settled
}

export interface Preview<V> {
  /** What the last good options generate; null before any, or above PREVIEW_MAX_TASKS. */
  readonly view: V | null
  /** The last good options ask for more than PREVIEW_MAX_TASKS. */
  readonly tooMany: boolean
  /** The form has problems or is still being typed: the view is of earlier options. */
  readonly stale: boolean
}

/**
 * A generator form's preview: `compute` (a stable function: the same call as "Generate") on
 * the last good options, debounced while the user types. `options` is null while the form
 * has problems; the last good preview stays, marked stale.
 */
export function usePreview<O extends { readonly count: number }, V>(options: O | null, compute: (options: O) => V): Preview<V> {
  const [lastGood, setLastGood] = useState(options)
  if (options !== null && options !== lastGood) setLastGood(options)
  const shown = useDebounced(lastGood, DEBOUNCE_MS)
  const tooMany = shown !== null && shown.count > PREVIEW_MAX_TASKS
  const view = useMemo(() => (shown === null || tooMany ? null : compute(shown)), [shown, tooMany, compute])
  return { view, tooMany, stale: options === null || options !== shown }
}
