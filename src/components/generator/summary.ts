import type { TaskSpec } from '../../engine/types.ts'

export interface ShareOf<T> {
  readonly value: T
  readonly count: number
}

export interface WorkloadSummary {
  readonly count: number
  readonly firstS: number
  readonly lastS: number
  readonly prefillCount: number
  readonly meanPrefillTokens: number | null
  readonly meanDecodeTokens: number | null
  readonly weights: readonly ShareOf<number>[]
  readonly models: readonly ShareOf<string>[]
}

function tally<T>(values: readonly T[], order: (a: T, b: T) => number): ShareOf<T>[] {
  const m = new Map<T, number>()
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1)
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => order(a.value, b.value))
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length)

/** What the preview states about a generated workload. */
export function summarize(tasks: readonly TaskSpec[]): WorkloadSummary {
  const prefill = tasks.filter((t) => t.phase === 'prefill').map((t) => t.tokens)
  const decode = tasks.filter((t) => t.phase === 'decode').map((t) => t.tokens)
  let firstS = Infinity
  let lastS = -Infinity
  for (const t of tasks) {
    firstS = Math.min(firstS, t.arrivalS)
    lastS = Math.max(lastS, t.arrivalS)
  }
  return {
    count: tasks.length,
    firstS: tasks.length === 0 ? 0 : firstS,
    lastS: tasks.length === 0 ? 0 : lastS,
    prefillCount: prefill.length,
    meanPrefillTokens: mean(prefill),
    meanDecodeTokens: mean(decode),
    weights: tally(tasks.map((t) => t.weight), (a, b) => a - b),
    models: tally(tasks.map((t) => t.model), (a, b) => a.localeCompare(b)),
  }
}
