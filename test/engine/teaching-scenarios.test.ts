import { describe, expect, it } from 'vitest'
import { runAlgorithms } from '../../src/engine/simulation.ts'
import { TEACHING_SCENARIOS, teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'

/** Σ w·(C − A) and mean flow per algorithm, and each task's completion, by hand. */
const EXPECTED: Record<string, Record<string, { weighted: number; mean: number; completions: number[] }>> = {
  // Durations A 4, B 1, C 2, D 3 s; weights 1, 1, 4, 9; all at 0.
  'smith-rule': {
    FIFO: { weighted: 4 + 5 + 4 * 7 + 9 * 10, mean: 26 / 4, completions: [4, 5, 7, 10] },
    // D (9), C (4), then A and B (1) in queue order.
    WeightedFIFO: { weighted: 9 * 3 + 4 * 5 + 9 + 10, mean: 27 / 4, completions: [9, 10, 5, 3] },
    SRPT: { weighted: 1 + 4 * 3 + 9 * 6 + 10, mean: 20 / 4, completions: [10, 1, 3, 6] },
    // w / duration: D 3, C 2, B 1, A 0.25.
    WSRPT: { weighted: 9 * 3 + 4 * 5 + 6 + 10, mean: 24 / 4, completions: [10, 6, 5, 3] },
  },
  // Long 6 s (weight 3), S1 1 s (1), S2 3 s (1), S3 1 s (2); all at 0.
  convoy: {
    FIFO: { weighted: 3 * 6 + 7 + 10 + 2 * 11, mean: 34 / 4, completions: [6, 7, 10, 11] },
    WeightedFIFO: { weighted: 3 * 6 + 8 + 11 + 2 * 7, mean: 32 / 4, completions: [6, 8, 11, 7] },
    SRPT: { weighted: 3 * 11 + 1 + 5 + 2 * 2, mean: 19 / 4, completions: [11, 1, 5, 2] },
    // w / duration: S3 2, S1 1, Long 0.5, S2 0.33.
    WSRPT: { weighted: 3 * 8 + 2 + 11 + 2 * 1, mean: 22 / 4, completions: [8, 2, 11, 1] },
  },
  // A (0, 8 s, weight 10), B (1 s, 1 s, 1), C (2 s, 1 s, 3), preemptive (README "Preemption").
  preemption: {
    FIFO: { weighted: 10 * 8 + 8 + 3 * 8, mean: 8, completions: [8, 9, 10] },
    WeightedFIFO: { weighted: 10 * 8 + 9 + 3 * 7, mean: 8, completions: [8, 10, 9] },
    // A 0–1, B 1–2, C 2–3, A 3–10.
    SRPT: { weighted: 10 * 10 + 1 + 3 * 1, mean: 4, completions: [10, 2, 3] },
    // B (1/1) stays behind A (10/7); C (3/1) preempts A (10/6) at 2; A 3–9, B 9–10.
    WSRPT: { weighted: 10 * 9 + 9 + 3 * 1, mean: 19 / 3, completions: [9, 10, 3] },
  },
  // One node of 8: A TP 8 2 s (10), B TP 4 3 s (1), C TP 4 1 s (1), D TP 2 2 s (4), E TP 2 4 s (2).
  'tp-blocking': {
    // A 0–2; B, C 2; C done 3: D, E 3; ends B 5, D 5, E 7.
    FIFO: { weighted: 10 * 2 + 5 + 3 + 4 * 5 + 2 * 7, mean: 22 / 5, completions: [2, 5, 3, 5, 7] },
    // A 0–2; D, E, B at 2; C waits for 4 GPUs until B ends at 5.
    WeightedFIFO: { weighted: 10 * 2 + 5 + 6 + 4 * 4 + 2 * 6, mean: 23 / 5, completions: [2, 5, 6, 4, 6] },
    // C, D, E at 0 (A needs the whole node; backfill); B at 1; A only at 4.
    SRPT: { weighted: 10 * 6 + 4 + 1 + 4 * 2 + 2 * 4, mean: 17 / 5, completions: [6, 4, 1, 2, 4] },
    // w / duration: A 5, D 2, C 1, E 0.5, B 0.33. A 0–2; D, C, E at 2; B at 3.
    WSRPT: { weighted: 10 * 2 + 6 + 3 + 4 * 4 + 2 * 6, mean: 21 / 5, completions: [2, 6, 3, 4, 6] },
  },
}

describe('teaching scenarios', () => {
  it.each(TEACHING_SCENARIOS.map((t) => [t.name, t] as const))('%s: the numbers worked out by hand', (name, t) => {
    const s = t.scenario()
    expect(s.tasks.length).toBeLessThanOrEqual(10)
    const results = runAlgorithms(s, BUILT_IN_NAMES)
    for (const a of BUILT_IN_NAMES) {
      const want = EXPECTED[name]![a]!
      const r = results.get(a)!
      expect(r.tasks.map((x) => x.completionS), `${name} ${a}`).toEqual(want.completions)
      expect(r.metrics.weighted_waiting_time, `${name} ${a}`).toBeCloseTo(want.weighted, 9)
      expect(r.metrics.average_waiting_time, `${name} ${a}`).toBeCloseTo(want.mean, 9)
    }
    // SRPT, WeightedFIFO and WSRPT differ on the weighted flow.
    const weighted = ['SRPT', 'WeightedFIFO', 'WSRPT'].map((a) => results.get(a)!.metrics.weighted_waiting_time)
    expect(new Set(weighted).size).toBe(3)
  })

  it('finds a scenario by its name only', () => {
    expect(teachingScenario('convoy')?.scenario().tasks).toHaveLength(4)
    expect(teachingScenario('constructor')).toBeUndefined()
    expect(new Set(TEACHING_SCENARIOS.map((t) => t.name)).size).toBe(TEACHING_SCENARIOS.length)
  })
})
