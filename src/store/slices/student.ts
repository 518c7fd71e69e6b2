import { refusal, type StopPoint, type StudentPick } from '../../engine/student/picks.ts'
import { replayPicks, studentRefusal, type Replay } from '../../engine/student/replay.ts'
import { prepareScenario, type PreparedScenario } from '../../engine/sim-task.ts'
import type { Scenario } from '../../engine/types.ts'
import { applyBatch, createTimeline, type Timeline } from '../../run-view/timeline.ts'
import { BatchRecorder } from '../../worker/recorder.ts'
import type { SliceCreator } from './slice.ts'

/**
 * "Be the scheduler" (issue 17): the student's picks on the run's scenario, replayed by the
 * engine after every pick (at most 30 tasks: replaying from the start is simpler than resuming), the
 * schedule they make as a timeline the Gantt draws, and where the engine waits for the next pick.
 */
export interface StudentRun {
  /** The run whose scenario is scheduled (a new run ends the mode). */
  readonly runId: number
  readonly scenario: Scenario
  readonly prepared: PreparedScenario
  readonly picks: readonly StudentPick[]
  readonly replay: Replay
  /** The student's schedule so far (segments and decisions, as a run's). */
  readonly timeline: Timeline
  /** The last pick refused and why (null: none since the last pick made). */
  readonly refused: { readonly task: number; readonly reason: string } | null
}

export interface StudentSlice {
  readonly student: StudentRun | null
  /** Why the mode could not start on this scenario (null: no attempt refused). */
  readonly studentBlocked: string | null
  readonly actions: StudentActions
}

export interface StudentActions {
  /** Enters the mode on the run's scenario; false (and studentBlocked says why) when it cannot. */
  startStudent(): boolean
  /** Starts `task` (on `node`, or by the placement rule) at the decision point; refused with the reason when not allowed. */
  pickStudent(task: number, node?: number): boolean
  /** Takes back the last pick. */
  undoStudent(): void
  closeStudent(): void
}

/** Replays the picks and records the schedule they make as a timeline. */
function replayed(prepared: PreparedScenario, picks: readonly StudentPick[]): { replay: Replay; timeline: Timeline } {
  const n = prepared.tasks.length
  const recorder = new BatchRecorder(n)
  const replay = replayPicks(prepared, picks, recorder)
  const timeline = createTimeline(n, prepared.cluster.gpus.length)
  const done = replay.stop === null
  applyBatch(timeline, recorder.flush(done ? replay.result.steps : replay.stop.step, done))
  return { replay, timeline }
}

/** The decision point waiting for a pick (null: the schedule is complete). */
export const studentStop = (run: StudentRun | null): StopPoint | null => run?.replay.stop ?? null

export const createStudentSlice: SliceCreator<StudentSlice> = (set, get) => {
  /** The student's run after `picks`, with the cursor moved to where it now waits. */
  const go = (base: Omit<StudentRun, 'picks' | 'replay' | 'timeline' | 'refused'>, picks: readonly StudentPick[]) => {
    const { replay, timeline } = replayed(base.prepared, picks)
    const step = replay.stop?.step ?? replay.result.steps
    set((s) => ({ student: { ...base, picks, replay, timeline, refused: null }, step: Math.min(step, s.run.endStep), playing: false, followEnd: false }))
  }
  return {
    student: null,
    studentBlocked: null,
    actions: {
      startStudent() {
        const s = get()
        const why = s.run.status !== 'done' ? 'Be the scheduler starts once the run is done.' : studentRefusal(s.run.scenario)
        if (why !== null) {
          set({ studentBlocked: why, student: null })
          return false
        }
        set({ studentBlocked: null, prediction: null, divergence: null })
        go({ runId: s.run.runId, scenario: s.run.scenario, prepared: prepareScenario(s.run.scenario) }, [])
        return true
      },
      pickStudent(task, node) {
        const run = get().student
        const stop = studentStop(run)
        if (run === null || stop === null) return false
        const pick: StudentPick = node === undefined ? { task } : { task, node }
        const reason = refusal(run.prepared, stop, pick)
        if (reason !== null) {
          set({ student: { ...run, refused: { task, reason } } })
          return false
        }
        go(run, [...run.picks, pick])
        return true
      },
      undoStudent() {
        const run = get().student
        if (run === null || run.picks.length === 0) return
        go(run, run.picks.slice(0, -1))
      },
      closeStudent: () => set({ student: null, studentBlocked: null }),
    },
  }
}
