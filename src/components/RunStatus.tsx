import { useApp } from '../store/context.tsx'

/** A thin strip under the playback bar: progress while the worker runs, errors when it fails. */
export function RunStatus() {
  const status = useApp((s) => s.run.status)
  const progress = useApp((s) => s.run.progress)
  const error = useApp((s) => s.run.error)
  if (status === 'error') {
    return (
      <div className="run-status error" role="alert">
        Simulation failed: {error}
      </div>
    )
  }
  if (status !== 'running') return null
  return (
    <div className="run-status running" role="status">
      <span>Simulating…</span>
      <progress max={1} value={progress} aria-label="Simulation progress" />
      <span className="num">{Math.round(progress * 100)} %</span>
    </div>
  )
}
