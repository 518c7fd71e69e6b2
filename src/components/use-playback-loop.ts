import { useEffect } from 'react'
import { useAppStore } from '../store/context.tsx'
import { frameLoop, type Cancel } from '../timing/scheduler.ts'
import { playSpeed } from '../store/defaults.ts'
import { timeAt } from '../run-view/time.ts'

/**
 * Advances the time cursor while playing, outside React: one animation frame at a time, by
 * `speed` simulated seconds per real second (or one step per frame at speed 0). It waits at the
 * edge of what the worker has streamed so far and stops at the end of a finished run.
 */
export function usePlaybackLoop(): void {
  const store = useAppStore()
  useEffect(() => {
    let stop: Cancel = () => {}
    const unsubscribe = store.subscribe(
      (s) => s.playing,
      (playing) => {
        if (!playing) return
        stop()
        let last: number | null = null
        let carry = 0
        stop = frameLoop((now) => {
          const s = store.getState()
          if (!s.playing) return false
          const elapsedS = last === null ? 0 : Math.min(0.1, (now - last) / 1000)
          last = now
          const speed = playSpeed(s.speed, timeAt(s.run.scenario, s.run.endStep))
          const steps = speed === 0 ? 1 : (elapsedS * speed) / s.run.scenario.dtS + carry
          const whole = Math.floor(steps)
          carry = speed === 0 ? 0 : steps - whole
          const end = s.run.endStep
          const next = Math.min(s.step + whole, end)
          if (next !== s.step) store.setState({ step: next })
          if (next >= end && s.run.status === 'done') store.setState({ playing: false })
          return true
        })
      },
      { fireImmediately: true },
    )
    return () => {
      unsubscribe()
      stop()
    }
  }, [store])
}
