import type { NodeRoom } from '../capacity/capacity.ts'
import type { ChoicePoint } from '../chooser.ts'
import type { PreparedScenario } from '../sim-task.ts'

/** One start the student made: the task (input index), and its node (absent: the placement rule's). */
export interface StudentPick {
  readonly task: number
  readonly node?: number
}

/** What a task is at a decision point, and whether (and where) it may start there. */
export interface TaskChoice {
  readonly task: number
  readonly state: 'waiting' | 'not-arrived' | 'running' | 'finished' | 'rejected'
  /** Whether it may start now. */
  readonly legal: boolean
  /** Why not, in words (null when legal). */
  readonly reason: string | null
  /** Its eligible nodes with their free GPUs now (empty for a rejected task). */
  readonly nodes: readonly NodeRoom[]
  /** The node the engine's placement rule would choose (-1: none fits). */
  readonly best: number
}

/** Where the replay stopped for the student's next pick (see replay.ts). */
export interface StopPoint {
  readonly step: number
  readonly timeS: number
  readonly freeGpus: number
  /** The waiting tasks, in queue order. */
  readonly waiting: readonly number[]
  /** Every task, by input index. */
  readonly choices: readonly TaskChoice[]
}

/** A task's run so far in the replay: start and finish (NaN while unknown), done once its GPUs are freed. */
export interface RunSoFar {
  readonly startS: Float64Array
  readonly finishS: Float64Array
  readonly freed: Uint8Array
}

/** A time in words: "t = 1.5 s". */
export const atTime = (s: number): string => `t = ${Number(s.toFixed(3))} s`

/** The decision point as the student sees it: every task, and whether it may start now and why not. */
export function stopPointOf(prepared: PreparedScenario, point: ChoicePoint, run: RunSoFar): StopPoint {
  const waiting = new Set(point.waiting)
  const choices = prepared.tasks.map((t, i): TaskChoice => {
    const id = t.spec.id
    const no = (state: TaskChoice['state'], reason: string, nodes: readonly NodeRoom[] = [], best = -1): TaskChoice => ({ task: i, state, legal: false, reason, nodes, best })
    if (t.rejection !== null) return no('rejected', `${id} can never run on this cluster: ${t.rejection}`)
    const room = point.roomFor(i)
    if (waiting.has(i)) {
      if (room.best >= 0) return { task: i, state: 'waiting', legal: true, reason: null, nodes: room.nodes, best: room.best }
      const free = room.nodes.map((r) => `node ${r.node} has ${r.free}`).join(', ')
      return no('waiting', `no free group of ${t.tp} GPU${t.tp === 1 ? '' : 's'} fits ${id} (TP ${t.tp}): ${free} free`, room.nodes)
    }
    if (run.freed[i] === 1) return no('finished', `${id} has already finished (at ${atTime(run.finishS[i]!)})`, room.nodes)
    if (!Number.isNaN(run.startS[i]!)) return no('running', `${id} is already running (since ${atTime(run.startS[i]!)}, until ${atTime(run.finishS[i]!)})`, room.nodes)
    return no('not-arrived', `${id} has not arrived yet: it arrives at ${atTime(t.arrival)}, and it is ${atTime(point.timeS)} now`, room.nodes)
  })
  return { step: point.step, timeS: point.timeS, freeGpus: point.freeGpus, waiting: point.waiting, choices }
}

/** Why `pick` may not be made at `stop`, in words; null when it may. */
export function refusal(prepared: PreparedScenario, stop: StopPoint, pick: StudentPick): string | null {
  const choice = stop.choices[pick.task]
  if (choice === undefined) return `there is no task number ${pick.task} (the scenario has ${stop.choices.length})`
  if (!choice.legal) return choice.reason
  if (pick.node === undefined) return null
  const id = prepared.tasks[pick.task]!.spec.id
  const tp = prepared.tasks[pick.task]!.tp
  const room = choice.nodes.find((r) => r.node === pick.node)
  if (room === undefined) return `${id} cannot run on node ${pick.node}: it fits only on node${choice.nodes.length === 1 ? '' : 's'} ${choice.nodes.map((r) => r.node).join(', ')}`
  if (room.free < tp) return `node ${pick.node} has ${room.free} free GPU${room.free === 1 ? '' : 's'}, and ${id} needs a group of ${tp} (TP ${tp})`
  return null
}
