import { parseClusterName } from '../engine/catalog/clusters.ts'
import type { ClusterSpec } from '../engine/types.ts'
import { InputError, IssueList } from '../engine/workloads/errors.ts'
import { parseJsonText, previewJson } from '../engine/workloads/json-text.ts'
import { checkSweep } from './check.ts'
import { defaultSweep, jobCount, type SweepDefinition } from './definition.ts'
import { isObject, readGenerator, type Bad } from './generator-json.ts'
import type { Shard, SweepRun } from './jobs.ts'
import { metricsFor } from './metrics.ts'
import { SWEEP_PARAM_NAMES, type SweepParamName } from './params.ts'
import { fromRuns, type SweepResult } from './result.ts'
import { sweepPolicyProblems, type SweepPolicyCode } from './user-policies.ts'

/**
 * The sweep file (`--out x.json`, the app's "Export sweep JSON", each shard's output): the
 * definition, then what it gave. `points` and `summary` are derived from the definition and
 * the runs, so a reader recomputes them rather than trusting them.
 */
export const SWEEP_FORMAT = 'schedscope-sweep'
export const SWEEP_VERSION = 1

const DEFINITION_KEYS = ['generator', 'cluster', 'mode', 'dt', 'maxTime', 'backfill', 'param', 'from', 'to', 'points', 'seeds', 'algorithms', 'policies']
const FILE_KEYS = ['format', 'version', 'definition', 'shard', 'complete', 'points', 'runs', 'summary']

/** The definition as JSON: `maxTime` is "inf" for no limit (JSON has no Infinity). */
export function definitionToJson(d: SweepDefinition): Record<string, unknown> {
  return {
    generator: d.generator,
    cluster: d.cluster,
    mode: d.mode,
    dt: d.dtS,
    maxTime: Number.isFinite(d.maxTimeS) ? d.maxTimeS : 'inf',
    backfill: d.backfill,
    param: d.param,
    from: d.from,
    to: d.to,
    points: d.points,
    seeds: d.seeds,
    algorithms: d.algorithms,
    // The code of the policies written by a user, so a shard or a re-run runs the same ones.
    ...(d.policies !== undefined && d.policies.length > 0 && { policies: d.policies }),
  }
}

export function formatSweepJson(r: SweepResult): string {
  const doc = { format: SWEEP_FORMAT, version: SWEEP_VERSION, definition: definitionToJson(r.definition), shard: r.shard, complete: r.complete, points: r.points, runs: r.runs, summary: r.summary }
  return `${JSON.stringify(doc, null, 1)}\n`
}

function readCluster(x: unknown, where: string, bad: Bad): ClusterSpec | undefined {
  if (typeof x === 'string') {
    try {
      return parseClusterName(x)
    } catch (e) {
      bad(where, x, (e as Error).message)
      return undefined
    }
  }
  if (!isObject(x) || typeof x.name !== 'string' || !Array.isArray(x.groups) || !x.groups.every(isObject)) {
    bad(where, x, 'must be a cluster name (h100_16gpu, h100:16,a100:8) or { name, groups: [{ gpu, count }] }')
    return undefined
  }
  return { name: x.name, groups: x.groups as unknown as ClusterSpec['groups'] }
}

/** A definition from JSON; a missing key takes the default sweep's value. */
function readDefinition(x: unknown, bad: Bad): SweepDefinition | undefined {
  const where = 'definition'
  if (!isObject(x)) {
    bad(where, x, 'must be an object')
    return undefined
  }
  for (const k of Object.keys(x)) if (!DEFINITION_KEYS.includes(k)) bad(`${where}.${k}`, x[k], `unknown key (a definition has ${DEFINITION_KEYS.join(', ')})`)
  const base = defaultSweep()
  const pick = <T>(key: string, ok: (v: unknown) => boolean, what: string, fallback: T): T => {
    const v = x[key]
    if (v === undefined) return fallback
    if (!ok(v)) bad(`${where}.${key}`, v, `must be ${what}`)
    return v as T
  }
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
  const generator = x.generator === undefined ? base.generator : readGenerator(x.generator, `${where}.generator`, bad)
  const cluster = x.cluster === undefined ? base.cluster : readCluster(x.cluster, `${where}.cluster`, bad)
  const maxTime = x.maxTime === undefined || x.maxTime === 'inf' ? Infinity : pick('maxTime', isNum, 'a number of seconds or "inf"', NaN)
  const d: SweepDefinition = {
    generator: generator ?? base.generator,
    cluster: cluster ?? base.cluster,
    mode: pick('mode', (v) => v === 'exact' || v === 'reference' || v === 'serving', 'exact, reference or serving', base.mode),
    dtS: pick('dt', isNum, 'a number of seconds', base.dtS),
    maxTimeS: maxTime,
    backfill: pick('backfill', (v) => typeof v === 'boolean', 'true or false', base.backfill),
    param: pick<SweepParamName>('param', (v) => SWEEP_PARAM_NAMES.includes(v as SweepParamName), `one of ${SWEEP_PARAM_NAMES.join(', ')}`, base.param),
    from: pick('from', isNum, 'a number', base.from),
    to: pick('to', isNum, 'a number', base.to),
    points: pick('points', isNum, 'a whole number', base.points),
    seeds: pick('seeds', isNum, 'a whole number', base.seeds),
    algorithms: pick('algorithms', (v) => Array.isArray(v) && v.every((a) => typeof a === 'string'), 'a list of policy names', base.algorithms),
    ...(x.policies !== undefined && { policies: x.policies as SweepPolicyCode[] }),
  }
  if (x.policies !== undefined) for (const [at, message] of sweepPolicyProblems(x.policies)) bad(`${where}.${at}`, undefined, message)
  return generator === undefined || cluster === undefined ? undefined : d
}

function readShard(x: unknown, bad: Bad): Shard | null {
  if (x === undefined || x === null) return null
  if (isObject(x) && Number.isInteger(x.index) && Number.isInteger(x.count) && (x.index as number) >= 1 && (x.index as number) <= (x.count as number)) {
    return { index: x.index as number, count: x.count as number }
  }
  bad('shard', x, 'must be null or { index, count } with 1 ≤ index ≤ count')
  return null
}

function readRuns(x: unknown, d: SweepDefinition, bad: Bad): SweepRun[] {
  if (x === undefined) return []
  if (!Array.isArray(x)) {
    bad('runs', x, 'must be a list')
    return []
  }
  const names = metricsFor(d.mode).map((m) => m.name)
  const seen = new Set<string>()
  const out: SweepRun[] = []
  x.forEach((r, i) => {
    const at = `runs[${i}]`
    if (!isObject(r)) return bad(at, r, 'must be { point, seed, algorithm, metrics }')
    const { point, seed, algorithm, metrics } = r
    if (!Number.isInteger(point) || (point as number) < 0 || (point as number) >= d.points) return bad(`${at}.point`, point, `must be a point index from 0 to ${d.points - 1}`)
    if (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) >= d.seeds) return bad(`${at}.seed`, seed, `must be a seed index from 0 to ${d.seeds - 1}`)
    if (typeof algorithm !== 'string' || !d.algorithms.includes(algorithm)) return bad(`${at}.algorithm`, algorithm, `must be one of the definition's policies (${d.algorithms.join(', ')})`)
    if (!isObject(metrics)) return bad(`${at}.metrics`, metrics, 'must be an object')
    for (const k of names) {
      const v = metrics[k]
      if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) return bad(`${at}.metrics.${k}`, v, 'must be a number or null')
    }
    const key = `${point}|${seed}|${algorithm}`
    if (seen.has(key)) return bad(at, undefined, `repeats point ${point}, seed ${seed}, ${algorithm}`)
    seen.add(key)
    out.push({ point: point as number, seed: seed as number, algorithm, metrics: Object.fromEntries(names.map((k) => [k, metrics[k] as number | null])) })
  })
  return out
}

/** Reads a sweep file: every problem reported with its JSON path; derived parts recomputed. */
export function parseSweepJson(text: string, source = 'sweep.json'): SweepResult {
  const doc = parseJsonText(text, source)
  const issues = new IssueList()
  const bad: Bad = (where, value, message) => issues.add(value === undefined ? { where, message } : { where, value: previewJson(value), message })
  if (!isObject(doc)) throw new InputError(source, [{ where: 'file', message: 'must hold a JSON object' }])
  if (doc.format !== SWEEP_FORMAT) bad('format', doc.format, `must be "${SWEEP_FORMAT}" (a sweep file)`)
  if (doc.version !== SWEEP_VERSION) bad('version', doc.version, `must be ${SWEEP_VERSION}`)
  for (const k of Object.keys(doc)) if (!FILE_KEYS.includes(k)) bad(k, doc[k], `unknown key (a sweep file has ${FILE_KEYS.join(', ')})`)
  const d = readDefinition(doc.definition, bad)
  if (d !== undefined && issues.count === 0) for (const p of checkSweep(d)) bad(`definition.${p.field}`, undefined, p.message)
  const shard = readShard(doc.shard, bad)
  if (d === undefined || issues.count > 0) throw new InputError(source, issues.list())
  const runs = readRuns(doc.runs, d, bad)
  if (issues.count > 0) throw new InputError(source, issues.list())
  if (runs.length > jobCount(d) * d.algorithms.length) throw new InputError(source, [{ where: 'runs', message: 'holds more runs than the definition has' }])
  return fromRuns(d, runs, shard)
}
