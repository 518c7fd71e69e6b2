import { iterationMix } from '../../src/run-view/serving-iterations.ts'
import type { Timeline } from '../../src/run-view/timeline.ts'

const TRACK_COLUMNS = ['item', 'stepOpen', 'stepClose', 't0', 't1', 'resOffset', 'resCount'] as const

/** A timeline's growable lists (resources, serving log, iteration mix) by name: values in use and their array. */
function growables(tl: Timeline): [string, { length: number; data: Int32Array | Float64Array }][] {
  const lists: [string, unknown][] = [
    ...tl.tracks.map((t, i): [string, unknown] => [`track ${i} resources`, t.resources]),
    ...Object.entries(tl.serving).map(([k, g]): [string, unknown] => [`serving ${k}`, g]),
    ...Object.entries(iterationMix(tl)).map(([k, g]): [string, unknown] => [`mix ${k}`, g]),
  ]
  return lists.filter((e): e is [string, { length: number; data: Int32Array | Float64Array }] => {
    const g = e[1]
    return typeof g === 'object' && g !== null && 'data' in g && (g.data instanceof Int32Array || g.data instanceof Float64Array)
  })
}

/** Every column a timeline widens (its tracks', its serving log's, its iteration mix's), by name. */
export function columnsOf(tl: Timeline): Map<string, Int32Array | Float64Array | Uint8Array> {
  const out = new Map<string, Int32Array | Float64Array | Uint8Array>()
  tl.tracks.forEach((t, i) => {
    for (const c of TRACK_COLUMNS) out.set(`track ${i} ${c}`, t[c])
  })
  for (const [name, g] of growables(tl)) out.set(name, g.data)
  return out
}

/** Each of those columns' values in use and room: its own length, or its track's. */
export function fillOf(tl: Timeline): { path: string; used: number; room: number }[] {
  const out: { path: string; used: number; room: number }[] = []
  tl.tracks.forEach((t, i) => {
    for (const c of TRACK_COLUMNS) out.push({ path: `track ${i} ${c}`, used: t.length, room: t[c].length })
  })
  for (const [name, g] of growables(tl)) out.push({ path: name, used: g.length, room: g.data.length })
  return out
}
