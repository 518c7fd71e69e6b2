import type { AppState, AppStore } from './app-store.ts'

type Listener = (state: AppState, previous: AppState) => void

interface SubscribeOptions<U> {
  readonly equalityFn?: (a: U, b: U) => boolean
  readonly fireImmediately?: boolean
}

/** A view of the store for a part of the page, and what holds it. */
export interface HeldStore {
  readonly store: AppStore
  /** Follows the store until the returned function is called (a component's effect). */
  open(): () => void
  /** Whether the part is on screen: while it is, the view follows the store. */
  setOnScreen(onScreen: boolean): void
  /** Whether the view shows an older state than the store's. */
  readonly behind: boolean
}

type Cancel = () => void

/**
 * The store as a part of the page that nobody can see should read it. On screen, the view
 * follows the store. Off screen, a change is not passed on at once: `getState` gives the state
 * last passed on and no change reaches the part's subscribers (its React hooks and its canvases'
 * draw loops), so the part neither renders nor draws. The view catches up, in one change from
 * that state to the state now, when the part comes on screen, or `settle` after the last change
 * if the run is still then (not `moving`: while it moves, it waits for the run to stop). Actions
 * and undo are the store's own.
 */
export function heldStore(store: AppStore, moving: (s: AppState) => boolean, settle: (f: () => void) => Cancel): HeldStore {
  let onScreen = true
  let behind = false
  let settling: Cancel | null = null
  /** The state last passed on: what the part shows. */
  let shown = store.getState()
  const listeners = new Set<Listener>()
  const getState = () => (behind ? shown : store.getState())
  const passOn = (state: AppState) => {
    if (state === shown) return
    const previous = shown
    shown = state
    for (const l of [...listeners]) l(state, previous)
  }
  const stopSettling = () => {
    settling?.()
    settling = null
  }
  const catchUp = () => {
    stopSettling()
    behind = false
    passOn(store.getState())
  }
  // As zustand's subscribeWithSelector: a selector's answer is passed on only when it changes.
  function subscribe(listener: Listener): () => void
  function subscribe<U>(selector: (s: AppState) => U, listener: (slice: U, previous: U) => void, options?: SubscribeOptions<U>): () => void
  function subscribe<U>(first: Listener | ((s: AppState) => U), listener?: (slice: U, previous: U) => void, options?: SubscribeOptions<U>): () => void {
    let l = first as Listener
    if (listener !== undefined) {
      const selector = first as (s: AppState) => U
      const equal = options?.equalityFn ?? Object.is
      let current = selector(getState())
      if (options?.fireImmediately) listener(current, current)
      l = (state) => {
        const next = selector(state)
        if (equal(current, next)) return
        const previous = current
        current = next
        listener(next, previous)
      }
    }
    listeners.add(l)
    return () => {
      listeners.delete(l)
    }
  }
  return {
    store: { ...store, getState, subscribe } as AppStore,
    open() {
      // Whatever changed while nothing followed the store.
      if (!behind) passOn(store.getState())
      const unsubscribe = store.subscribe((state) => {
        if (onScreen) return passOn(state)
        behind = true
        stopSettling()
        if (!moving(state)) settling = settle(catchUp)
      })
      return () => {
        unsubscribe()
        stopSettling()
      }
    },
    setOnScreen(next) {
      onScreen = next
      if (next && behind) catchUp()
    },
    get behind() {
      return behind
    },
  }
}
