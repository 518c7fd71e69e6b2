import type { Metrics } from '../../engine/results.ts'
import type { ServingMetrics } from '../../engine/serving/metrics.ts'
import type { Scenario } from '../../engine/types.ts'
import { createTimeline, type Timeline, type TimelineColumns } from '../../run-view/timeline.ts'
import type { RemoteKeys } from '../../run-view/remote-keys.ts'
import type { PreparedRun } from '../../worker/protocol.ts'
import { defaultScenario } from '../defaults.ts'
import type { SliceCreator } from './slice.ts'

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled'

/**
 * What the worker sent for the current run. The timelines fill in place as the runner applies
 * batches (store/runner.ts); `version` says when the views should look at them again.
 */
export interface RunData {
  readonly runId: number
  /** The scenario this run simulates: views pair it with the timelines, even while an edit waits to re-run. */
  readonly scenario: Scenario
  readonly status: RunStatus
  readonly error: string | null
  readonly progress: number
  /** With, for a run of a moving policy written by a user, where its keys come from. */
  readonly prepared: (PreparedRun & { readonly remoteKeys?: RemoteKeys }) | null
  readonly timelines: Readonly<Record<string, Timeline>>
  readonly version: number
  readonly metrics: Readonly<Record<string, Metrics>>
  /** A serving run's own results keys per algorithm, as the CLI writes them (empty otherwise). */
  readonly servingMetrics: Readonly<Record<string, ServingMetrics>>
  /** The last step worth showing: the latest event published so far, over all algorithms. */
  readonly endStep: number
  /** Counts the worker's answers about a user policy's keys (RemoteKeys): the views re-rank. */
  readonly keysVersion: number
}

export interface RunSlice {
  readonly run: RunData
  readonly actions: RunActions
}

/** The run's lifecycle, driven by the runner; cancelRun by the user. */
export interface RunActions {
  /** Stops the run in flight (what has streamed stays). */
  cancelRun(): void
  beginRun(runId: number, scenario: Scenario): void
  /** `columns`: the timelines' columns, made by the worker (else allocated here). */
  prepared(prepared: PreparedRun & { readonly columns?: Readonly<Record<string, TimelineColumns>>; readonly remoteKeys?: RemoteKeys }): void
  /** The worker answered a question about a user policy's keys. */
  keysAnswered(runId: number): void
  /**
   * Tells the views that the timelines have changed (the runner applied batches to them) and
   * how far the run now reaches. The runner decides how often: see its publication pace.
   */
  publishRun(runId: number, progress: number, endStep: number): void
  /** `endStep`: the run's end as far as the batches applied tell (the last may be unpublished). */
  finishRun(runId: number, metrics: Readonly<Record<string, Metrics>>, endStep?: number, servingMetrics?: Readonly<Record<string, ServingMetrics>>): void
  failRun(runId: number, message: string): void
}

const emptyRun = (runId: number, scenario: Scenario): RunData => ({
  runId,
  scenario,
  status: 'idle',
  error: null,
  progress: 0,
  prepared: null,
  timelines: {},
  version: 0,
  metrics: {},
  servingMetrics: {},
  endStep: 0,
  keysVersion: 0,
})

export const createRunSlice: SliceCreator<RunSlice> = (set, _get, options) => ({
  run: emptyRun(0, options.scenario ?? defaultScenario()),
  actions: {
    cancelRun: () => set((s) => (s.run.status === 'running' ? { run: { ...s.run, status: 'cancelled' } } : {})),
    // The old run's end is kept until the new one is prepared, so the slider does not jump.
    // A prediction or divergence points into the run it was made on.
    beginRun: (runId, scenario) =>
      set((s) => ({ run: { ...emptyRun(runId, scenario), status: 'running', endStep: s.run.runId === 0 ? 0 : s.run.endStep }, prediction: null, divergence: null, student: null })),
    prepared: (p) =>
      set((s) => {
        if (p.runId !== s.run.runId) return {}
        const timelines: Record<string, Timeline> = {}
        for (const a of p.algorithms) timelines[a] = createTimeline(p.taskCount, p.gpuCount, p.columns?.[a])
        return { run: { ...s.run, prepared: p, timelines, endStep: 0 } }
      }),
    keysAnswered: (runId) => set((s) => (runId !== s.run.runId ? {} : { run: { ...s.run, keysVersion: s.run.keysVersion + 1 } })),
    publishRun: (runId, progress, endStep) =>
      set((s) =>
        runId !== s.run.runId
          ? {}
          : { run: { ...s.run, version: s.run.version + 1, progress, endStep }, step: s.followEnd ? endStep : s.step },
      ),
    finishRun: (runId, metrics, endStep = 0, servingMetrics = {}) =>
      set((s) => {
        if (runId !== s.run.runId) return {}
        const end = Math.max(1, s.run.endStep, endStep)
        return {
          // A new version: the last batches may not have been published.
          run: { ...s.run, status: 'done', metrics, servingMetrics, progress: 1, endStep: end, version: s.run.version + 1 },
          step: s.followEnd ? end : Math.min(s.step, end),
          followEnd: false,
        }
      }),
    failRun: (runId, message) =>
      set((s) => (runId !== s.run.runId && runId !== -1 ? {} : { run: { ...s.run, status: 'error', error: message }, playing: false })),
  },
})
