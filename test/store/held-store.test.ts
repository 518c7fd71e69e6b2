import { describe, expect, it } from 'vitest'
import { createAppStore, type AppState } from '../../src/store/app-store.ts'
import { heldStore } from '../../src/store/held-store.ts'

const moving = (s: AppState) => s.dragging

/** A held view whose settling the test fires by hand; `settles` counts those asked for, `cancels` those withdrawn. */
function setup() {
  const store = createAppStore()
  let pending: (() => void) | null = null
  const counts = { settles: 0, cancels: 0 }
  const held = heldStore(store, moving, (f) => {
    counts.settles += 1
    pending = f
    return () => {
      counts.cancels += 1
      if (pending === f) pending = null
    }
  })
  const close = held.open()
  const changes: [number | null, number | null][] = []
  held.store.subscribe((s, prev) => changes.push([prev.selectedTask, s.selectedTask]))
  const selected: [number | null, number | null][] = []
  held.store.subscribe((s) => s.selectedTask, (next, prev) => selected.push([prev, next]))
  const settle = () => {
    const f = pending
    pending = null
    f?.()
  }
  const actions = store.getState().actions
  return { store, held, close, changes, selected, settle, counts, actions, hasPending: () => pending !== null }
}

describe('heldStore', () => {
  it('follows every change while its part is on screen', () => {
    const { store, held, changes, selected, counts, actions } = setup()
    actions.setDragging(true)
    actions.select(3)
    actions.select(4)
    expect(held.store.getState()).toBe(store.getState())
    expect(changes).toEqual([[null, null], [null, 3], [3, 4]])
    expect(selected).toEqual([[null, 3], [3, 4]])
    expect(counts.settles).toBe(0)
  })

  it('off screen, holds from the first moving state and catches up in one change once the run is still', () => {
    const { store, held, changes, selected, settle, counts, actions, hasPending } = setup()
    actions.select(1)
    held.setOnScreen(false)
    const shown = held.store.getState()
    actions.setDragging(true)
    actions.select(2)
    actions.select(3)
    // The part never saw the drag begin: nothing passed on, the state it shows is the one before.
    expect(held.store.getState()).toBe(shown)
    expect(held.store.getState().dragging).toBe(false)
    expect(held.behind).toBe(true)
    expect(changes).toEqual([[null, 1]])
    // No settling while the run moves.
    expect(hasPending()).toBe(false)
    actions.setDragging(false)
    expect(counts.settles).toBe(1)
    expect(held.store.getState()).toBe(shown)
    settle()
    expect(held.behind).toBe(false)
    expect(held.store.getState()).toBe(store.getState())
    expect(changes).toEqual([[null, 1], [1, 3]])
    expect(selected).toEqual([[null, 1], [1, 3]])
  })

  it('off screen with the run still, passes a change on only when the changes have paused', () => {
    const { held, changes, settle, counts, actions } = setup()
    held.setOnScreen(false)
    actions.select(5)
    actions.select(6)
    // Each change asks again: the first settling is withdrawn.
    expect(counts).toEqual({ settles: 2, cancels: 1 })
    expect(changes).toEqual([])
    settle()
    expect(changes).toEqual([[null, 6]])
  })

  it('catches up at once when its part comes on screen, and withdraws the settling', () => {
    const { store, held, changes, counts, actions, hasPending } = setup()
    held.setOnScreen(false)
    actions.select(7)
    expect(hasPending()).toBe(true)
    held.setOnScreen(true)
    expect(hasPending()).toBe(false)
    expect(counts.cancels).toBe(1)
    expect(changes).toEqual([[null, 7]])
    actions.select(8)
    expect(held.store.getState()).toBe(store.getState())
    expect(changes).toEqual([[null, 7], [7, 8]])
  })

  it('stops following when closed, withdrawing a settling', () => {
    const { held, close, changes, counts, actions } = setup()
    held.setOnScreen(false)
    actions.select(9)
    close()
    expect(counts.cancels).toBe(1)
    // On screen again, it shows the state now, but closed it passes nothing more on.
    held.setOnScreen(true)
    expect(changes).toEqual([[null, 9]])
    actions.select(10)
    expect(changes).toEqual([[null, 9]])
    // Opened again (a strict-mode remount), it passes on what changed while closed, then follows.
    held.open()
    expect(changes).toEqual([[null, 9], [9, 10]])
    actions.select(11)
    expect(changes).toEqual([[null, 9], [9, 10], [10, 11]])
  })

  it('gives a selector subscriber its answer at once when asked, compared by the equality given', () => {
    const { held, actions } = setup()
    const seen: [number, number][] = []
    held.store.subscribe((s) => s.selectedTask ?? -1, (next, prev) => seen.push([prev, next]), { fireImmediately: true, equalityFn: (a, b) => a > 2 === b > 2 })
    actions.select(2)
    actions.select(3)
    expect(seen).toEqual([[-1, -1], [-1, 3]])
  })
})
