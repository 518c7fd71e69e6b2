import { useEffect, useState } from 'react'
import { useApp } from '../store/context.tsx'
import { selectPrepared } from '../store/selectors.ts'
import { inFrame, type Cancel } from '../timing/scheduler.ts'

/**
 * The serving views' turns after a run is prepared, one animation frame apart. Mounting them all
 * in the frame of the worker's `prepared` event made that one task of 51–69 ms of thread time on a
 * 10,000-request run (React's DOM, new canvases' backing stores, first draws: docs/performance.md,
 * "Seventh pass"); the Gantt goes at once, each other view in a frame of its own after it, the
 * KV panel's replicas four to a frame (its 16 at once were a task of 58 ms thread time alone).
 * The request view and the KV replicas hold their places from the start (the request view
 * mounted, undrawn; the replicas as empty boxes), so the page does not move at each turn.
 * While turns are pending the app holds the simulation (main.tsx, the runner's `holdBatches`).
 */
/** Each view's turn: the Gantt, with none, goes in the frame of the `prepared` event. */
export const MOUNT_TURNS = { requests: 1, kv: 2, queue: 6, decisions: 7 } as const
/** The KV panel's turns, from MOUNT_TURNS.kv: its replicas mount a quarter at a time. */
export const KV_TURNS = 4

let pending = 0

/** Turns asked for and not yet come: tests wait for none before reading the panels. */
export const mountTurnsPending = (): number => pending

/**
 * How many of the turns `first` … `first + count - 1` (all at least 1) have come for the run
 * prepared now: all at once with no run, else turn k from the k-th animation frame after the run
 * was prepared (or the view mounted).
 */
export function useMountTurns(first: number, count: number): number {
  const prepared = useApp(selectPrepared)
  const [came, setCame] = useState<{ readonly run: unknown; readonly turns: number }>({ run: null, turns: 0 })
  useEffect(() => {
    if (prepared === null) return
    const cancels: Cancel[] = []
    for (let k = 0; k < count; k++) {
      pending += 1
      let waiting = true
      const done = () => {
        if (!waiting) return
        waiting = false
        pending -= 1
      }
      cancels.push(() => {
        if (waiting) cancel()
        done()
      })
      const cancel = inFrame(first + k, () => {
        done()
        setCame({ run: prepared, turns: k + 1 })
      })
    }
    return () => {
      for (const c of cancels) c()
    }
  }, [prepared, first, count])
  if (prepared === null) return count
  return came.run === prepared ? came.turns : 0
}

/**
 * Whether the view whose turn is `turn` may show the run prepared now: at once with no run, else
 * from the `turn`-th animation frame after the run was prepared (or the view mounted).
 */
export const useMountTurn = (turn: number): boolean => useMountTurns(turn, 1) === 1

/**
 * Whether turn `turn` has come for some run since the view mounted: false until the first run's
 * turn, then true from run to run (for a view that keeps its canvas, only its first draw waits).
 */
export function useTurnCame(turn: number): boolean {
  const ready = useMountTurn(turn)
  const [came, setCame] = useState(ready)
  if (ready && !came) setCame(true)
  return came || ready
}
