import type { CustomPolicySource } from '../../engine/policies/custom.ts'
import { policies } from '../../engine/policies/registry.ts'
import type { ClusterSpec, Mode, Scenario, TaskSpec } from '../../engine/types.ts'
import { defaultScenario } from '../defaults.ts'
import { ownPolicyNames, showCustomPolicies } from '../page-policies.ts'
import type { SliceCreator } from './slice.ts'

/** The scenario being edited: what undo and redo restore, and what every run simulates. */
export interface ScenarioSlice {
  readonly scenario: Scenario
  /** Where the scenario came from, for the picker ("discriminating", "llm_task2.csv"). */
  readonly scenarioLabel: string
  /** Registered policy names, in the registry's order. */
  readonly algorithms: readonly string[]
  /**
   * Policies written by the user (issue 17), as source: registered on the page as placeholders
   * (page-policies.ts), run in the simulation worker, kept in links and saved state.
   */
  readonly customPolicies: readonly CustomPolicySource[]
  readonly actions: ScenarioActions
}

export interface ScenarioActions {
  /** `customPolicies`: the scenario's own (a file's, a link's once accepted); else kept. */
  setScenario(scenario: Scenario, label: string, algorithms?: readonly string[], customPolicies?: readonly CustomPolicySource[]): void
  /**
   * New tasks for the scenario, its cluster and settings kept (a CSV import, a sample, the
   * generator: one path for all). The horizon follows the workload: a max time that the last
   * arrival reaches would leave tasks unstarted and the algorithms incomparable, so the run
   * goes on until every task completes instead, with a notice saying so (`source` names the
   * workload in it; `undoes` what Ctrl/⌘+Z takes back).
   */
  setWorkload(tasks: readonly TaskSpec[], name: string, label: string, source: { readonly name: string; readonly undoes: string }): void
  /** Adds a policy written by the user, or replaces the one named `replacing`; turns it on. */
  savePolicy(policy: CustomPolicySource, replacing?: string): void
  removePolicy(name: string): void
  setMode(mode: Mode): void
  setCluster(cluster: ClusterSpec): void
  setBackfill(backfill: boolean): void
  /** Exact mode's preemptive option (README "Preemption"). */
  setPreemptive(preemptive: boolean): void
  toggleAlgorithm(algorithm: string): void
}

const fmtSeconds = (s: number) => `${Number(s.toFixed(3))} s`

/** The algorithms in the registry's order, never none (the first built-in then). */
export function inOrder(names: readonly string[]): string[] {
  const out = policies.names().filter((n) => names.includes(n))
  return out.length > 0 ? out : ownPolicyNames().slice(0, 1)
}

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, get, options) => {
  // Registered before the first render reads the algorithms (later: in each action, and after undo: app-store.ts).
  if ((options.customPolicies ?? []).length > 0) showCustomPolicies(options.customPolicies!)
  return {
  scenario: options.scenario ?? defaultScenario(),
  scenarioLabel: options.scenarioLabel ?? 'discriminating',
  algorithms: options.algorithms ?? policies.names(),
  customPolicies: options.customPolicies ?? [],
  actions: {
    setScenario: (scenario, label, algorithms, customPolicies) =>
      set((s) => {
        const custom = customPolicies ?? s.customPolicies
        if (custom !== s.customPolicies) showCustomPolicies(custom)
        const list = algorithms ?? s.algorithms.filter((a) => !s.customPolicies.some((p) => p.name === a) || custom.some((p) => p.name === a))
        return {
          scenario,
          scenarioLabel: label,
          algorithms: list,
          customPolicies: custom,
          focus: list.includes(s.focus) ? s.focus : list[0]!,
          selectedTask: null,
          hoveredTask: null,
          // A problem with an earlier import is about a scenario no longer on screen.
          importProblem: null,
          // What was explained or marked belongs to the tasks before; another scenario is a new question.
          highlight: null,
          explained: null,
          ...(label !== s.scenarioLabel && { revealed: false }),
        }
      }),
    savePolicy: (policy, replacing) =>
      set((s) => {
        const old = replacing ?? policy.name
        const at = s.customPolicies.findIndex((p) => p.name === old)
        const custom = at < 0 ? [...s.customPolicies, policy] : s.customPolicies.map((p, i) => (i === at ? policy : p))
        showCustomPolicies(custom)
        const algorithms = inOrder([...s.algorithms.filter((a) => a !== old), policy.name])
        return { customPolicies: custom, algorithms, focus: s.focus === old ? policy.name : s.focus }
      }),
    removePolicy: (name) =>
      set((s) => {
        const custom = s.customPolicies.filter((p) => p.name !== name)
        if (custom.length === s.customPolicies.length) return {}
        const algorithms = inOrder(s.algorithms.filter((a) => a !== name))
        showCustomPolicies(custom)
        return { customPolicies: custom, algorithms, focus: algorithms.includes(s.focus) ? s.focus : algorithms[0]! }
      }),
    setWorkload: (tasks, name, label, source) => {
      const { scenario, actions } = get()
      const lastArrivalS = tasks.reduce((m, t) => Math.max(m, t.arrivalS), 0)
      const cutShort = Number.isFinite(scenario.maxTimeS) && lastArrivalS >= scenario.maxTimeS
      // A request CSV (input and output tokens) is a serving workload: run it as one.
      const requests = tasks.length > 0 && tasks.every((t) => t.inputTokens !== undefined && t.outputTokens !== undefined)
      const mode = requests ? 'serving' : scenario.mode
      // The list as given (read-only, here as there): what was worked out for it holds (colors.ts coloringFor).
      actions.setScenario({ ...scenario, name, maxTimeS: cutShort ? Infinity : scenario.maxTimeS, mode, tasks }, label)
      if (cutShort) {
        actions.setNotice(
          `${source.name}: its last task arrives at ${fmtSeconds(lastArrivalS)}, after the max time of ${fmtSeconds(scenario.maxTimeS)}, so the run now goes on until every task completes. Set a max time under Cluster & time; Ctrl/⌘+Z undoes ${source.undoes}.`,
        )
      }
    },
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
  }
}
