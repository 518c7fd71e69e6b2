import { useEffect, useRef } from 'react'
import { useAppStore } from '../store/context.tsx'
import { DecisionLog } from './DecisionLog.tsx'
import { GanttChart } from './GanttChart.tsx'
import { ImportProblemDialog } from './ImportProblemDialog.tsx'
import { MetricCharts } from './MetricCharts.tsx'
import { NoticeBar } from './NoticeBar.tsx'
import { PlaybackBar } from './PlaybackBar.tsx'
import { QueuePanel } from './QueuePanel.tsx'
import { ResultsTable } from './ResultsTable.tsx'
import { RunStatus } from './RunStatus.tsx'
import { ScenarioBar } from './ScenarioBar.tsx'
import { ScenarioEditor } from './ScenarioEditor.tsx'
import { ShortcutsDialog } from './ShortcutsDialog.tsx'
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts'
import { usePlaybackLoop } from './use-playback-loop.ts'

export function App() {
  usePlaybackLoop()
  useKeyboardShortcuts()
  const ref = usePlayingClass()
  return (
    <div className="app" ref={ref}>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1 className="brand-name">SchedScope</h1>
          <span className="brand-tag">LLM inference scheduling, step by step</span>
        </div>
        <ScenarioBar />
      </header>
      {/* A landmark of its own: the playback controls and the run's status are not the header. */}
      <section className="top-bars" aria-label="Playback">
        <PlaybackBar />
        <NoticeBar />
        <RunStatus />
      </section>
      <main className="app-main">
        <section className="panel gantt-panel" aria-label="Gantt chart">
          <GanttChart />
        </section>
        <aside className="side">
          <section className="panel queue-panel" aria-label="Queue">
            <QueuePanel />
          </section>
          <section className="panel decisions-panel" aria-label="Decisions">
            <DecisionLog />
          </section>
        </aside>
        <section className="panel metrics-panel" aria-label="Metrics">
          <MetricCharts />
          <ResultsTable />
        </section>
        <section className="panel editor-panel" aria-label="Scenario editor" id="scenario-editor">
          <ScenarioEditor />
        </section>
      </main>
      <ShortcutsDialog />
      <ImportProblemDialog />
    </div>
  )
}

/**
 * Marks the page `playing` while the cursor plays, without re-rendering: the panels below the
 * fold skip their layout and paint only then (styles.css), so a paused page is whole in a
 * full-page capture or a print.
 */
function usePlayingClass() {
  const store = useAppStore()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const set = (playing: boolean) => ref.current?.classList.toggle('playing', playing)
    set(store.getState().playing)
    return store.subscribe((s) => s.playing, set)
  }, [store])
  return ref
}
