import type { Phase } from '../types.ts'
import type { PerformanceFactory } from './performance.ts'

/** The reference's fixed service rates, per task, whatever the model or TP. */
export const PREFILL_TOKENS_PER_S = 1000
export const DECODE_TOKENS_PER_S = 5000

/** How long a task runs: tokens / rate, computed as the reference does (one division). */
export function fixedRateDurationS(phase: Phase, tokens: number): number {
  return tokens / (phase === 'prefill' ? PREFILL_TOKENS_PER_S : DECODE_TOKENS_PER_S)
}

/** The fixed-rate model: the same duration on any GPUs, worked out once per task. */
export const fixedRate: PerformanceFactory = (_cluster, tasks) => {
  const durations = new Float64Array(tasks.length)
  for (let i = 0; i < tasks.length; i++) durations[i] = fixedRateDurationS(tasks[i]!.phase, tasks[i]!.tokens)
  return { name: 'fixed-rate', durationS: (task) => durations[task]! }
}
