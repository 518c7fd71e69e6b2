import { readdirSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatWorkloadCsv, parsePhase, parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { tasksArb } from '../helpers/arbitraries.ts'
import { fixturePath, readFixture } from '../helpers/scenario.ts'

const HEADER = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens'

function issuesOf(text: string): string[] {
  try {
    parseWorkloadCsv(text, 'bad.csv')
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return (e as InputError).message.split('\n')
  }
  throw new Error('expected the CSV to be refused')
}

describe('reference CSV format', () => {
  const files = readdirSync(fixturePath('workloads')).filter((f) => f.endsWith('.csv'))

  it.each(files)('loads the reference sample %s', (file) => {
    const tasks = parseWorkloadCsv(readFixture(`workloads/${file}`), file)
    const lines = readFixture(`workloads/${file}`).trim().split('\n').length
    expect(tasks).toHaveLength(lines - 1)
  })

  it('reads every field of llm_task1.csv, including its 0-token task', () => {
    const tasks = parseWorkloadCsv(readFixture('workloads/llm_task1.csv'))
    expect(tasks[0]).toEqual({ id: 'T1', model: 'DeepSeek-R1', memoryGB: 671, weight: 17.98, arrivalS: 0.36, phase: 'prefill', tokens: 2048 })
    expect(tasks[2]).toMatchObject({ id: 'T3', phase: 'decode', tokens: 1024 })
    expect(tasks[3]).toMatchObject({ id: 'T4', model: 'GLM4.7', tokens: 0 })
  })

  it('Phase 1 or PREFILL is prefill, anything else decode', () => {
    expect(['1', 'PREFILL', 'prefill', ' 1 '].map(parsePhase)).toEqual(['prefill', 'prefill', 'prefill', 'prefill'])
    expect(['0', 'DECODE', '2', ''].map(parsePhase)).toEqual(['decode', 'decode', 'decode', 'decode'])
  })

  it('accepts CRLF line endings, a BOM, blank lines and an optional TP column', () => {
    const text = `\uFEFF${HEADER},TP\r\nA,Qwen3,30,1,0,1,100,4\r\n\r\nB,Qwen3,30,2,0.5,0,10,\r\n`
    expect(parseWorkloadCsv(text)).toEqual([
      { id: 'A', model: 'Qwen3', memoryGB: 30, weight: 1, arrivalS: 0, phase: 'prefill', tokens: 100, tp: 4 },
      { id: 'B', model: 'Qwen3', memoryGB: 30, weight: 2, arrivalS: 0.5, phase: 'decode', tokens: 10 },
    ])
  })

  it('names the line, column and value of each bad field', () => {
    const lines = issuesOf(`${HEADER}\nA,Qwen3,30,1,0,1,-5\nB,Qwen3,30,x,0,1,5\nC,Qwen3,30,1,NaN,1,5\nD,Qwen3,30,1,0,1,2.5\nE,Qwen3,30,1,0,1`)
    expect(lines).toEqual([
      "bad.csv: line 2, Tokens = '-5': tokens must not be negative",
      "bad.csv: line 3, Weight = 'x': not a number",
      "bad.csv: line 4, ArrivalTime = 'NaN': not a number",
      "bad.csv: line 5, Tokens = '2.5': tokens must be a whole number",
      'bad.csv: line 6: has 6 fields, the header has 7',
    ])
  })

  it('refuses a wrong header, duplicate ids, an empty file and hex or infinite numbers', () => {
    expect(issuesOf('Name,Model\nA,B')[0]).toMatch(/line 1: header must name the columns .*missing Task, Workload, Memory/)
    expect(issuesOf(`${HEADER}\nA,Qwen3,30,1,0,1,5\nA,Qwen3,30,1,0,1,5`)).toEqual(["bad.csv: line 3, Task = 'A': duplicate task id (first at line 2)"])
    expect(issuesOf(`${HEADER}\n`)).toEqual(['bad.csv: file: holds no tasks'])
    expect(issuesOf('')[0]).toMatch(/line 1: header must name/)
    expect(issuesOf(`${HEADER}\nA,Qwen3,30,0x10,0,1,5\nB,Qwen3,30,Infinity,0,1,5`)).toHaveLength(2)
  })

  it('round-trips exactly through its own writer', () => {
    fc.assert(
      fc.property(tasksArb, (tasks) => {
        expect(parseWorkloadCsv(formatWorkloadCsv(tasks))).toEqual(tasks)
      }),
      { numRuns: 200, seed: 7 },
    )
  })

  it('round-trips the reference samples field by field', () => {
    const tasks = parseWorkloadCsv(readFixture('workloads/staggered_burst.csv'))
    expect(formatWorkloadCsv(tasks).split('\n')[4]).toBe('T_low_long_4,Qwen3,30,1,0.013000000000000001,1,5000')
    expect(parseWorkloadCsv(formatWorkloadCsv(tasks))).toEqual(tasks)
  })

  it('quotes ids that hold commas or quotes', () => {
    const tasks = [{ id: 'a,"b"', model: 'Qwen3', weight: 1, arrivalS: 0, phase: 'prefill' as const, tokens: 1 }]
    expect(formatWorkloadCsv(tasks)).toContain('"a,""b"""')
    expect(parseWorkloadCsv(formatWorkloadCsv(tasks))).toEqual(tasks)
  })
})
