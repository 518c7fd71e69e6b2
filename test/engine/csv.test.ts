import { readdirSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvParseRows } from 'd3-dsv'
import { recordStartLines } from '../../src/engine/workloads/csv-lines.ts'
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

describe('CSV problems: every one, at its physical line', () => {
  it('reports the line a record starts on, past quoted fields that hold line breaks', () => {
    // Record 3 spans lines 3-4: the bad weight on line 5 was reported as line 4.
    const text = `${HEADER}\nA,Qwen3,30,1,0,1,5\n"B\nsecond line",Qwen3,30,1,0,1,5\nC,Qwen3,30,-2,0,1,5\n`
    expect(issuesOf(text)).toEqual(["bad.csv: line 5, Weight = '-2': weight must not be negative"])
    const crlf = `${HEADER}\r\n"A\r\n\r\nB",Qwen3,30,1,0,1,5\r\nC,Qwen3,30,1,0,1,x\r\n`
    expect(issuesOf(crlf)).toEqual(["bad.csv: line 5, Tokens = 'x': not a number"])
  })

  it('finds a duplicate id on a row that has other errors too', () => {
    expect(issuesOf(`${HEADER}\nA,Qwen3,30,1,0,1,5\nA,Qwen3,30,x,0,1,5\nA,Qwen3\n`)).toEqual([
      "bad.csv: line 3, Weight = 'x': not a number",
      'bad.csv: line 4: has 2 fields, the header has 7',
      "bad.csv: line 3, Task = 'A': duplicate task id (first at line 2)",
      "bad.csv: line 4, Task = 'A': duplicate task id (first at line 2)",
    ])
  })

  it('refuses extra fields, unknown columns and a column named twice', () => {
    expect(issuesOf(`${HEADER}\nA,Qwen3,30,1,0,1,5,oops\nB,Qwen3,30,1,0,1,5,\n`)).toEqual([
      "bad.csv: line 2 = 'oops': has 8 fields, the header has 7; remove it or fix the quoting",
    ])
    expect(issuesOf(`${HEADER},Notes\nA,Qwen3,30,1,0,1,5,hi\n`)).toEqual([
      'bad.csv: line 1: unknown column \'Notes\' (column 8); the columns are Task, Workload, Memory, Weight, ArrivalTime, Phase, Tokens and an optional TP',
      "bad.csv: line 2 = 'hi': has a value in column 8 ('Notes'), which SchedScope does not read; remove it or fix the quoting",
    ])
    expect(issuesOf(`${HEADER},weight\nA,Qwen3,30,1,0,1,5,2\n`)).toEqual([
      "bad.csv: line 1: column 'weight' appears twice (columns 4 and 8)",
      "bad.csv: line 2 = '2': has a value in column 8 ('weight'), which SchedScope does not read; remove it or fix the quoting",
    ])
    // An empty trailing column (a spreadsheet's trailing comma) holds nothing to lose.
    expect(parseWorkloadCsv(`${HEADER},\nA,Qwen3,30,1,0,1,5,\n`)).toHaveLength(1)
  })

  it('checks every row and says how many problems it did not list', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `T${i},Qwen3,30,1,0,1,-1`).join('\n')
    const e = (() => {
      try {
        parseWorkloadCsv(`${HEADER}\n${rows}\nT0,Qwen3,30,1,0,1,1\n`, 'bad.csv')
      } catch (err) {
        return err as InputError
      }
      throw new Error('expected a refusal')
    })()
    expect(e.issues).toHaveLength(51)
    expect(e.issues[49]).toMatchObject({ where: 'line 51', field: 'Tokens' })
    // 120 bad tokens and one duplicate id on the last line: 121 problems, 50 listed.
    expect(e.issues[50]).toEqual({ where: 'file', message: 'and 71 more problems (only the first 50 are listed)' })
  })
})

describe('recordStartLines', () => {
  const pieces = ['a', 'b', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'x y']

  it('finds as many records as d3-dsv, each starting on the line its first field is on', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        const rows = csvParseRows(text)
        const lines = recordStartLines(text)
        expect(lines).toHaveLength(rows.length)
        const physical = text.split(/\r\n|\r|\n/)
        rows.forEach((row, r) => {
          const first = row[0] ?? ''
          // An unquoted first field is the start of its line, verbatim.
          if (!first.includes('"') && !/[\r\n]/.test(first) && !physical[lines[r]! - 1]!.startsWith('"')) {
            expect(physical[lines[r]! - 1]!.startsWith(first)).toBe(true)
          }
        })
        for (let r = 1; r < lines.length; r++) expect(lines[r]!).toBeGreaterThan(lines[r - 1]!)
      }),
      { numRuns: 500, seed: 10 },
    )
  })
})
