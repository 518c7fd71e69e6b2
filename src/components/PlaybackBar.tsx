import { timeAt } from '../run-view/time.ts'
import { useApp } from '../store/context.tsx'
import { AUTO_PLAY_S, AUTO_SPEED, autoSpeed, SPEEDS } from '../store/defaults.ts'
import { fmtTime } from './format.ts'
import { Icon } from './Icon.tsx'
import { selectActions, selectEndStep, selectRunScenario } from '../store/selectors.ts'
import { selectResultsHidden } from '../store/slices/teaching.ts'

const speedLabel = (s: number) => (s === 0 ? '1 step / frame' : `${s}×`)

/** Transport controls and the shared time cursor. */
export function PlaybackBar() {
  const playing = useApp((s) => s.playing)
  const speed = useApp((s) => s.speed)
  const dimFuture = useApp((s) => s.dimFuture)
  const hidden = useApp(selectResultsHidden)
  const a = useApp(selectActions)
  // The auto speed follows the run's length (its end is not shown while results are hidden, but
  // a speed does not give it away to a class).
  const runS = useApp((s) => timeAt(s.run.scenario, s.run.endStep))
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <div className="transport">
        <button type="button" onClick={a.reset} aria-label="Reset" title="Reset (Home)">
          <Icon name="reset" />
          <span className="btn-label">Reset</span>
        </button>
        <button type="button" onClick={() => a.stepDecision(-1)} aria-label="Previous decision" title="Previous decision: the last step before this where the focused algorithm started a task (Shift + ←)">
          <Icon name="prevDecision" />
        </button>
        <button type="button" onClick={() => a.stepBy(-1)} aria-label="Step back" title="Step back (←)">
          <Icon name="back" />
          <span className="btn-label">Back</span>
        </button>
        <button type="button" className="primary" onClick={a.togglePlay} aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (Space)">
          <Icon name={playing ? 'pause' : 'play'} />
          <span className="btn-label">{playing ? 'Pause' : 'Play'}</span>
        </button>
        <button type="button" onClick={() => a.stepBy(1)} aria-label="Step forward" title="Step forward (→)">
          <span className="btn-label">Forward</span>
          <Icon name="forward" />
        </button>
        <button type="button" onClick={() => a.stepDecision(1)} aria-label="Next decision" title="Next decision: the next step where the focused algorithm starts a task (Shift + →)">
          <Icon name="nextDecision" />
        </button>
        <button type="button" onClick={a.runToEnd} aria-label="Run to end" title="Run to end (End)">
          <span className="btn-label">End</span>
          <Icon name="end" />
        </button>
      </div>
      <TimeSlider />
      <label className="field" title={`Simulated seconds per real second. Auto plays the whole run in about ${AUTO_PLAY_S} s: slower than real time for a short run.`}>
        Speed
        <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s === AUTO_SPEED ? `Auto (${speedLabel(autoSpeed(runS))}, run in ~${AUTO_PLAY_S} s)` : speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="check" title={hidden ? 'Hidden until the results are revealed' : undefined}>
        <input type="checkbox" checked={dimFuture && !hidden} disabled={hidden} onChange={(e) => a.setDimFuture(e.target.checked)} />
        Show future
      </label>
      <button type="button" className="btn" onClick={() => a.setShortcutsOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  )
}

/** The readout's widest form in a run, as a CSS width: its 16 px part, then its 13 px part. */
function readoutWidth(endStep: number, endS: number): string {
  const end = fmtTime(endS)
  const main = `t = ${end}`.length
  const of = ` / ${end} · step ${endStep}`.length
  return `calc(${main}ch + ${Math.ceil((of * 13) / 16)}ch)`
}

/** The cursor alone: the only part of the bar that changes on every step while scrubbing or playing. */
function TimeSlider() {
  const step = useApp((s) => s.step)
  const endStep = useApp(selectEndStep)
  // The run's end is its makespan: not shown while the results are hidden.
  const hidden = useApp(selectResultsHidden)
  const scenario = useApp(selectRunScenario)
  const setStep = useApp((s) => s.actions.setStep)
  const setDragging = useApp((s) => s.actions.setDragging)
  // The button may be let go anywhere on the page, not only over the slider, or never seen to
  // be let go when the window loses focus mid-drag.
  const startDrag = () => {
    setDragging(true)
    const ends = ['pointerup', 'pointercancel', 'blur'] as const
    const end = () => {
      setDragging(false)
      for (const type of ends) window.removeEventListener(type, end)
    }
    for (const type of ends) window.addEventListener(type, end)
  }
  return (
    <div className="time-slider">
      <input
        type="range"
        aria-label="Time"
        min={0}
        max={Math.max(endStep, 1)}
        step={1}
        value={step}
        aria-valuetext={`${fmtTime(timeAt(scenario, step))} (step ${step})`}
        onChange={(e) => setStep(Number(e.target.value))}
        onPointerDown={startDrag}
      />
      {/* As wide as it will get in this run (monospace digits), so neither the slider nor the
          controls after it move as the numbers grow, and nothing overlaps. */}
      <output className="time-readout num" aria-live="off" style={{ minWidth: readoutWidth(endStep, timeAt(scenario, endStep)) }}>
        t = {fmtTime(timeAt(scenario, step))}
        <span className="of">{hidden ? ` · step ${step}` : ` / ${fmtTime(timeAt(scenario, endStep))} · step ${step}`}</span>
      </output>
    </div>
  )
}
