import { useApp } from '../store/context.tsx'
import { selectActions } from '../store/selectors.ts'

/** The header's teaching entry points: the lesson index and presentation mode. */
export function ClassroomControls() {
  const presentation = useApp((s) => s.presentation)
  const a = useApp(selectActions)
  return (
    <div className="classroom">
      <button type="button" className="icon-button" onClick={() => a.setLessonsOpen(true)} aria-haspopup="dialog">
        Lessons
      </button>
      <label className="switch" title="Large type and a high-contrast, colour-blind-safe theme for a projector; Space, → and PageDown advance">
        <input type="checkbox" role="switch" checked={presentation} onChange={(e) => a.setPresentation(e.target.checked)} />
        Presentation
      </label>
    </div>
  )
}
