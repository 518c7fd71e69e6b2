import { useApp } from '../store/context.tsx'
import { selectRunStatus } from '../store/selectors.ts'

/** A thin strip under the playback bar: progress while the worker runs, errors when it fails. */
export function RunStatus() {
  const status = useApp(selectRunStatus)
  const progress = useApp((s) => s.run.progress)
  const error = useApp((s) => s.run.error)
  const cancel = useApp((s) => s.actions.cancelRun)
  if (status === 'error') {
    return (
      <div className="run-status error" role="alert">
        Simulation failed: {error}
      </div>
    )
  }
  if (status === 'cancelled') {
    return (
      <div className="run-status cancelled" role="status">
        Simulation cancelled; the schedule shown stops where it was. Change the scenario to run again.
      </div>
    )
  }
  if (status !== 'running') return null
  return (
    <div className="run-status running" role="status">
      <span>Simulating…</span>
      <progress max={1} value={progress} aria-label="Simulation progress" />
      <span className="num">{Math.round(progress * 100)} %</span>
      <button type="button" className="btn" onClick={cancel}>
        Cancel
      </button>
    </div>
  )
}
