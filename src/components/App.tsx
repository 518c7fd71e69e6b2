import { useEffect, useRef } from 'react'
import { BreakdownPanel } from './BreakdownPanel.tsx'
import { ClassroomControls } from './ClassroomControls.tsx'
import { ConsentDialog } from './ConsentDialog.tsx'
import { DecisionLog } from './DecisionLog.tsx'
import { HELD_TURNS, HeldOffscreen } from './HeldOffscreen.tsx'
import { KvCachePanel } from './KvCachePanel.tsx'
import { ServingDecisionLog } from './ServingDecisionLog.tsx'
import { ServingQueuePanel } from './ServingQueuePanel.tsx'
import { ServingMetricCharts } from './ServingMetricCharts.tsx'
import { DivergencePanel } from './DivergencePanel.tsx'
import { GanttChart } from './GanttChart.tsx'
import { ImportProblemDialog } from './ImportProblemDialog.tsx'
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
import { StudentPanel } from './StudentPanel.tsx'
import { TeachBar } from './TeachBar.tsx'
import { SweepView } from './sweep/SweepView.tsx'
import { useApp, useAppStore } from '../store/context.tsx'
import { selectActions } from '../store/selectors.ts'
import { selectPendingStep } from '../store/slices/teaching.ts'
import type { Page } from '../store/app-store.ts'
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

const PAGES: readonly { page: Page; label: string }[] = [
  { page: 'simulator', label: 'Simulator' },
  { page: 'sweep', label: 'Sweep' },
]

/** The header's page switch: the simulator (one scenario, step by step) or the load sweep. */
function PageTabs() {
  const page = useApp((s) => s.page)
  const { showPage } = useApp(selectActions)
  return (
    <nav className="page-tabs" aria-label="Pages">
      {PAGES.map((p) => (
        <button key={p.page} type="button" className="page-tab" aria-current={page === p.page ? 'page' : undefined} onClick={() => showPage(p.page)}>
          {p.label}
        </button>
      ))}
    </nav>
  )
}

export function App() {
  usePlaybackLoop()
  useKeyboardShortcuts()
  const ref = usePlayingClass()
  usePendingCursor()
  const presentation = useApp((s) => s.presentation)
  const inLesson = useApp((s) => s.lesson !== null)
  const serving = useApp((s) => s.run.scenario.mode === 'serving')
  const page = useApp((s) => s.page)
  if (page === 'sweep') {
    return (
      <div className="app">
        <header className="app-header">
          <Brand />
          <PageTabs />
        </header>
        <section className="top-bars" aria-label="Notices">
          <NoticeBar />
        </section>
        <main className="sweep-main">
          <section className="panel" aria-label="Sweep">
            <h2 className="panel-title">
              Load sweep <span className="sub">each policy's metric against a parameter of the workload or the cluster</span>
            </h2>
            <SweepView />
          </section>
        </main>
      </div>
    )
  }
  return (
    <div className={`app${presentation ? ' presentation' : ''}${inLesson ? ' in-lesson' : ''}`} ref={ref}>
      <header className="app-header">
        <Brand />
        <PageTabs />
        <ClassroomControls />
        <ScenarioBar />
      </header>
      {/* A landmark of its own: the playback controls and the run's status are not the header. */}
      <section className="top-bars" aria-label="Playback">
        <PlaybackBar />
        <NoticeBar />
        <RunStatus />
      </section>
      {/* Not sticky: at 200 % zoom the teaching tools would take a third of the window. */}
      <section className="teach-bars" aria-label="Teaching">
        <TeachBar />
        <PredictPanel />
        <DivergencePanel />
        <StudentPanel />
      </section>
      <main className={serving ? 'app-main serving' : 'app-main'}>
        <LessonPanel />
        <section className="panel gantt-panel" aria-label="Gantt chart">
          <GanttChart />
        </section>
        <aside className="side">
          <section className="panel queue-panel" aria-label="Queue">
            {serving ? <ServingQueuePanel /> : <QueueUnlessPending />}
          </section>
          <section className="panel decisions-panel" aria-label="Decisions">
            {serving ? <ServingDecisionLog /> : <DecisionLog />}
          </section>
        </aside>
        {serving && (
          <section className="panel kv-panel" aria-label="KV cache">
            <HeldOffscreen turn={HELD_TURNS.kv}>
              <KvCachePanel />
            </HeldOffscreen>
          </section>
        )}
        <section className="panel metrics-panel" aria-label="Metrics">
          {serving ? (
            <HeldOffscreen turn={HELD_TURNS.charts}>
              <ServingMetricCharts />
            </HeldOffscreen>
          ) : (
            <HeldOffscreen turn={HELD_TURNS.charts}>
              <MetricCharts />
            </HeldOffscreen>
          )}
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
      <ImportProblemDialog />
      <LessonsDialog />
      <ConsentDialog />
    </div>
  )
}

/** The panels below the fold that skip their layout and paint while playing (styles.css). */
const SKIPPED_WHILE_PLAYING = '.metrics-panel, .editor-panel'

/**
 * Marks the page `playing` while the cursor plays, without re-rendering: the panels below the
 * fold skip their layout and paint only then (styles.css), so a paused page is whole in a
 * full-page capture or a print. A skipped panel keeps the height it has when play starts: with
 * the stylesheet's 900 px a serving page grew by 787 px at the start of play and shrank back
 * at its end, and every panel below the Gantt was laid out again each time.
 */
/** An element's content height (what contain-intrinsic-size stands in for): its box less padding and borders. */
function contentHeight(el: HTMLElement): number {
  const css = getComputedStyle(el)
  const px = (v: string) => parseFloat(v) || 0
  return el.getBoundingClientRect().height - px(css.paddingTop) - px(css.paddingBottom) - px(css.borderTopWidth) - px(css.borderBottomWidth)
}

function usePlayingClass() {
  const store = useAppStore()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const set = (playing: boolean) => {
      const app = ref.current
      if (app === null) return
      if (playing && !app.classList.contains('playing'))
        for (const panel of app.querySelectorAll<HTMLElement>(SKIPPED_WHILE_PLAYING)) panel.style.containIntrinsicSize = `auto ${contentHeight(panel)}px`
      app.classList.toggle('playing', playing)
    }
    set(store.getState().playing)
    return store.subscribe((s) => s.playing, set)
  }, [store])
  // React writes the whole className when presentation or a lesson changes it: put the class back.
  useEffect(() => {
    ref.current?.classList.toggle('playing', store.getState().playing)
  })
  return ref
}

function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <h1 className="brand-name">SchedScope</h1>
      <span className="brand-tag">LLM inference scheduling, step by step</span>
    </div>
  )
}
