import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'
import type { AppState } from '../store/app-store.ts'
import { useAppStore } from '../store/context.tsx'
import { inFrame, type Cancel } from '../timing/scheduler.ts'
import { SPLIT_FRAME_TASKS } from './use-shown-step.ts'

/**
 * What `select` reads from the store, for a view that may follow the Gantt by a frame: in a run
 * of SPLIT_FRAME_TASKS or more, a change is taken in the next frame (the frame that publishes a
 * streamed batch, or shows the run's end, draws every Gantt view of the run; the KV panel's
 * replicas and the request view drawn in it too made it one of the page's longest); at once in
 * smaller runs. `equal` compares two readings (shallow arrays, say).
 */
export function useAfterPublish<T>(select: (s: AppState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const store = useAppStore()
  const [value, setValue] = useState(() => select(store.getState()))
  useEffect(() => {
    let cancel: Cancel | null = null
    const take = () => {
      cancel = null
      const next = select(store.getState())
      setValue((v) => (equal(v, next) ? v : next))
    }
    const unsubscribe = store.subscribe(select, () => {
      if (store.getState().run.scenario.tasks.length < SPLIT_FRAME_TASKS) take()
      // Rendered within that frame's callbacks (a plain update would wait for a later task).
      else cancel ??= inFrame(1, () => flushSync(take))
    }, { equalityFn: equal })
    take()
    return () => {
      unsubscribe()
      cancel?.()
    }
    // The selector and comparison are fixed for a view's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store])
  return value
}

/**
 * Whether a change of a drawing's inputs (compared by position) is a publication's alone, for a
 * view that draws it a frame late like the above: in a run of SPLIT_FRAME_TASKS tasks or more,
 * with no input changed but those at the positions `published`. A cursor, a window or a pick
 * is drawn at once.
 */
export function publishedAlone(next: readonly unknown[], prev: readonly unknown[], taskCount: number, published: readonly number[]): boolean {
  return taskCount >= SPLIT_FRAME_TASKS && next.every((x, k) => published.includes(k) || Object.is(x, prev[k]))
}
