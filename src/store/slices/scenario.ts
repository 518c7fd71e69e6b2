import { policies } from '../../engine/policies/registry.ts'
import type { ClusterSpec, Mode, Scenario } from '../../engine/types.ts'
import { defaultScenario } from '../defaults.ts'
import type { SliceCreator } from './slice.ts'

/** The scenario being edited: what undo and redo restore, and what every run simulates. */
export interface ScenarioSlice {
  readonly scenario: Scenario
  /** Where the scenario came from, for the picker ("discriminating", "llm_task2.csv"). */
  readonly scenarioLabel: string
  /** Registered policy names, in the registry's order. */
  readonly algorithms: readonly string[]
  readonly actions: ScenarioActions
}

export interface ScenarioActions {
  setScenario(scenario: Scenario, label: string, algorithms?: readonly string[]): void
  setMode(mode: Mode): void
  setCluster(cluster: ClusterSpec): void
  setBackfill(backfill: boolean): void
  /** Exact mode's preemptive option (README "Preemption"). */
  setPreemptive(preemptive: boolean): void
  toggleAlgorithm(algorithm: string): void
}

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, _get, options) => ({
  scenario: options.scenario ?? defaultScenario(),
  scenarioLabel: options.scenarioLabel ?? 'discriminating',
  algorithms: options.algorithms ?? policies.names(),
  actions: {
    setScenario: (scenario, label, algorithms) =>
      set((s) => {
        const list = algorithms ?? s.algorithms
        return {
          scenario,
          scenarioLabel: label,
          algorithms: list,
          focus: list.includes(s.focus) ? s.focus : list[0]!,
          selectedTask: null,
          hoveredTask: null,
          // What was explained or marked belongs to the tasks before; another scenario is a new question.
          highlight: null,
          explained: null,
          ...(label !== s.scenarioLabel && { revealed: false }),
        }
      }),
    setMode: (mode) => set((s) => ({ scenario: { ...s.scenario, mode } })),
    setCluster: (cluster) => set((s) => ({ scenario: { ...s.scenario, cluster } })),
    setBackfill: (backfill) => set((s) => ({ scenario: { ...s.scenario, backfill } })),
    setPreemptive: (on) =>
      set((s) => {
        // Off is the key's absence: the scenario is then the one it was before the option existed.
        const rest = { ...s.scenario }
        delete (rest as { preemptive?: boolean }).preemptive
        return { scenario: on ? { ...rest, preemptive: true } : rest }
      }),
    toggleAlgorithm: (a) =>
      set((s) => {
        const on = s.algorithms.includes(a)
        if (on && s.algorithms.length === 1) return {}
        // In the registry's order, whatever order they were switched on in.
        const algorithms = policies.names().filter((x) => (x === a ? !on : s.algorithms.includes(x)))
        return { algorithms, focus: algorithms.includes(s.focus) ? s.focus : algorithms[0]! }
      }),
  },
})
