/**
 * Hostile inputs for the fuzz campaign, from a seed: malformed and extreme workload CSVs,
 * scenario JSONs, share links and saved states. Each starts from something valid and is bent
 * by a few mutations drawn from what real files, typos and attacks look like.
 */
import { zlibSync } from 'fflate'
import { createRng, type Rng } from '../../src/engine/rng.ts'
import type { TaskSpec } from '../../src/engine/types.ts'
import { formatWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { STORAGE_KEY } from '../../src/store/persistence.ts'
import { LINK_PREFIX, zipText } from '../../src/sharing/share-link.ts'

export type FuzzInput =
  | { readonly kind: 'csv'; readonly name: string; readonly text: string }
  | { readonly kind: 'json'; readonly name: string; readonly text: string }
  | { readonly kind: 'link'; readonly hash: string }
  | { readonly kind: 'saved'; readonly storage: Readonly<Record<string, string>> }

export const INPUT_KINDS = ['csv', 'json', 'link', 'saved'] as const

/** Names built into every object, plain typos, and catalog names. */
const NAMES = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'prototype', 'Qwen3', 'Llama3-70B', 'DeepSeek-R1', 'Mystery', '', ' ', 'h100', 'a,b', 'x"y', 'é日本🙂', 'A'.repeat(300)]
const NUMBERS = ['0', '1', '-1', '1e20', '1e308', '-0', '5e-324', '1e17', '1e9', '0x10', 'NaN', 'Infinity', '1e400', '', ' ', '1.5', '2.', '.5', '1e-9', 'abc', '007', '+3', '9007199254740993']
const JSON_VALUES: readonly unknown[] = [0, 1, -1, 1e20, 1e308, -0, 5e-324, 1e17, 1e9, 1e-9, 0.5, 2 ** 31, null, true, false, '', '8', '1e3', [], [8], {}, { groups: [] }, 'constructor', '__proto__', 'h100:1000000000000', 'h100:8', 'mixed_8gpu']
const CLUSTERS: readonly unknown[] = [
  'constructor',
  '__proto__',
  'hasOwnProperty',
  '__proto__:8',
  'h100:1000000000000',
  'h100:0',
  'h100:8,a100:4',
  'tpu:8',
  'h100_7gpu',
  { groups: [{ gpu: 'h100', count: '8' }] },
  { groups: [{ gpu: 'h100', count: [8] }] },
  { groups: [{ gpu: 'h100', count: true }] },
  { groups: [{ gpu: 'h100', count: 1e12 }] },
  { groups: [{ gpu: '__proto__', count: 8 }] },
  { name: '__proto__', groups: [{ gpu: 'a30', count: 3 }] },
  { groups: [] },
  { groups: 'h100' },
  'h100_8gpu',
  'mixed_32gpu',
  'h100:1',
]

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1))

/** A small valid workload: the base every input bends. */
function baseTasks(rng: Rng): TaskSpec[] {
  const n = int(rng, 1, 25)
  return Array.from({ length: n }, (_, i): TaskSpec => ({
    id: `T${i + 1}`,
    model: pick(rng, ['Qwen3', 'Llama3-8B', 'Llama3-70B', 'Mixtral-8x7B', 'Mystery']),
    ...(rng.next() < 0.5 && { memoryGB: pick(rng, [10, 30, 80, 200]) }),
    weight: pick(rng, [0, 1, 2, 10, 0.5]),
    arrivalS: rng.next() < 0.3 ? 0 : Math.round(rng.next() * 3000) / 1000,
    phase: rng.next() < 0.5 ? 'prefill' : 'decode',
    tokens: pick(rng, [0, 1, 50, 500, 2000, int(rng, 0, 5000)]),
    ...(rng.next() < 0.3 && { tp: pick(rng, [1, 2, 4, 8]) }),
  }))
}

function mutateCsv(rng: Rng, text: string): string {
  const lines = text.split('\n')
  const row = () => int(rng, 1, Math.max(1, lines.length - 2))
  const setField = (value: string) => {
    const r = row()
    const cells = (lines[r] ?? '').split(',')
    cells[int(rng, 0, Math.max(0, cells.length - 1))] = value
    lines[r] = cells.join(',')
  }
  switch (int(rng, 0, 15)) {
    case 0: setField(pick(rng, NUMBERS)); break
    case 1: {
      const name = pick(rng, NAMES)
      setField(/[,"\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name)
      break
    }
    case 2: setField(`"quoted\nid ${int(rng, 0, 9)}"`); break
    case 3: lines[row()] += `,${pick(rng, ['extra', '', 'x,y'])}`; break
    case 4: lines[0] += `,${pick(rng, ['Notes', 'Weight', 'TP', 'tp', ''])}`; break
    case 5: lines.splice(row(), 0, lines[row()] ?? ''); break // a duplicate id
    case 6: lines[row()] = (lines[row()] ?? '').split(',').slice(0, int(rng, 0, 6)).join(','); break
    case 7: return `\uFEFF${lines.join('\r\n')}`
    case 8: return text.slice(0, int(rng, 0, text.length))
    case 9: setField('"unterminated'); break
    case 10: lines[0] = lines[0]!.split(',').reverse().join(','); break
    case 11: lines[0] = pick(rng, ['', 'Task,Workload', 'task,workload,memory,weight,arrivaltime,phase,tokens', '"Task","Workload","Memory","Weight","ArrivalTime","Phase","Tokens"']); break
    case 12: setField(pick(rng, ['1e20', '1e17', '1e9', '1000000000'])); break
    case 13: lines.push(...Array.from({ length: int(rng, 1, 60) }, (_, i) => `X${i},Qwen3,30,-1,0,1,5`)); break
    case 14: lines.splice(1, 0, '', ' , , ', ''); break
    case 15: setField(pick(rng, ['  7 ', '1,000', '1_000', '²'])); break
  }
  return lines.join('\n')
}

/** Values every reader accepts that stress the engine: tiny and huge magnitudes, ties, grid edges. */
const EXTREME = {
  arrival: [0, 1e-11, 0.3 + 1e-12, 3 + 1e-11, 5e-324, 0.1, 0.30000000000000004, 1e9, 499_999_999.3, 1e6],
  tokens: [0, 1, 999, 1_000_000, 1e9],
  weight: [0, 1e9, 1e-300, 5e-324, 0.1],
  dt: [1e-6, 1e-3, 0.3, 7, 1e9, 0.01],
  maxTime: [null, 1e-9, 0.05, 1e9, 5],
  memory: [0, 1e300, 80, 81],
  tp: [1, 3, 8, 16, 64],
} as const

/** One valid but extreme change to a scenario document. */
function extremeChange(rng: Rng, doc: Record<string, unknown>, tasks: Record<string, unknown>[]): void {
  const t = tasks[int(rng, 0, tasks.length - 1)]!
  switch (int(rng, 0, 7)) {
    case 0: t.arrival = pick(rng, EXTREME.arrival); break
    case 1: t.tokens = pick(rng, EXTREME.tokens); break
    case 2: t.weight = pick(rng, EXTREME.weight); break
    case 3: doc.dt = pick(rng, EXTREME.dt); break
    case 4: doc.maxTime = pick(rng, EXTREME.maxTime); break
    case 5: t.memory = pick(rng, EXTREME.memory); t.model = 'Mystery'; t.tp = pick(rng, EXTREME.tp); break
    case 6: doc.cluster = pick(rng, ['h100:1', 'a30:3', 'l4:2,h200:8', 'h100:4096', 'mixed_8gpu', 'h100_64gpu']); break
    case 7: for (const x of tasks) x.arrival = 0; doc.backfill = false; break
  }
}

function hostileDoc(rng: Rng): unknown {
  const tasks = baseTasks(rng).map((t) => ({ id: t.id, model: t.model, weight: t.weight, arrival: t.arrivalS, phase: t.phase, tokens: t.tokens, ...(t.tp !== undefined && { tp: t.tp }), ...(t.memoryGB !== undefined && { memory: t.memoryGB }) }))
  const doc: Record<string, unknown> = { version: 1, cluster: pick(rng, CLUSTERS.slice(-4)), dt: pick(rng, [0.01, 0.1, 0.05]), maxTime: pick(rng, [5, 60, null]), mode: pick(rng, ['exact', 'reference']), tasks }
  if (rng.next() < 0.5) {
    // Half are valid but extreme: they reach the engine.
    for (let m = int(rng, 1, 4); m > 0; m--) extremeChange(rng, doc, tasks as Record<string, unknown>[])
    return doc
  }
  for (let m = int(rng, 1, 3); m > 0; m--) {
    const t = tasks[int(rng, 0, tasks.length - 1)] as Record<string, unknown>
    switch (int(rng, 0, 13)) {
      case 0: doc.cluster = pick(rng, CLUSTERS); break
      case 1: doc[pick(rng, ['dt', 'maxTime', 'version', 'backfill', 'mode', 'name'])] = pick(rng, JSON_VALUES); break
      case 2: t[pick(rng, ['id', 'model', 'weight', 'arrival', 'phase', 'tokens', 'tp', 'memory'])] = pick(rng, JSON_VALUES); break
      case 3: delete t[pick(rng, ['id', 'model', 'weight', 'arrival', 'phase', 'tokens'])]; break
      case 4: t[pick(rng, ['weigth', 'TP', '__proto__', 'constructor', 'extra'])] = 1; break
      case 5: doc[pick(rng, ['labels', 'serving', 'constructor'])] = 'x'; break
      case 6: doc.algorithms = pick(rng, [[], ['LIFO'], ['constructor'], 'FIFO', ['FIFO', 'FIFO'], [null]]); break
      case 7: tasks.push({ ...(tasks[0] as object) } as never); break // duplicate id
      case 8: doc.dt = pick(rng, [1e-9, 5e-324, 1e308, 1e-6]); doc.maxTime = pick(rng, [null, 5, 1e9]); break
      case 9: t.arrival = pick(rng, [1e17, 1e12, 1e9, 5e8, 3 + 1e-11, 5e-324]); doc.maxTime = pick(rng, [null, 5]); break
      case 10: t.weight = pick(rng, [1e308, 1e9, 1e10]); break
      case 11: doc.tasks = pick(rng, [[], {}, 'tasks', null, [[]], [1, 2]]); break
      case 12: t.tokens = pick(rng, [1e20, 1e9, 1e6, 2 ** 53]); break
      case 13: doc.cluster = { name: 'custom', groups: [{ gpu: pick(rng, ['h100', 'a30', 'l4']), count: int(rng, 1, 20) }], ...(rng.next() < 0.3 && { nodes: 2 }) }; break
    }
  }
  return doc
}

function jsonText(rng: Rng): string {
  const r = rng.next()
  if (r < 0.05) return `${'['.repeat(5000)}${']'.repeat(5000)}`
  if (r < 0.08) return `{"version": 1, "tasks": [${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}]}`
  const text = JSON.stringify(hostileDoc(rng))
  if (r < 0.15) return text.slice(0, int(rng, 0, text.length))
  if (r < 0.18) return text.replace(/"/, "'")
  return text
}

function linkOf(rng: Rng): string {
  const r = rng.next()
  if (r < 0.1) return `${LINK_PREFIX}${pick(rng, ['', 'abc', '1.', '1.!!!', '0.eJw', '2.eJw', 'x.y', '1.' + 'A'.repeat(int(rng, 1, 200))])}`
  if (r < 0.15) {
    // A zlib bomb: a few kilobytes that unzip to tens of megabytes.
    const bytes = zlibSync(new Uint8Array(int(rng, 5, 12) * 1_000_000).fill(32), { level: 9 })
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return `${LINK_PREFIX}1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
  }
  const doc = hostileDoc(rng) as Record<string, unknown>
  const json = rng.next() < 0.3 ? jsonText(rng) : JSON.stringify({ label: pick(rng, ['lesson', '', 'A'.repeat(500), 1]), ...doc })
  const hash = `${LINK_PREFIX}1.${zipText(json)}`
  return rng.next() < 0.15 ? hash.slice(0, int(rng, 3, hash.length)) : hash
}

function savedOf(rng: Rng): Record<string, string> {
  const r = rng.next()
  const doc = hostileDoc(rng)
  const view = pick(rng, [{}, { colorBy: 'rainbow', speed: 1e9, focus: 'constructor', dimFuture: 'yes' }, null, 'view'])
  let text: string
  if (r < 0.1) text = pick(rng, ['', 'null', '[]', '{', '{"version": 3}', '{"version": 2}', `{"version": 1, "scenarioJson": 5}`])
  else if (r < 0.15) text = `{"version": 2, "scenario": ${'['.repeat(5000)}${']'.repeat(5000)}}`
  else if (r < 0.25) text = JSON.stringify({ version: 2, label: 'x', view, scenarioZip: pick(rng, ['!!!', '', zipText(jsonText(rng)), zipText(' '.repeat(int(rng, 1, 3) * 1_000_000))]) })
  else if (r < 0.35) text = JSON.stringify({ version: 1, scenarioJson: jsonText(rng), label: 'old' })
  else text = JSON.stringify({ version: 2, label: pick(rng, ['x', 5]), view, scenario: doc })
  return { [STORAGE_KEY]: text }
}

/** The i-th input of the campaign with `seed`: the same pair always gives the same input. */
export function fuzzInput(seed: number, i: number): FuzzInput {
  const rng = createRng(seed * 1_000_003 + i)
  const kind = INPUT_KINDS[i % INPUT_KINDS.length]!
  switch (kind) {
    case 'csv': {
      const tasks = baseTasks(rng)
      if (rng.next() < 0.5) {
        // Valid but extreme values in place of some fields: these reach the engine.
        for (const t of tasks) {
          if (rng.next() < 0.3) Object.assign(t, { arrivalS: pick(rng, EXTREME.arrival) })
          if (rng.next() < 0.2) Object.assign(t, { tokens: pick(rng, EXTREME.tokens) })
          if (rng.next() < 0.2) Object.assign(t, { weight: pick(rng, EXTREME.weight) })
        }
        return { kind, name: `fuzz-${i}.csv`, text: formatWorkloadCsv(tasks) }
      }
      let text = formatWorkloadCsv(tasks)
      for (let m = int(rng, 1, 3); m > 0; m--) text = mutateCsv(rng, text)
      return { kind, name: `fuzz-${i}.csv`, text }
    }
    case 'json':
      return { kind, name: `fuzz-${i}.json`, text: jsonText(rng) }
    case 'link':
      return { kind, hash: linkOf(rng) }
    case 'saved':
      return { kind, storage: savedOf(rng) }
  }
}
