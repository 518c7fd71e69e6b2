import { BreakdownPanel } from './BreakdownPanel.tsx'
import { ClassroomControls } from './ClassroomControls.tsx'
import { DecisionLog } from './DecisionLog.tsx'
import { DivergencePanel } from './DivergencePanel.tsx'
import { GanttChart } from './GanttChart.tsx'
import { LessonPanel } from './LessonPanel.tsx'
import { LessonsDialog } from './LessonsDialog.tsx'
import { MetricCharts } from './MetricCharts.tsx'
import { NoticeBar } from './NoticeBar.tsx'
import { PlaybackBar } from './PlaybackBar.tsx'
import { PredictPanel } from './PredictPanel.tsx'
import { QueuePanel } from './QueuePanel.tsx'
import { ResultsTable } from './ResultsTable.tsx'
import { RunStatus } from './RunStatus.tsx'
import { ScenarioBar } from './ScenarioBar.tsx'
import { ScenarioEditor } from './ScenarioEditor.tsx'
import { ShortcutsDialog } from './ShortcutsDialog.tsx'
import { TeachBar } from './TeachBar.tsx'
import { useApp } from '../store/context.tsx'
import { selectPendingStep } from '../store/slices/teaching.ts'
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts'
import { usePendingCursor } from './use-pending-cursor.ts'
import { usePlaybackLoop } from './use-playback-loop.ts'

/** The queue at the cursor, except while a prediction asks what this step's decisions are. */
function QueueUnlessPending() {
  const pending = useApp(selectPendingStep) !== null
  if (!pending) return <QueuePanel />
  return (
    <>
      <h2 className="panel-title">Queue</h2>
      <p className="hint">Hidden until you answer the prediction above: it lists the waiting tasks, in arrival order.</p>
    </>
  )
}

export function App() {
  usePlaybackLoop()
  useKeyboardShortcuts()
  usePendingCursor()
  const presentation = useApp((s) => s.presentation)
  const inLesson = useApp((s) => s.lesson !== null)
  return (
    <div className={`app${presentation ? ' presentation' : ''}${inLesson ? ' in-lesson' : ''}`}>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">SchedScope</span>
          <span className="brand-tag">LLM inference scheduling, step by step</span>
        </div>
        <ClassroomControls />
        <ScenarioBar />
      </header>
      <div className="top-bars">
        <PlaybackBar />
        <TeachBar />
        <PredictPanel />
        <DivergencePanel />
        <NoticeBar />
        <RunStatus />
      </div>
      <main className="app-main">
        <LessonPanel />
        <section className="panel gantt-panel" aria-label="Gantt chart">
          <GanttChart />
        </section>
        <aside className="side">
          <section className="panel queue-panel" aria-label="Queue">
            <QueueUnlessPending />
          </section>
          <section className="panel decisions-panel" aria-label="Decisions">
            <DecisionLog />
          </section>
        </aside>
        <section className="panel metrics-panel" aria-label="Metrics">
          <MetricCharts />
          <ResultsTable />
          <BreakdownPanel />
        </section>
        {/* Presentation mode leaves the editor out: the projector shows the run and the lesson. */}
        {!presentation && (
          <section className="panel editor-panel" aria-label="Scenario editor" id="scenario-editor">
            <ScenarioEditor />
          </section>
        )}
      </main>
      <ShortcutsDialog />
      <LessonsDialog />
    </div>
  )
}
