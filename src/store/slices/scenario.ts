import { policies } from '../../engine/policies/registry.ts'
import type { ClusterSpec, Mode, Scenario, TaskSpec } from '../../engine/types.ts'
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
  /**
   * New tasks for the scenario, its cluster and settings kept (a CSV import, a sample, the
   * generator: one path for all). The horizon follows the workload: a max time that the last
   * arrival reaches would leave tasks unstarted and the algorithms incomparable, so the run
   * goes on until every task completes instead, with a notice saying so (`source` names the
   * workload in it; `undoes` what Ctrl/⌘+Z takes back).
   */
  setWorkload(tasks: readonly TaskSpec[], name: string, label: string, source: { readonly name: string; readonly undoes: string }): void
  setMode(mode: Mode): void
  setCluster(cluster: ClusterSpec): void
  setBackfill(backfill: boolean): void
  toggleAlgorithm(algorithm: string): void
}

const fmtSeconds = (s: number) => `${Number(s.toFixed(3))} s`

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, get, options) => ({
  scenario: options.scenario ?? defaultScenario(),
  scenarioLabel: options.scenarioLabel ?? 'discriminating',
  algorithms: options.algorithms ?? policies.names(),
  actions: {
    setScenario: (scenario, label, algorithms) =>
      set((s) => {
        const list = algorithms ?? s.algorithms
        // A problem with an earlier import is about a scenario no longer on screen.
        return { scenario, scenarioLabel: label, algorithms: list, focus: list.includes(s.focus) ? s.focus : list[0]!, selectedTask: null, hoveredTask: null, importProblem: null }
      }),
    setWorkload: (tasks, name, label, source) => {
      const { scenario, actions } = get()
      const lastArrivalS = tasks.reduce((m, t) => Math.max(m, t.arrivalS), 0)
      const cutShort = Number.isFinite(scenario.maxTimeS) && lastArrivalS >= scenario.maxTimeS
      actions.setScenario({ ...scenario, name, maxTimeS: cutShort ? Infinity : scenario.maxTimeS, tasks: [...tasks] }, label)
      if (cutShort) {
        actions.setNotice(
          `${source.name}: its last task arrives at ${fmtSeconds(lastArrivalS)}, after the max time of ${fmtSeconds(scenario.maxTimeS)}, so the run now goes on until every task completes. Set a max time under Cluster & time; Ctrl/⌘+Z undoes ${source.undoes}.`,
        )
      }
    },
    setMode: (mode) => set((s) => ({ scenario: { ...s.scenario, mode } })),
    setCluster: (cluster) => set((s) => ({ scenario: { ...s.scenario, cluster } })),
    setBackfill: (backfill) => set((s) => ({ scenario: { ...s.scenario, backfill } })),
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
