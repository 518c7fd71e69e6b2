import { temporal } from 'zundo'
import { subscribeWithSelector } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'
import type { CustomPolicySource } from '../engine/policies/custom.ts'
import type { Scenario } from '../engine/types.ts'
import { createLessonSlice, type LessonActions, type LessonSlice } from './slices/lesson.ts'
import { showCustomPolicies } from './page-policies.ts'
import { createPlaybackSlice, type PlaybackActions, type PlaybackSlice } from './slices/playback.ts'
import { createRunSlice, type RunActions, type RunSlice } from './slices/run.ts'
import { createScenarioSlice, type ScenarioActions, type ScenarioSlice } from './slices/scenario.ts'
import { createSharingSlice, type SharingActions, type SharingSlice } from './slices/sharing.ts'
import { createTeachingSlice, type TeachingActions, type TeachingSlice } from './slices/teaching.ts'
import { createStudentSlice, type StudentActions, type StudentSlice } from './slices/student.ts'
import { createSweepSlice, type SweepActions, type SweepSlice } from './slices/sweep.ts'
import { createViewSlice, type ColorBy, type ViewActions, type ViewSlice } from './slices/view.ts'

export type { ColorBy, ImportProblem, Page } from './slices/view.ts'
export type { RunData, RunStatus } from './slices/run.ts'
export type { LinkStatus } from './slices/sharing.ts'
export type { SweepRunState, SweepStatus } from './slices/sweep.ts'

export type AppActions = ScenarioActions & RunActions & PlaybackActions & ViewActions & SharingActions & TeachingActions & LessonActions & SweepActions & StudentActions

/**
 * The app's state, in slices (zustand's slices pattern): the scenario being edited (with
 * undo), the run the worker streams in, playback, how it is viewed, its share link, teaching
 * (hide and reveal, predictions, explanations), lessons (the lesson open, presentation mode)
 * and the load sweep of the Sweep view. Each slice's actions live in its file; `actions`
 * holds them all.
 */
export type AppState = Omit<ScenarioSlice & RunSlice & PlaybackSlice & ViewSlice & SharingSlice & TeachingSlice & LessonSlice & SweepSlice & StudentSlice, 'actions'> & { readonly actions: AppActions }

export interface StoreOptions {
  readonly scenario?: Scenario
  readonly scenarioLabel?: string
  readonly algorithms?: readonly string[]
  /** Policies written by the user (already accepted, when they came with a link). */
  readonly customPolicies?: readonly CustomPolicySource[]
  /** A link's policies waiting for the user's consent before they run (ConsentDialog). */
  readonly offeredPolicies?: OfferedPolicies | null
  readonly colorBy?: ColorBy
  readonly dimFuture?: boolean
  readonly speed?: number
  readonly focus?: string | null
  readonly notice?: string | null
  /** Presentation mode (a link's or saved state's). */
  readonly presentation?: boolean
  /** A time to move the cursor to once the first run is done (a link's or saved state's). */
  readonly cursorS?: number
  /** A lesson page to open first (applied by startFromOptions, after the store is made). */
  readonly lesson?: { readonly id: string; readonly page: number }
}

export type AppStore = ReturnType<typeof createAppStore>

/** Policies a link brought, not yet run: the algorithms the link names, to turn on once accepted. */
export interface OfferedPolicies {
  readonly policies: readonly CustomPolicySource[]
  readonly algorithms: readonly string[]
  /** Where they came from (the question names it); a link by default. */
  readonly from?: 'link' | 'file'
}

/** What undo and redo restore: the scenario being edited, not playback or view state. */
type Edited = Pick<AppState, 'scenario' | 'algorithms' | 'scenarioLabel' | 'customPolicies'>

export function createAppStore(options: StoreOptions = {}) {
  const store = createStore<AppState>()(
    subscribeWithSelector(
      temporal<AppState, [['zustand/subscribeWithSelector', never]], [], Edited>(
        (set, get) => {
          const scenario = createScenarioSlice(set, get, options)
          const run = createRunSlice(set, get, options)
          const playback = createPlaybackSlice(set, get, options)
          const view = createViewSlice(set, get, options)
          const sharing = createSharingSlice(set, get, options)
          const teaching = createTeachingSlice(set, get, options)
          const lesson = createLessonSlice(set, get, options)
          const sweep = createSweepSlice(set, get, options)
          const student = createStudentSlice(set, get, options)
          return {
            ...scenario,
            ...run,
            ...playback,
            ...view,
            ...sharing,
            ...teaching,
            ...lesson,
            ...sweep,
            ...student,
            actions: { ...scenario.actions, ...run.actions, ...playback.actions, ...view.actions, ...sharing.actions, ...teaching.actions, ...lesson.actions, ...sweep.actions, ...student.actions },
          }
        },
        {
          partialize: (s): Edited => ({ scenario: s.scenario, algorithms: s.algorithms, scenarioLabel: s.scenarioLabel, customPolicies: s.customPolicies }),
          equality: (a, b) => a.scenario === b.scenario && a.algorithms === b.algorithms && a.scenarioLabel === b.scenarioLabel && a.customPolicies === b.customPolicies,
          limit: 200,
        },
      ),
    ),
  )
  // Undo and redo restore the policies without an action: the registry follows them here.
  store.subscribe((s) => s.customPolicies, showCustomPolicies)
  return store
}

/**
 * Applies what the store options ask for that needs the whole store: the lesson page to open
 * (a link's or saved state's). Call it before connecting the runner, so the first run is the
 * page's. Its cursor time (options.cursorS) then replaces the page's.
 */
export function startFromOptions(store: AppStore, options: StoreOptions): void {
  if (options.lesson === undefined) return
  const a = store.getState().actions
  if (!a.startLesson(options.lesson.id, options.lesson.page)) return
  if (options.focus != null && store.getState().algorithms.includes(options.focus)) a.setFocus(options.focus)
  if (options.cursorS !== undefined) a.setCursorTime(options.cursorS)
}
