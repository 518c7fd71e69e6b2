import { temporal } from 'zundo'
import { subscribeWithSelector } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'
import type { Metrics } from '../engine/results.ts'
import { applyBatch, createTimeline, type Timeline, type TimelineColumns } from '../run-view/timeline.ts'
import type { SegmentBatch } from '../worker/recorder.ts'
import type { ClusterSpec, Mode, Scenario, TaskSpec } from '../engine/types.ts'
import type { PreparedRun } from '../worker/protocol.ts'
import { policies } from '../engine/policies/registry.ts'
import { DEFAULT_SPEED, defaultScenario } from './defaults.ts'

export type ColorBy = 'weight' | 'model'
export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled'

/** What the worker sent for the current run. Timelines fill in place; `version` says they changed. */
export interface RunData {
  readonly runId: number
  /** The scenario this run simulates: views pair it with the timelines, even while an edit waits to re-run. */
  readonly scenario: Scenario
  readonly status: RunStatus
  readonly error: string | null
  readonly progress: number
  readonly prepared: PreparedRun | null
  readonly timelines: Readonly<Record<string, Timeline>>
  readonly version: number
  readonly metrics: Readonly<Record<string, Metrics>>
  /** The last step worth showing: the latest event known so far, over all algorithms. */
  readonly endStep: number
}

export interface AppState {
  readonly scenario: Scenario
  /** Where the scenario came from, for the picker ("discriminating", "llm_task2.csv"). */
  readonly scenarioLabel: string
  readonly algorithms: readonly string[]
  readonly run: RunData
  /** The time cursor, shared by every view and algorithm (a step index). */
  readonly step: number
  readonly playing: boolean
  /** The time slider is being dragged: text panels refresh at a reading pace until it is let go. */
  readonly dragging: boolean
  /** Simulated seconds per real second; 0 = one step per frame. */
  readonly speed: number
  /** Keep the cursor at the end while a run streams in ("Run to end" pressed). */
  readonly followEnd: boolean
  readonly focus: string
  readonly selectedTask: number | null
  readonly hoveredTask: number | null
  /** Show the schedule after the cursor dimmed instead of hidden. */
  readonly dimFuture: boolean
  readonly colorBy: ColorBy
  /** The Gantt charts' shared time window in seconds; null = fit the whole run. */
  readonly viewS: readonly [number, number] | null
  readonly shortcutsOpen: boolean
  /** A message for the user that is not tied to a field (a link that could not be opened...). */
  readonly notice: string | null
  /**
   * Whether the scenario fits in a share link (else: export it as JSON), or its link is still
   * being encoded (a large scenario's waits for its run unless asked for: see sync.ts).
   */
  readonly linkStatus: LinkStatus
  /** The scenario's link (`#s=…`) once encoded; the address bar may get it later (see sync.ts). */
  readonly linkHash: string | null
  /** Someone waits for the link (Copy link): encode it now, even while a run streams in. */
  readonly linkWanted: boolean
  readonly actions: AppActions
}

export interface AppActions {
  setScenario(scenario: Scenario, label: string, algorithms?: readonly string[]): void
  setMode(mode: Mode): void
  setCluster(cluster: ClusterSpec): void
  setBackfill(backfill: boolean): void
  toggleAlgorithm(algorithm: string): void
  setStep(step: number): void
  setDragging(dragging: boolean): void
  stepBy(delta: number): void
  play(): void
  pause(): void
  togglePlay(): void
  runToEnd(): void
  reset(): void
  setSpeed(speed: number): void
  setFocus(algorithm: string): void
  select(task: number | null): void
  hover(task: number | null): void
  setDimFuture(dim: boolean): void
  setColorBy(colorBy: ColorBy): void
  setView(viewS: readonly [number, number] | null): void
  /** Zooms the time window by `factor` (> 1 zooms in) around its centre. */
  zoomBy(factor: number): void
  /** Pans the time window by a fraction of its width (negative: earlier). */
  panBy(fraction: number): void
  setShortcutsOpen(open: boolean): void
  setNotice(notice: string | null): void
  setLinkStatus(status: LinkStatus, hash?: string | null): void
  /** Asks for the scenario's link now (see linkWanted). */
  wantLink(): void
  /** Stops the run in flight (what has streamed stays). */
  cancelRun(): void
  // Run lifecycle, driven by the runner.
  beginRun(runId: number, scenario: Scenario): void
  /** `columns`: the timelines' columns, made by the worker (else allocated here). */
  /** `columns`: the timelines' columns, made by the worker (else allocated here). */
  prepared(prepared: PreparedRun & { readonly columns?: Readonly<Record<string, TimelineColumns>> }): void
  /**
   * Applies streamed batches to the timelines. With `publish` false the store is not told (its
   * views do not re-render) until a later call publishes: a run streams a batch per frame, and
   * re-rendering every view for each costs the frames the page needs.
   */
  applyBatches(runId: number, batches: readonly SegmentBatch[], progress: number, publish?: boolean): void
  finishRun(runId: number, metrics: Record<string, Metrics>): void
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
  endStep: 0,
})

/** The latest arrival in a task list (worked out once per list). */
const lastArrivals = new WeakMap<readonly TaskSpec[], number>()
function lastArrivalS(tasks: readonly TaskSpec[]): number {
  let last = lastArrivals.get(tasks)
  if (last === undefined) {
    last = 0
    for (const t of tasks) last = Math.max(last, t.arrivalS)
    lastArrivals.set(tasks, last)
  }
  return last
}

/** The whole run's time span: 0 to the last event (at least one step). */
export function fullView(s: Pick<AppState, 'run'>): [number, number] {
  const { scenario } = s.run
  const end = Math.max(1, s.run.endStep) * scenario.dtS
  if (s.run.status !== 'running') return [0, end]
  // While a run streams in its end moves with every batch. The window covers at once what the
  // run will reach at least (its last arrival, within the horizon), rounded up, and grows in
  // round steps past it, so the views' axes and bars are not rebuilt for each batch. Known from
  // the scenario, it is set as the run starts (the frame of the edit or import that started
  // it), not again when the worker has prepared the run. A finished run fits exactly.
  return [0, roundUp(Math.max(end, Math.min(lastArrivalS(scenario.tasks), scenario.maxTimeS)))]
}

const ROUND_STEPS = [1, 2, 5, 10]

/** The smallest of 1, 2, 5 × a power of ten that is at least x (> 0). */
export function roundUp(x: number): number {
  const unit = 10 ** Math.floor(Math.log10(x))
  const step = ROUND_STEPS.find((k) => k * unit >= x * (1 - 1e-12)) ?? 10
  return step * unit
}

/** Keeps a window inside the run, or null when it covers all of it (= fit). */
function clampView(s: Pick<AppState, 'run'>, [t0, t1]: readonly [number, number]): readonly [number, number] | null {
  const [lo, hi] = fullView(s)
  const width = t1 - t0
  if (width >= hi - lo) return null
  const start = Math.min(Math.max(t0, lo), hi - width)
  return [start, start + width]
}

export interface StoreOptions {
  readonly scenario?: Scenario
  readonly scenarioLabel?: string
  readonly algorithms?: readonly string[]
  readonly colorBy?: ColorBy
  readonly dimFuture?: boolean
  readonly speed?: number
  readonly focus?: string | null
  readonly notice?: string | null
}

export type LinkStatus = 'ok' | 'too-large' | 'pending'

export type AppStore = ReturnType<typeof createAppStore>

/** What undo and redo restore: the scenario being edited, not playback or view state. */
type Edited = Pick<AppState, 'scenario' | 'algorithms' | 'scenarioLabel'>

export function createAppStore(options: StoreOptions = {}) {
  return createStore<AppState>()(
    subscribeWithSelector(
      temporal<AppState, [['zustand/subscribeWithSelector', never]], [], Edited>((set, get) => {
      const clampStep = (step: number) => Math.max(0, Math.min(Math.round(step), get().run.endStep))
      /** The run's end as far as applied batches tell, published or not (see applyBatches). */
      let unpublishedEndStep = 0
      const setScenario = (scenario: Scenario, label: string, algorithms?: readonly string[]) =>
        set((s) => ({
          scenario,
          scenarioLabel: label,
          algorithms: algorithms ?? s.algorithms,
          focus: (algorithms ?? s.algorithms).includes(s.focus) ? s.focus : (algorithms ?? s.algorithms)[0]!,
          selectedTask: null,
          hoveredTask: null,
        }))
      const actions: AppActions = {
        setScenario,
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
        setStep: (step) => set({ step: clampStep(step), followEnd: false }),
        setDragging: (dragging) => set({ dragging }),
        stepBy: (delta) => set((s) => ({ step: clampStep(s.step + delta), followEnd: false, playing: false })),
        play: () =>
          set((s) => ({
            playing: true,
            followEnd: false,
            // Play from the start again once the end is reached.
            step: s.step >= s.run.endStep && s.run.status === 'done' ? 0 : s.step,
          })),
        pause: () => set({ playing: false }),
        togglePlay: () => (get().playing ? actions.pause() : actions.play()),
        runToEnd: () => set((s) => ({ step: s.run.endStep, playing: false, followEnd: s.run.status !== 'done' })),
        reset: () => set({ step: 0, playing: false, followEnd: false }),
        setSpeed: (speed) => set({ speed }),
        setFocus: (focus) => set({ focus }),
        select: (selectedTask) => set({ selectedTask }),
        hover: (hoveredTask) => set({ hoveredTask }),
        setDimFuture: (dimFuture) => set({ dimFuture }),
        setColorBy: (colorBy) => set({ colorBy }),
        setView: (viewS) => set({ viewS }),
        zoomBy: (factor) =>
          set((s) => {
            const [t0, t1] = s.viewS ?? fullView(s)
            const mid = (t0 + t1) / 2
            const half = Math.max((t1 - t0) / 2 / factor, s.run.scenario.dtS * 2)
            return { viewS: clampView(s, [mid - half, mid + half]) }
          }),
        panBy: (fraction) =>
          set((s) => {
            const [t0, t1] = s.viewS ?? fullView(s)
            const shift = (t1 - t0) * fraction
            return { viewS: clampView(s, [t0 + shift, t1 + shift]) }
          }),
        setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
        setNotice: (notice) => set({ notice }),
        setLinkStatus: (linkStatus, linkHash = null) => set({ linkStatus, linkHash, linkWanted: false }),
        wantLink: () => set({ linkWanted: true }),
        cancelRun: () => set((s) => (s.run.status === 'running' ? { run: { ...s.run, status: 'cancelled' } } : {})),

        beginRun: (runId, scenario) => set((s) => ({ run: { ...emptyRun(runId, scenario), status: 'running', endStep: s.run.runId === 0 ? 0 : s.run.endStep } })),
        prepared: (p) =>
          set((s) => {
            if (p.runId !== s.run.runId) return {}
            const timelines: Record<string, Timeline> = {}
            for (const a of p.algorithms) timelines[a] = createTimeline(p.taskCount, p.gpuCount, p.columns?.[a])
            unpublishedEndStep = 0
            return { run: { ...s.run, prepared: p, timelines, endStep: 0 } }
          }),
        applyBatches: (runId, batches, progress, publish = true) => {
          const s = get()
          const p = s.run.prepared
          if (runId !== s.run.runId || p === null) return
          let endStep = Math.max(s.run.endStep, unpublishedEndStep)
          p.algorithms.forEach((a, i) => {
            const b = batches[i]
            if (b === undefined) return
            applyBatch(s.run.timelines[a]!, b)
            endStep = Math.max(endStep, b.lastEventStep)
          })
          unpublishedEndStep = endStep
          if (!publish) return
          set((s) => ({
            run: { ...s.run, version: s.run.version + 1, progress, endStep },
            step: s.followEnd ? endStep : Math.min(s.step, Math.max(endStep, s.step)),
          }))
        },
        finishRun: (runId, metrics) =>
          set((s) => {
            if (runId !== s.run.runId) return {}
            const endStep = Math.max(1, s.run.endStep, unpublishedEndStep)
            return {
              // A new version: the last batches may not have been published.
              run: { ...s.run, status: 'done', metrics, progress: 1, endStep, version: s.run.version + 1 },
              step: s.followEnd ? endStep : Math.min(s.step, endStep),
              followEnd: false,
            }
          }),
        failRun: (runId, message) =>
          set((s) => (runId !== s.run.runId && runId !== -1 ? {} : { run: { ...s.run, status: 'error', error: message }, playing: false })),
      }
      const algorithms = options.algorithms ?? policies.names()
      return {
        scenario: options.scenario ?? defaultScenario(),
        scenarioLabel: options.scenarioLabel ?? 'discriminating',
        algorithms,
        run: emptyRun(0, options.scenario ?? defaultScenario()),
        step: 0,
        playing: false,
        dragging: false,
        speed: options.speed ?? DEFAULT_SPEED,
        followEnd: false,
        focus: options.focus != null && algorithms.includes(options.focus) ? options.focus : algorithms[0]!,
        selectedTask: null,
        hoveredTask: null,
        dimFuture: options.dimFuture ?? false,
        colorBy: options.colorBy ?? 'weight',
        viewS: null,
        shortcutsOpen: false,
        notice: options.notice ?? null,
        linkStatus: 'ok',
        linkHash: null,
        linkWanted: false,
        actions,
      }
    }, {
      partialize: (s): Edited => ({ scenario: s.scenario, algorithms: s.algorithms, scenarioLabel: s.scenarioLabel }),
      equality: (a, b) => a.scenario === b.scenario && a.algorithms === b.algorithms && a.scenarioLabel === b.scenarioLabel,
      limit: 200,
    }),
    ),
  )
}
