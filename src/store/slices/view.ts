import { policies } from '../../engine/policies/registry.ts'
import { clampView, fullView } from '../view-window.ts'
import type { SliceCreator } from './slice.ts'

export type ColorBy = 'weight' | 'model'

/** A file that was not imported, and every problem found in it. */
export interface ImportProblem {
  readonly fileName: string
  readonly lines: readonly string[]
}

/** What the page shows under its header: the simulator (one scenario, step by step) or a load sweep. */
export type Page = 'simulator' | 'sweep'

/** How the run is looked at: focus, selection, colours, the time window, dialogs and notices. */
export interface ViewSlice {
  readonly page: Page
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
  /** The last import refused, shown until dismissed or until the scenario changes. */
  readonly importProblem: ImportProblem | null
  readonly actions: ViewActions
}

export interface ViewActions {
  showPage(page: Page): void
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
  setImportProblem(problem: ImportProblem | null): void
}

export const createViewSlice: SliceCreator<ViewSlice> = (set, _get, options) => {
  const algorithms = options.algorithms ?? policies.names()
  return {
    page: 'simulator',
    focus: options.focus != null && algorithms.includes(options.focus) ? options.focus : algorithms[0]!,
    selectedTask: null,
    hoveredTask: null,
    dimFuture: options.dimFuture ?? false,
    colorBy: options.colorBy ?? 'weight',
    viewS: null,
    shortcutsOpen: false,
    notice: options.notice ?? null,
    importProblem: null,
    actions: {
      showPage: (page) => set({ page }),
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
      setImportProblem: (importProblem) => set({ importProblem }),
    },
  }
}
