import { useEffect, useState, type Dispatch, type SetStateAction } from 'react'
import type { AppStore } from '../store/app-store.ts'
import { useAppStore } from '../store/context.tsx'

/** A place to keep one component's state per store. */
export type KeptSlot<T> = WeakMap<AppStore, T>

export const createKeptSlot = <T,>(): KeptSlot<T> => new WeakMap<AppStore, T>()

/**
 * useState that outlives the component: the editor's tabs unmount it, and what the user typed
 * (drafts, a generator form, a sort) must still be there on coming back. Kept per store, so
 * tests and separate apps do not share it; it is UI state, not part of undo or the share link.
 */
export function useKeptState<T>(slot: KeptSlot<T>, initial: () => T): [T, Dispatch<SetStateAction<T>>] {
  const store = useAppStore()
  const [value, setValue] = useState<T>(() => (slot.has(store) ? slot.get(store)! : initial()))
  useEffect(() => {
    slot.set(store, value)
  }, [slot, store, value])
  return [value, setValue]
}
