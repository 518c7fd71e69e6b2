import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { fromWire, parseFile, toWire, wireBuffers } from '../../src/worker/parse-file.ts'
import { packedBuffers, packTasks, unpackTasks } from '../../src/worker/packed-tasks.ts'
import { commandFromWire, commandToWire } from '../../src/worker/protocol.ts'
import { knownDuplicateIds } from '../../src/engine/workloads/task-checks.ts'
import { prefill, readFixture, scenario } from '../helpers/scenario.ts'
import { tasksArb } from '../helpers/arbitraries.ts'

describe('packed tasks', () => {
  it('unpack(pack(tasks)) gives the tasks back, optional fields absent where they were', () => {
    fc.assert(
      fc.property(tasksArb, fc.boolean(), (tasks, dropMemory) => {
        const input = dropMemory ? tasks.map(({ memoryGB: _, ...t }) => t) : tasks
        const back = unpackTasks(packTasks(input))
        expect(back).toStrictEqual(input)
      }),
    )
  })

  it('packs an unpacked list again from its columns, into buffers of its own, even once the first were transferred', () => {
    fc.assert(
      fc.property(tasksArb, (tasks) => {
        const first = packTasks(tasks)
        const unpacked = unpackTasks(first)
        const again = packTasks(unpacked)
        expect(again).toStrictEqual(first)
        expect(again.weight.buffer).not.toBe(first.weight.buffer)
        // Without ids (for the simulation): the same columns, no ids, from a known packing or not.
        for (const list of [unpacked, tasks]) expect(packTasks(list, { ids: false })).toStrictEqual({ ...first, ids: [] })
        // Sending `again` detaches its buffers; the next packing is still whole.
        structuredClone(again, { transfer: packedBuffers(again) })
        expect(unpackTasks(packTasks(unpacked))).toStrictEqual(unpacked)
        // And after the original columns went too, the list is packed from its objects.
        structuredClone(first, { transfer: packedBuffers(first) })
        expect(unpackTasks(packTasks(unpacked))).toStrictEqual(unpacked)
      }),
    )
  })

  it('sends each model name once and the numbers as typed arrays', () => {
    const packed = packTasks([
      { id: 'a', model: 'Qwen3', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 5 },
      { id: 'b', model: 'Llama3-8B', weight: 2, arrivalS: 0.5, phase: 'decode', tokens: 7, tp: 2, memoryGB: 16 },
      { id: 'c', model: 'Qwen3', weight: 3, arrivalS: 1, phase: 'decode', tokens: 9 },
    ])
    expect(packed.models).toEqual(['Qwen3', 'Llama3-8B'])
    expect(Array.from(packed.modelOf)).toEqual([0, 1, 0])
    expect(Array.from(packed.tp)).toEqual([0, 2, 0])
    expect(Array.from(packed.memoryGB)).toEqual([NaN, 16, NaN])
  })

  it('a parsed list arrives with its duplicate ids worked out in the worker (none: the parsers refuse them)', () => {
    const csv = ['Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens', 'a,Qwen3,30,1,0,1,5', 'b,Qwen3,30,1,0,1,5'].join('\n')
    const json = JSON.stringify({ version: 1, cluster: 'h100_8gpu', tasks: [{ id: 'a', model: 'Qwen3', weight: 1, arrival: 0, phase: 'decode', tokens: 10, tp: 2 }] })
    for (const [name, text] of [['w.csv', csv], ['s.json', json]] as const) {
      const wire = toWire(parseFile({ requestId: 1, name, text }))
      const back = fromWire(structuredClone(wire, { transfer: wireBuffers(wire) }))
      if (!back.ok) throw new Error(back.problems.join('; '))
      const tasks = back.kind === 'csv' ? back.tasks : back.document.scenario.tasks
      expect(knownDuplicateIds(tasks)).toEqual(new Map())
    }
    // Lists made on the page (an edit) come with none known: their ids are counted.
    expect(knownDuplicateIds([prefill('a', 1)])).toBeUndefined()
  })

  it('a parse result survives the trip through its wire form, CSV and JSON alike, via structured clone', () => {
    const csv = parseFile({ requestId: 1, name: 'overload_test.csv', text: readFixture('workloads/overload_test.csv') })
    const json = { version: 1, cluster: 'h100_8gpu', tasks: [{ id: 'a', model: 'Qwen3', weight: 1, arrival: 0, phase: 'decode', tokens: 10, tp: 2 }] }
    const doc = parseFile({ requestId: 2, name: 'lesson.json', text: JSON.stringify(json) })
    for (const result of [csv, doc]) {
      const wire = toWire(result)
      const sent = structuredClone(wire, { transfer: wireBuffers(wire) })
      expect(fromWire(sent)).toStrictEqual(result)
    }
    expect(doc.ok && doc.kind === 'json' && doc.document).toStrictEqual(parseScenarioJson(JSON.stringify(json), 'lesson.json'))
  })
})

describe('run commands on the wire', () => {
  it('a run command crosses to the worker with its tasks packed, without ids, and comes back equal otherwise', () => {
    const cmd = { type: 'run' as const, runId: 3, scenario: scenario([prefill('a', 1), prefill('b', 2, { tp: 2, memoryGB: 16 })]), algorithms: ['FIFO' as const] }
    const { wire, transfer } = commandToWire(cmd)
    expect(wire.type).toBe('run-packed')
    expect(wire.type === 'run-packed' && wire.scenario.tasks).toEqual([])
    expect(wire.type === 'run-packed' && wire.packed.ids).toEqual([])
    const sent = structuredClone(wire, { transfer })
    const tasks = cmd.scenario.tasks.map((t) => ({ ...t, id: '' }))
    expect(commandFromWire(sent)).toStrictEqual({ ...cmd, scenario: { ...cmd.scenario, tasks } })
    // The page's own list keeps its ids, and packs them when asked to.
    expect(cmd.scenario.tasks.map((t) => t.id)).toEqual(['a', 'b'])
    expect(packTasks(cmd.scenario.tasks).ids).toEqual(['a', 'b'])
    // Other commands pass as they are.
    expect(commandToWire({ type: 'ack', runId: 3 })).toEqual({ wire: { type: 'ack', runId: 3 }, transfer: [] })
  })
})

describe('serving requests through the workers', () => {
  it('keep their P and O packed, and a request CSV parses to them', () => {
    const text = 'Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens\nq1,Llama3-8B,2,0.5,100,7\nq2,Qwen3-8B,1,0,30,1\n'
    const parsed = fromWire(toWire(parseFile({ requestId: 1, name: 'q.csv', text })))
    expect(parsed).toMatchObject({ ok: true, kind: 'csv' })
    const tasks = (parsed as Extract<typeof parsed, { kind: 'csv' }>).tasks
    expect(tasks).toStrictEqual([
      { id: 'q1', model: 'Llama3-8B', weight: 2, arrivalS: 0.5, phase: 'decode', tokens: 7, inputTokens: 100, outputTokens: 7 },
      { id: 'q2', model: 'Qwen3-8B', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 30, inputTokens: 30, outputTokens: 1 },
    ])
    const mixed = [...tasks, prefill('J', 5, { tp: 2 }), { ...prefill('K', 5, { memoryGB: 9 }), outputTokens: 4 }]
    expect(unpackTasks(packTasks(mixed))).toStrictEqual(mixed)
    const run = commandFromWire(commandToWire({ type: 'run', runId: 1, scenario: { ...scenario(mixed), mode: 'serving' }, algorithms: ['FIFO'] }).wire)
    expect(run.type === 'run' && run.scenario.tasks.map((t) => [t.inputTokens, t.outputTokens])).toEqual([[100, 7], [30, 1], [undefined, undefined], [undefined, 4]])
  })
})
