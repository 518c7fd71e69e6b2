import { useCallback, useMemo, useRef } from 'react'
import { coloringFor } from '../charts/colors.ts'
import { useApp } from '../store/context.tsx'
import { GanttIdleNote } from './GanttIdleNote.tsx'
import { GanttLegend, IterationLegend } from './GanttLegend.tsx'
import { GanttView } from './GanttView.tsx'
import { HELD_TURNS, HeldOffscreen } from './HeldOffscreen.tsx'
import { RequestView } from './RequestView.tsx'
import { replicaGroups } from '../charts/gantt-replicas.ts'
import type { RowGroup } from '../charts/gantt-layout.ts'
import './gantt.css'
import { selectActions, selectAlgorithms, selectColorBy, selectFocus, selectPrepared, selectRunStatus, selectRunTasks } from '../store/selectors.ts'

/**
 * The schedules: a large view of the focused algorithm and a small multiple of every algorithm
 * below it, all on one time window (store.viewS) with the shared time cursor. React renders
 * the frame and labels; the views draw themselves when the store changes.
 */
export function GanttChart() {
  const status = useApp(selectRunStatus)
  const prepared = useApp(selectPrepared)
  const tasks = useApp(selectRunTasks)
  const colorBy = useApp(selectColorBy)
  const algorithms = useApp(selectAlgorithms)
  const focus = useApp(selectFocus)
  const fitted = useApp((s) => s.viewS === null)
  const actions = useApp(selectActions)

  const coloring = useMemo(
    () => coloringFor(tasks, colorBy),
    [colorBy, tasks],
  )
  const ready = prepared !== null && prepared.taskCount === tasks.length
  // A serving run's replicas are items n + r: their iterations are drawn in a colour of their own.
  const replicas = ready ? (prepared.serving?.replicas.length ?? 0) : 0
  const colors = useMemo(() => (replicas === 0 ? coloring.taskColor : [...coloring.taskColor, ...Array.from({ length: replicas }, () => ITERATION_COLOR)]), [coloring, replicas])
  const ids = useMemo(() => [...tasks.map((t) => t.id), ...Array.from({ length: replicas }, (_, r) => `replica ${r}`)], [tasks, replicas])
  const pickInFocus = useCallback((task: number | null) => actions.select(task), [actions])
  // The views stay mounted from one run to the next on the same nodes (blank until the new run
  // streams in): building five canvases and their axes again for every edit costs a frame or three.
  const nodesRef = useRef<GanttNodes | null>(null)
  if (ready && (nodesRef.current === null || !sameNodes(nodesRef.current, prepared.nodes))) nodesRef.current = prepared.nodes
  const nodes = ready || status === 'running' ? nodesRef.current : null
  // A serving run's rows are grouped by replica (kept, like the nodes, until the next run is ready).
  const serving = ready ? (prepared.serving ?? null) : null
  const groupsRef = useRef<readonly RowGroup[] | null>(null)
  const groupsFor = useRef<unknown>(null)
  if (ready && groupsFor.current !== prepared) {
    groupsFor.current = prepared
    groupsRef.current = serving === null ? null : replicaGroups(serving, prepared.nodes)
  }
  const groups = nodes === null ? null : groupsRef.current
  const servingView = groups !== null
  // Serving: the idle note in the flow (the request view takes the space it would float over), then
  // the requests, mounted with the Gantt and first drawn a frame after it (use-mount-turn.ts).
  const servingBelow = useCallback(
    (gutterPx: number, widthPx: number) => (
      <>
        <GanttIdleNote inline />
        <HeldOffscreen turn={HELD_TURNS.requests}>
          <RequestView algorithm={focus} gutterPx={gutterPx} widthPx={widthPx} />
        </HeldOffscreen>
      </>
    ),
    [focus],
  )

  let body
  if (status === 'error') body = <p className="gantt-placeholder">No schedule: the simulation failed (see the message above).</p>
  else if (nodes === null) body = <p className="gantt-placeholder">{status === 'cancelled' ? 'The run was cancelled before it started.' : 'Simulating…'}</p>
  else
    body = (
      <>
        <div className="gantt-focus">
          <GanttView algorithm={focus} variant="focus" nodes={nodes} groups={groups} colors={colors} ids={ids} onPick={pickInFocus} below={servingView ? servingBelow : undefined} />
          {!servingView && <GanttIdleNote />}
        </div>
        <h3 className="gantt-multiples-title">
          All algorithms <span className="sub">same time window · click one to focus it</span>
        </h3>
        <HeldOffscreen turn={HELD_TURNS.multiples}>
          <ul className="gantt-multiples" aria-label="All algorithms">
            {algorithms.map((a) => (
              <li key={a}>
                <GanttMultiple algorithm={a} focused={a === focus} nodes={nodes} groups={groups} colors={colors} ids={ids} />
              </li>
            ))}
          </ul>
        </HeldOffscreen>
      </>
    )

  return (
    <div className="gantt">
      <div className="gantt-head">
        <h2 className="panel-title">
          Gantt chart{' '}
          <span className="sub">
            {servingView
              ? 'one row per GPU, grouped by replica; a bar is an iteration: its height the batch size, its fill the tokens it computes'
              : 'one row per GPU, grouped by node; a bar is a task on its GPUs'}
          </span>
        </h2>
        <div className="gantt-zoom">
          <span className="hint">Ctrl/⌘ + wheel zooms · drag pans</span>
          <button type="button" className="btn" onClick={() => actions.setView(null)} disabled={fitted} title="Fit the whole run (F)">
            Fit
          </button>
        </div>
      </div>
      <div className="gantt-controls">
        <div className="gantt-segmented" role="group" aria-label="Focus view">
          <span className="gantt-segmented-label" aria-hidden="true">
            Focus
          </span>
          {algorithms.map((a) => (
            <button key={a} type="button" aria-pressed={a === focus} onClick={() => actions.setFocus(a)}>
              {a}
            </button>
          ))}
        </div>
        {servingView ? <IterationLegend /> : <GanttLegend colorBy={colorBy} classes={coloring.classes} onColorBy={actions.setColorBy} />}
      </div>
      {body}
    </div>
  )
}

/** An iteration of a serving replica (its batch is in its tooltip). */
const ITERATION_COLOR = '#5b7db1'

type GanttNodes = readonly { readonly first: number; readonly count: number; readonly gpu: string }[]

const sameNodes = (a: GanttNodes, b: GanttNodes) =>
  a.length === b.length && a.every((n, k) => n.first === b[k]!.first && n.count === b[k]!.count && n.gpu === b[k]!.gpu)

interface GanttMultipleProps {
  readonly algorithm: string
  readonly focused: boolean
  readonly nodes: GanttNodes
  readonly groups: readonly RowGroup[] | null
  readonly colors: readonly string[]
  readonly ids: readonly string[]
}

/**
 * A compact schedule of one algorithm. A click anywhere on it brings it into the focus view
 * (and selects the task clicked, if any); its name is the button for keyboards.
 */
function GanttMultiple({ algorithm, focused, nodes, groups, colors, ids }: GanttMultipleProps) {
  const actions = useApp(selectActions)
  const pick = useCallback(
    (task: number | null) => {
      if (task !== null) actions.select(task)
    },
    [actions],
  )
  return (
    <div className={`gantt-multiple${focused ? ' focused' : ''}`} onClick={() => actions.setFocus(algorithm)}>
      <button type="button" className="gantt-multiple-name" aria-pressed={focused}>
        {algorithm}
        {focused && <span className="gantt-multiple-tag"> in focus</span>}
      </button>
      <GanttView algorithm={algorithm} variant="multiple" nodes={nodes} groups={groups} colors={colors} ids={ids} onPick={pick} />
    </div>
  )
}
