import { useMemo, useState } from 'react'
import { coloringFor } from '../charts/colors.ts'
import { policies } from '../engine/policies/registry.ts'
import type { StopPoint } from '../engine/student/picks.ts'
import { STUDENT } from '../engine/student/replay.ts'
import { timeAt } from '../run-view/time.ts'
import { studentScore, type StudentScore } from '../run-view/student-score.ts'
import type { AppState } from '../store/app-store.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectColorBy, selectPrepared } from '../store/selectors.ts'
import type { StudentRun } from '../store/slices/student.ts'
import { fullView } from '../store/view-window.ts'
import { fmt3, fmtKey, fmtPercent, fmtTime } from './format.ts'
import { GanttView, type GanttSource } from './GanttView.tsx'
import { COLUMNS } from './ResultsTable.tsx'
import { usePolicies } from './use-policies.ts'
import './student.css'

/** The student's Gantt reads the student's run, its cursor where the engine waits, its window long enough for both schedules. */
const SOURCE: GanttSource = {
  timeline: (s: AppState) => s.student?.timeline,
  cursorStep: (s: AppState) => (s.student === null ? 0 : (s.student.replay.stop?.step ?? Math.max(0, s.student.replay.result.steps - 1))),
  windowS(s: AppState) {
    let end = fullView(s)[1]
    for (const t of s.student?.replay.result.tasks ?? []) if (t.completionS !== null) end = Math.max(end, t.completionS)
    return [0, end]
  },
  label: 'Your schedule on the GPUs',
}

const STATE_TEXT = { waiting: 'waiting', 'not-arrived': 'not arrived', running: 'running', finished: 'finished', rejected: 'never fits' } as const

/**
 * "Be the scheduler": at each decision point the student picks which waiting task starts (and,
 * with more than one node, where); the engine replays their picks, so the Gantt below grows
 * with their schedule and the times are the engine's. A pick that is not allowed is refused
 * with the reason. At the end their schedule is scored beside every policy, with the first
 * start where they left the best one.
 */
export function StudentPanel() {
  const run = useApp((s) => s.student)
  const a = useApp(selectActions)
  if (run === null) return null
  const stop = run.replay.stop
  return (
    <section className="student" aria-label="Be the scheduler">
      <div className="student-head">
        <h2 className="student-title">{stop === null ? 'Your schedule is complete' : `Be the scheduler: t = ${fmtTime(stop.timeS)}, ${stop.freeGpus} GPU${stop.freeGpus === 1 ? '' : 's'} free`}</h2>
        <div className="student-buttons">
          <button type="button" className="btn" onClick={a.undoStudent} disabled={run.picks.length === 0}>
            Undo last pick
          </button>
          <button type="button" className="btn" onClick={a.closeStudent}>
            Leave
          </button>
        </div>
      </div>
      {run.refused !== null && (
        <p className="student-refused" role="alert">
          Refused: {run.refused.reason}.
        </p>
      )}
      {stop === null ? <StudentScoreView run={run} /> : <StudentPick run={run} stop={stop} />}
      <StudentGantt />
    </section>
  )
}

/** The question at a decision point: every task with its fields, a Start button each, and the node. */
function StudentPick({ run, stop }: { run: StudentRun; stop: StopPoint }) {
  const a = useApp(selectActions)
  const [node, setNode] = useState<number | null>(null)
  const tasks = run.prepared.tasks
  const nodeCount = run.prepared.cluster.nodes.length
  const id = (i: number) => tasks[i]!.spec.id
  const pick = (task: number) => {
    if (a.pickStudent(task, node ?? undefined)) setNode(null)
  }
  return (
    <>
      <p className="hint">
        {run.picks.length === 0 ? 'You decide which waiting task starts each time GPUs are free.' : `${run.picks.length} pick${run.picks.length === 1 ? '' : 's'} made.`}{' '}
        Waiting now: {stop.waiting.map(id).join(', ')}. The engine runs what you start and stops at the next point where you choose.
      </p>
      {nodeCount > 1 && (
        <label className="teach-field student-node">
          Place on
          <select value={node ?? ''} onChange={(e) => setNode(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">the placement rule’s node (best fit)</option>
            {run.prepared.cluster.nodes.map((n) => (
              <option key={n.index} value={n.index}>
                node {n.index}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="student-tasks-scroll">
        <table className="student-tasks" aria-label="Tasks to schedule">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col" className="num">
                Arrival
              </th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col" className="num">
                Work
              </th>
              <th scope="col" className="num">
                TP
              </th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Start</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {stop.choices.map((c) => {
              const t = tasks[c.task]!
              return (
                <tr key={c.task} data-state={c.legal ? 'ready' : c.state}>
                  <th scope="row">{t.spec.id}</th>
                  <td className="num">{fmtTime(t.arrival)}</td>
                  <td className="num">{fmtKey(t.weight)}</td>
                  <td className="num">{fmtTime(t.remaining)}</td>
                  <td className="num">{t.tp}</td>
                  <td>{c.legal ? 'waiting, fits' : STATE_TEXT[c.state]}</td>
                  <td>
                    <button type="button" className="btn student-start" aria-label={`Start ${t.spec.id}`} onClick={() => pick(c.task)}>
                      Start
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** The student's schedule on the GPUs, as the engine ran their picks. */
function StudentGantt() {
  const prepared = useApp(selectPrepared)
  const tasks = useApp((s) => s.run.scenario.tasks)
  const colorBy = useApp(selectColorBy)
  const colors = useMemo(() => coloringFor(tasks, colorBy).taskColor, [tasks, colorBy])
  const ids = useMemo(() => tasks.map((t) => t.id), [tasks])
  if (prepared === null || prepared.taskCount !== tasks.length) return null
  return (
    <div className="student-gantt">
      <h3 className="student-sub">Your schedule</h3>
      <p className="hint">The line is where the engine waits for your pick; what you started runs on, faint, after it until it finishes.</p>
      <GanttView algorithm={STUDENT} variant="focus" nodes={prepared.nodes} colors={colors} ids={ids} source={SOURCE} />
    </div>
  )
}

/** The score: the student's metrics beside every policy's, and where they first left the best one. */
function StudentScoreView({ run }: { run: StudentRun }) {
  const registered = usePolicies()
  const userRuns = useApp((s) => s.run)
  const score: StudentScore | null = useMemo(() => {
    const user: Record<string, { metrics: AppState['run']['metrics'][string]; timeline: AppState['run']['timelines'][string] } | undefined> = {}
    for (const p of registered) {
      const m = userRuns.metrics[p.name]
      const tl = userRuns.timelines[p.name]
      if (p.userCode === true && m !== undefined && tl !== undefined) user[p.name] = { metrics: m, timeline: tl }
    }
    return studentScore(run.prepared, { metrics: run.replay.result.metrics, timeline: run.timeline }, policies, user)
    // The registry's list changes identity with every registration.
  }, [run, registered, userRuns])
  if (score === null) return null
  const id = (i: number) => run.prepared.tasks[i]!.spec.id
  const fifo = score.rows.find((r) => r.name === 'FIFO')
  const you = score.rows[0]!
  const d = score.divergence
  const studentTask = d !== null && d.a >= 0 ? run.timeline.decisions.task.data[d.a]! : -1
  const bestTask = d !== null && d.b >= 0 ? score.best.timeline.decisions.task.data[d.b]! : -1
  return (
    <div className="student-score">
      <h3 className="student-sub" id="student-score-title">
        Your score
      </h3>
      <div className="results-scroll">
        <table className="results-table" aria-labelledby="student-score-title">
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              {COLUMNS.map((c) => (
                <th scope="col" className="num" key={c.label} title={c.title}>
                  {c.label} <span className="col-detail">{c.detail}</span>
                </th>
              ))}
              <th scope="col" className="num">
                Completed <span className="col-detail">of total</span>
              </th>
              <th scope="col" className="num">
                GPU utilization <span className="col-detail">busy share</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {score.rows.map((r) => (
              <tr key={r.name} className={r.name === STUDENT ? 'student-row' : undefined}>
                <th scope="row" className="algo-cell" style={{ borderLeftColor: r.color }}>
                  {r.name}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.label} className="num" data-label={c.label}>
                    {c.format(c.value(r.metrics))}
                  </td>
                ))}
                <td className="num" data-label="Completed">{`${r.metrics.completed_count} / ${r.metrics.total_count}`}</td>
                <td className="num" data-label="GPU utilization">
                  {fmtPercent(r.metrics.gpu_utilization)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Your weighted flow: {fmt3(you.metrics.weighted_waiting_time)}
        {fifo !== undefined && ` (FIFO ${fmt3(fifo.metrics.weighted_waiting_time)})`}. The best policy here by weighted flow is {score.best.name}, with{' '}
        {fmt3(score.best.metrics.weighted_waiting_time)}.
      </p>
      <p className="student-divergence" aria-label="Your first departure">
        {d === null
          ? `You started the same tasks at the same times as ${score.best.name} throughout.`
          : `You first departed from ${score.best.name} at pick ${d.shared + 1}, t = ${fmtTime(timeAt(run.scenario, d.step))}: ${score.best.name} started ${bestTask >= 0 ? id(bestTask) : 'nothing'} there, and you started ${studentTask >= 0 ? id(studentTask) : 'nothing'}.`}
      </p>
    </div>
  )
}
