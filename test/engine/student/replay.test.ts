import { describe, expect, it } from 'vitest'
import { prepareScenario } from '../../../src/engine/sim-task.ts'
import { runSimulation } from '../../../src/engine/simulation.ts'
import { replayPicks, STUDENT_MAX_TASKS, studentRefusal } from '../../../src/engine/student/replay.ts'
import type { StudentPick } from '../../../src/engine/student/picks.ts'
import { discriminatingWorkload } from '../../../src/engine/workloads/presets.ts'
import { prefill, scenario } from '../../helpers/scenario.ts'

/** A policy's starts, in order, as the student's picks (with its nodes, when `nodes`). */
function picksOf(s: ReturnType<typeof scenario>, algorithm: string, nodes = false): StudentPick[] {
  const r = runSimulation(s, algorithm)
  const nodeOf = prepareScenario(s).cluster.nodeOfGpu
  return r.decisions.filter((d) => d.task >= 0).map((d) => (nodes ? { task: d.task, node: nodeOf[r.tasks[d.task]!.gpus[0]!]! } : { task: d.task }))
}

describe('the student’s picks replayed by the engine', () => {
  const disc = scenario(discriminatingWorkload(), { maxTimeS: Infinity })

  it('FIFO’s starts as picks give FIFO’s exact results (weighted flow 336), with or without its nodes', () => {
    const fifo = runSimulation(disc, 'FIFO')
    for (const nodes of [false, true]) {
      const replay = replayPicks(disc, picksOf(disc, 'FIFO', nodes))
      expect(replay.stop).toBeNull()
      expect(replay.refused).toBeNull()
      expect(replay.applied).toBe(20)
      expect(replay.result.metrics).toEqual(fifo.metrics)
      expect(replay.result.metrics.weighted_waiting_time).toBe(336)
      expect(replay.result.tasks.map((t) => [t.startS, t.completionS, t.gpus])).toEqual(fifo.tasks.map((t) => [t.startS, t.completionS, t.gpus]))
    }
  })

  it('WeightedFIFO’s starts as picks score exactly what WeightedFIFO scores: 102.000', () => {
    const wfifo = runSimulation(disc, 'WeightedFIFO')
    const replay = replayPicks(disc, picksOf(disc, 'WeightedFIFO'))
    expect(replay.result.metrics.weighted_waiting_time).toBe(wfifo.metrics.weighted_waiting_time)
    expect(replay.result.metrics.weighted_waiting_time.toFixed(3)).toBe('102.000')
    expect(replay.result.metrics.average_waiting_time).toBe(wfifo.metrics.average_waiting_time)
  })

  it('stops at the first decision point with no pick left, listing every task and why it may not start', () => {
    // FIFO's first 12 starts: the eight low tasks (TP 2, 2 s) fill the 16 GPUs at 0 s; at 2 s
    // they finish and four high tasks (0.5 s) start, leaving 8 GPUs free for four more.
    const replay = replayPicks(disc, picksOf(disc, 'FIFO').slice(0, 12))
    expect(replay.refused).toBeNull()
    expect(replay.applied).toBe(12)
    const stop = replay.stop!
    expect(stop.timeS).toBe(2)
    expect(stop.freeGpus).toBe(8)
    expect(stop.waiting).toEqual([12, 13, 14, 15, 16, 17, 18, 19])
    expect(stop.choices.filter((c) => c.legal).map((c) => c.task)).toEqual([12, 13, 14, 15, 16, 17, 18, 19])
    expect(stop.choices[0]).toMatchObject({ state: 'finished', legal: false, reason: 'T_low_1 has already finished (at t = 2 s)' })
    expect(stop.choices[8]).toMatchObject({ state: 'running', legal: false, reason: 'T_high_1 is already running (since t = 2 s, until t = 2.5 s)' })
  })
})

describe('hand-made decisions on one node of 8 GPUs', () => {
  // A and B hold 4 GPUs each, C needs all 8, D arrives at 3 s. Fixed rate: 1,000 prefill tokens a second.
  const tasks = [prefill('A', 1, { tp: 4 }), prefill('B', 2, { tp: 4 }), prefill('C', 1, { tp: 8 }), prefill('D', 1, { tp: 1, arrivalS: 3 })]
  const s = scenario(tasks, { cluster: 'h100_8gpu', maxTimeS: Infinity })

  it('says why an illegal pick is refused: not arrived, already running, no free group of its size', () => {
    const first = replayPicks(s, []).stop!
    expect(first.timeS).toBe(0)
    expect(first.choices.map((c) => c.legal)).toEqual([true, true, true, false])
    expect(first.choices[3]!.reason).toBe('D has not arrived yet: it arrives at t = 3 s, and it is t = 0 s now')

    const refused = replayPicks(s, [{ task: 0 }, { task: 2 }])
    expect(refused.applied).toBe(1)
    expect(refused.refused).toEqual({ index: 1, reason: 'no free group of 8 GPUs fits C (TP 8): node 0 has 4 free' })
    expect(refused.stop!.choices[0]!.reason).toBe('A is already running (since t = 0 s, until t = 1 s)')
    expect(replayPicks(s, [{ task: 0 }, { task: 0 }]).refused!.reason).toBe('A is already running (since t = 0 s, until t = 1 s)')
    expect(replayPicks(s, [{ task: 3 }]).refused!.reason).toMatch(/^D has not arrived yet/)
    expect(replayPicks(s, [{ task: 7 }]).refused!.reason).toBe('there is no task number 7 (the scenario has 4)')
  })

  it('runs a legal schedule to the end with the engine’s times: flows 1 + 2 + 3 + 1', () => {
    // C waits while A alone finishes (4 GPUs free is no decision point for it), starts at 2 s.
    const r = replayPicks(s, [{ task: 0 }, { task: 1 }, { task: 2 }, { task: 3 }])
    expect(r.stop).toBeNull()
    expect(r.result.tasks.map((t) => [t.startS, t.completionS])).toEqual([
      [0, 1],
      [0, 2],
      [2, 3],
      [3, 4],
    ])
    expect(r.result.metrics.weighted_waiting_time).toBe(7)
    // Stopped before C: the point is at 2 s, where A has finished.
    const stop = replayPicks(s, [{ task: 0 }, { task: 1 }]).stop!
    expect(stop.timeS).toBe(2)
    expect(stop.choices[0]!.reason).toBe('A has already finished (at t = 1 s)')
  })
})

describe('placement on a chosen node (two nodes of 8)', () => {
  const tasks = [prefill('A', 1, { tp: 4 }), prefill('B', 1, { tp: 4 }), prefill('C', 1, { tp: 8 })]
  const s = scenario(tasks, { maxTimeS: Infinity })

  it('puts a group on the node picked, and by the placement rule (best fit) when none is', () => {
    const r = replayPicks(s, [{ task: 0, node: 1 }, { task: 1 }, { task: 2 }])
    // A on node 1 (GPUs 8-11); best fit then puts B on node 1 too, leaving node 0 whole for C.
    expect(r.result.tasks.map((t) => t.gpus)).toEqual([[8, 9, 10, 11], [12, 13, 14, 15], [0, 1, 2, 3, 4, 5, 6, 7]])
    expect(r.result.tasks.map((t) => t.startS)).toEqual([0, 0, 0])
    const stop = replayPicks(s, [{ task: 0, node: 1 }]).stop!
    expect(stop.choices[1]).toMatchObject({ legal: true, best: 1, nodes: [{ node: 0, free: 8 }, { node: 1, free: 4 }] })
  })

  it('refuses a node without room for the group', () => {
    const r = replayPicks(s, [{ task: 0, node: 0 }, { task: 2, node: 0 }])
    expect(r.refused).toEqual({ index: 1, reason: 'node 0 has 4 free GPUs, and C needs a group of 8 (TP 8)' })
    expect(replayPicks(s, [{ task: 0, node: 5 }]).refused!.reason).toBe('A cannot run on node 5: it fits only on nodes 0, 1')
  })
})

describe('scenarios the student cannot schedule by hand', () => {
  it('refuses more than 30 tasks, other modes and preemption, saying why and the limit', () => {
    const many = Array.from({ length: STUDENT_MAX_TASKS + 1 }, (_, i) => prefill(`t${i}`, 1))
    expect(studentRefusal(scenario(many))).toBe('Be the scheduler takes at most 30 tasks (this scenario has 31): every pick is made by hand, one decision point at a time.')
    expect(studentRefusal(scenario(many.slice(0, 30)))).toBeNull()
    expect(studentRefusal(scenario(many.slice(0, 3), { mode: 'reference' }))).toMatch(/exact mode only \(this scenario is in reference mode\)/)
    expect(studentRefusal(scenario(many.slice(0, 3), { preemptive: true }))).toMatch(/does not preempt/)
    expect(() => replayPicks(scenario(many), [])).toThrow(/at most 30 tasks/)
  })
})
