import { DecisionLog } from './DecisionLog.tsx'
import { KvCachePanel } from './KvCachePanel.tsx'
import { ServingDecisionLog } from './ServingDecisionLog.tsx'
import { ServingQueuePanel } from './ServingQueuePanel.tsx'
import { useApp } from '../store/context.tsx'
import { GanttChart } from './GanttChart.tsx'
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
  const serving = useApp((s) => s.run.scenario.mode === 'serving')
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">SchedScope</span>
          <span className="brand-tag">LLM inference scheduling, step by step</span>
        </div>
        <ScenarioBar />
      </header>
      <div className="top-bars">
        <PlaybackBar />
        <NoticeBar />
        <RunStatus />
      </div>
      <main className={serving ? 'app-main serving' : 'app-main'}>
        <section className="panel gantt-panel" aria-label="Gantt chart">
          <GanttChart />
        </section>
        <aside className="side">
          <section className="panel queue-panel" aria-label="Queue">
            {serving ? <ServingQueuePanel /> : <QueuePanel />}
          </section>
          <section className="panel decisions-panel" aria-label="Decisions">
            {serving ? <ServingDecisionLog /> : <DecisionLog />}
          </section>
        </aside>
        {serving && (
          <section className="panel kv-panel" aria-label="KV cache">
            <KvCachePanel />
          </section>
        )}
        <section className="panel metrics-panel" aria-label="Metrics">
          <MetricCharts />
          <ResultsTable />
        </section>
        <section className="panel editor-panel" aria-label="Scenario editor" id="scenario-editor">
          <ScenarioEditor />
        </section>
      </main>
      <ShortcutsDialog />
    </div>
  )
}
