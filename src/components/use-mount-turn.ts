import { useEffect, useState, type ReactNode } from 'react'
import { useApp } from '../store/context.tsx'
import { selectPrepared } from '../store/selectors.ts'
import { inFrame } from '../timing/scheduler.ts'

/**
 * The serving views' turns after a run is prepared, one animation frame apart. Mounting them all
 * in the frame of the worker's `prepared` event made that one task of 51–69 ms of thread time on a
 * 10,000-request run (React's DOM, new canvases' backing stores, first draws: docs/performance.md,
 * "Seventh pass"); the Gantt goes at once, each other view in a frame of its own after it, the
 * KV panel's replicas in two (its 16 at once were a task of 58 ms thread time alone).
 */
export const MOUNT_TURNS = { gantt: 0, requests: 1, kv: 2, kvRest: 3, queue: 4, decisions: 5 } as const

let pending = 0

/** Turns asked for and not yet come: tests wait for none before reading the panels. */
export const mountTurnsPending = (): number => pending

/**
 * Whether the view whose turn is `turn` may show the run prepared now: at once with no run or at
 * turn 0, else from the `turn`-th animation frame after the run was prepared (or the view mounted).
 */
export function useMountTurn(turn: number): boolean {
  const prepared = useApp(selectPrepared)
  const [came, setCame] = useState<unknown>(null)
  useEffect(() => {
    if (prepared === null || turn === 0) return
    pending += 1
    let waiting = true
    const done = () => {
      if (!waiting) return
      waiting = false
      pending -= 1
    }
    const cancel = inFrame(turn, () => {
      done()
      setCame(prepared)
    })
    return () => {
      if (waiting) cancel()
      done()
    }
  }, [prepared, turn])
  return prepared === null || turn === 0 || came === prepared
}

/**
 * Mounts `children` at their turn and keeps them mounted from then on: for a view that keeps its
 * canvas from one run to the next (the request view), only its first mount waits.
 */
export function MountAtTurn({ turn, children }: { readonly turn: number; readonly children: ReactNode }): ReactNode {
  const ready = useMountTurn(turn)
  const [mounted, setMounted] = useState(ready)
  if (ready && !mounted) setMounted(true)
  return mounted || ready ? children : null
}
