import { describe, expect, it } from 'vitest'
import type { CustomPolicySource } from '../../src/engine/policies/custom.ts'
import { timeAt } from '../../src/run-view/time.ts'
import { createSimHandler, type HandlerOptions } from '../../src/worker/handler.ts'
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol.ts'
import { testPolicyCompiler } from '../helpers/policies.ts'
import { prefill, scenario } from '../helpers/scenario.ts'
import { squeeze, squeezeFirstS } from '../helpers/serving.ts'

function handler(options: HandlerOptions = { compilePolicies: testPolicyCompiler }) {
  const events: WorkerEvent[] = []
  let clock = 0
  const handle = createSimHandler((e) => events.push(e), { chunkMs: 4, now: () => (clock += 1), ...options })
  const runToEnd = (cmd: Extract<WorkerCommand, { type: 'run' }>) => {
    handle(cmd)
    for (let i = 0; i < 10_000 && !events.some((e) => e.type === 'done' || e.type === 'error'); i++) handle({ type: 'ack', runId: cmd.runId })
  }
  return { events, handle, runToEnd }
}

// One GPU. X holds it 0–1 s; then A (0.1 s, 3 s of work), B (0.5 s, 2 s) and C (0.9 s, 1.8 s) wait.
const s = scenario(
  [prefill('X', 1), prefill('A', 3, { arrivalS: 0.1 }), prefill('B', 2, { arrivalS: 0.5 }), prefill('C', 1.8, { arrivalS: 0.9 })],
  { cluster: 'h100:1', maxTimeS: Infinity },
)
const edf: CustomPolicySource = { name: 'Deadline', higherFirst: false, key: 'return t.arrival + t.tokens / 1000' }
const aging: CustomPolicySource = { name: 'Aged', higherFirst: true, key: 't.weight + t.waited' }

describe('the simulation worker runs policies written by a user', () => {
  it('compiles and registers them for the run: a static key is ranked once, like a built-in', () => {
    const { events, runToEnd } = handler()
    runToEnd({ type: 'run', runId: 1, scenario: s, algorithms: ['FIFO', 'Deadline'], customPolicies: [edf] })
    const prepared = events[0] as Extract<WorkerEvent, { type: 'prepared' }>
    // Deadlines 1, 3.1, 2.5, 2.7: X, B, C, A.
    expect(Array.from(prepared.keys.Deadline!)).toEqual([1, 3.1, 2.5, 2.7])
    expect(Array.from(prepared.rankOrders.Deadline!)).toEqual([0, 2, 3, 1])
    const done = events.at(-1) as Extract<WorkerEvent, { type: 'done' }>
    expect(done.type).toBe('done')
    // X 0–1, B 1–3, C 3–4.8, A 4.8–7.8: flows 1, 7.7, 2.5, 3.9.
    expect(done.metrics.Deadline!.weighted_waiting_time).toBeCloseTo(1 + 7.7 + 2.5 + 3.9, 12)
  })

  it('ranks a moving key at every pick, and answers the page’s questions about its keys', () => {
    const aged = scenario([prefill('X', 2), prefill('L', 1, { arrivalS: 0.2 }), prefill('H', 1, { arrivalS: 1.5, weight: 1.5 })], { cluster: 'h100:1', maxTimeS: Infinity })
    const { events, handle, runToEnd } = handler()
    runToEnd({ type: 'run', runId: 3, scenario: aged, algorithms: ['WeightedFIFO', 'Aged'], customPolicies: [aging] })
    const prepared = events[0] as Extract<WorkerEvent, { type: 'prepared' }>
    expect(prepared.rankOrders.Aged).toBeUndefined()
    // At 2 s L has aged to 2.8 and H to 2.0: L first, although H is heavier (WeightedFIFO: H first).
    const done = events.at(-1) as Extract<WorkerEvent, { type: 'done' }>
    expect(done.metrics.Aged!.weighted_waiting_time).toBeCloseTo(2 + (3 - 0.2) + 1.5 * (4 - 1.5), 12)
    expect(done.metrics.WeightedFIFO!.weighted_waiting_time).toBeCloseTo(2 + (4 - 0.2) + 1.5 * (3 - 1.5), 12)
    handle({ type: 'rank', runId: 3, algorithm: 'Aged', step: 150, tasks: [2, 1] })
    const now = timeAt(aged, 150)
    expect(events.at(-1)).toEqual({ type: 'ranked', runId: 3, algorithm: 'Aged', step: 150, tasks: [2, 1], keys: [1.5 + (now - 1.5), 1 + (now - 0.2)] })
    // A question about an older run goes unanswered.
    const count = events.length
    handle({ type: 'rank', runId: 2, algorithm: 'Aged', step: 150, tasks: [1] })
    expect(events).toHaveLength(count)
  })

  it('answers the page’s questions about a serving run’s keys, with the tokens each request kept', () => {
    // squeeze: A and B (16 in, 17 out) at 0, C (8 in, 3 out) at 1 ms, X (model Nope) never served.
    const dtS = squeezeFirstS / 10
    const left: CustomPolicySource = { name: 'Left', higherFirst: false, key: 'if (t.now > 1) throw new Error("too late")\nreturn 1000 * t.remaining + t.tokens + t.waited' }
    const { events, handle, runToEnd } = handler()
    runToEnd({ type: 'run', runId: 4, scenario: squeeze(dtS), algorithms: ['SRPT', 'Left'], customPolicies: [left] })
    expect(events.at(-1)!.type).toBe('done')
    // At step 11 B waits again having kept g = 1 token (remaining 17 − 1), C has all 3 left.
    const now = timeAt(squeeze(dtS), 11)
    expect(now).toBe(11 * dtS)
    handle({ type: 'rank', runId: 4, algorithm: 'Left', step: 11, tasks: [1, 2, 3], generated: [1, 0, 0] })
    expect(events.at(-1)).toEqual({ type: 'ranked', runId: 4, algorithm: 'Left', step: 11, tasks: [1, 2, 3], keys: [1000 * 16 + 33 + now, 1000 * 3 + 11 + (now - 0.001), null] })
    // Without g, B would count all 17 tokens as left.
    handle({ type: 'rank', runId: 4, algorithm: 'Left', step: 11, tasks: [1] })
    expect(events.at(-1)).toMatchObject({ keys: [1000 * 17 + 33 + now] })
    // A built-in is answered from the same fields: SRPT's key is the tokens left, O − g.
    handle({ type: 'rank', runId: 4, algorithm: 'SRPT', step: 11, tasks: [1, 2], generated: [1, 0] })
    expect(events.at(-1)).toMatchObject({ keys: [16, 3] })
    // Past 1 s the key throws: null, and the answer says what the policy's code said, and where.
    const late = Math.ceil(1.5 / dtS)
    handle({ type: 'rank', runId: 4, algorithm: 'Left', step: late, tasks: [2], generated: [0] })
    expect(events.at(-1)).toEqual({ type: 'ranked', runId: 4, algorithm: 'Left', step: late, tasks: [2], keys: [null], error: 'policy Left, line 1: Error: too late' })
  })

  it('stops a run whose key loops, naming the policy and the line', () => {
    // The key loops only for a task that has waited over a second: found mid-run, not at the start.
    const loops: CustomPolicySource = { name: 'Stuck', higherFirst: false, key: 'let n = t.waited\nwhile (t.waited > 1) n++\nreturn n' }
    const { events, runToEnd } = handler()
    runToEnd({ type: 'run', runId: 5, scenario: s, algorithms: ['FIFO', 'Stuck'], customPolicies: [loops] })
    expect(events[0]!.type).toBe('prepared')
    expect(events.at(-1)).toEqual({
      type: 'error',
      runId: 5,
      message: 'policy Stuck, line 2: stopped after 1,000,000 steps for one task (an endless loop?). The run was stopped.',
      policy: { name: 'Stuck', line: 2 },
    })
  })

  it('refuses what cannot run: a syntax error, a built-in’s name, and no compiler (the page)', () => {
    const bad = handler()
    bad.runToEnd({ type: 'run', runId: 1, scenario: s, algorithms: ['Oops'], customPolicies: [{ name: 'Oops', higherFirst: true, key: 'const k =\n\nreturn t.weight *' }] })
    expect(bad.events).toEqual([{ type: 'error', runId: 1, message: 'policy Oops, line 3: syntax error: Unexpected token. The run was stopped.', policy: { name: 'Oops', line: 3 } }])
    const taken = handler()
    taken.runToEnd({ type: 'run', runId: 1, scenario: s, algorithms: ['FIFO'], customPolicies: [{ name: 'FIFO', higherFirst: true, key: 't.weight' }] })
    expect((taken.events[0] as { message: string }).message).toBe('policy FIFO, its name is taken by a built-in policy. The run was stopped.')
    const page = handler({})
    page.runToEnd({ type: 'run', runId: 1, scenario: s, algorithms: ['Deadline'], customPolicies: [edf] })
    expect(page.events).toEqual([{ type: 'error', runId: 1, message: 'policies written in the browser need a Web Worker to run in, and this browser gave none' }])
  })
})
