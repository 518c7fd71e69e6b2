import type { SweepDefinition } from '../../sweep/definition.ts'
import type { SweepResult } from '../../sweep/result.ts'
import type { SliceCreator } from './slice.ts'

export type SweepStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled'

/** The sweep the Sweep view shows: what the sweep runner (store/sweep-runner.ts) reports of it. */
export interface SweepRunState {
  /** Changes with every "Run sweep": the runner starts on it, and ignores news of older runs. */
  readonly runId: number
  readonly status: SweepStatus
  readonly definition: SweepDefinition | null
  /** Scenarios finished, of `total`. */
  readonly done: number
  readonly total: number
  /** Workers the runner runs it on. */
  readonly workers: number
  /** The runs so far (while running, refreshed now and then); the whole sweep once done. */
  readonly result: SweepResult | null
  readonly error: string | null
}

export interface SweepSlice {
  readonly sweep: SweepRunState
  readonly actions: SweepActions
}

export interface SweepActions {
  startSweep(definition: SweepDefinition): void
  cancelSweep(): void
  sweepStarted(runId: number, total: number, workers: number): void
  sweepProgress(runId: number, done: number, result: SweepResult | null): void
  finishSweep(runId: number, result: SweepResult): void
  failSweep(runId: number, message: string): void
  /** The runs finished before a cancel, so the curves show them. */
  keepCancelled(runId: number, result: SweepResult): void
}

const idle: SweepRunState = { runId: 0, status: 'idle', definition: null, done: 0, total: 0, workers: 0, result: null, error: null }

export const createSweepSlice: SliceCreator<SweepSlice> = (set) => {
  /** An update for the run in flight only: news of a cancelled or replaced run is dropped. */
  const ofRun = (runId: number, patch: (s: SweepRunState) => Partial<SweepRunState>) =>
    set((st) => (st.sweep.runId !== runId || st.sweep.status !== 'running' ? {} : { sweep: { ...st.sweep, ...patch(st.sweep) } }))
  return {
    sweep: idle,
    actions: {
      startSweep: (definition) => set((st) => ({ sweep: { ...idle, runId: st.sweep.runId + 1, status: 'running', definition } })),
      cancelSweep: () => set((st) => (st.sweep.status === 'running' ? { sweep: { ...st.sweep, status: 'cancelled' } } : {})),
      sweepStarted: (runId, total, workers) => ofRun(runId, () => ({ total, workers })),
      sweepProgress: (runId, done, result) => ofRun(runId, (s) => ({ done, result: result ?? s.result })),
      finishSweep: (runId, result) => ofRun(runId, (s) => ({ status: 'done', done: s.total, result })),
      failSweep: (runId, message) => ofRun(runId, () => ({ status: 'error', error: message })),
      keepCancelled: (runId, result) => set((st) => (st.sweep.runId !== runId || st.sweep.status !== 'cancelled' ? {} : { sweep: { ...st.sweep, result } })),
    },
  }
}
