import type { CustomPolicySource } from '../engine/policies/custom.ts'
import { policies } from '../engine/policies/registry.ts'
import { lessonById } from '../lessons/index.ts'
import type { Scenario } from '../engine/types.ts'
import { describeIssue, InputError } from '../engine/workloads/errors.ts'
import { parseJsonText } from '../engine/workloads/json-text.ts'
import { formatScenarioJson, parseScenarioJson } from '../engine/workloads/scenario-json.ts'
import type { ColorBy } from './app-store.ts'
import { AUTO_SPEED, DEFAULT_SPEED } from './defaults.ts'
import { TooLargeError, unzipText, type StoredScenario } from '../sharing/share-link.ts'

/** Where the last scenario and view settings live in localStorage, and the schema they follow. */
export const STORAGE_KEY = 'schedscope'
export const STORAGE_VERSION = 2

export interface ViewSettings {
  readonly colorBy: ColorBy
  readonly dimFuture: boolean
  readonly speed: number
  readonly focus: string | null
  /** The lesson open and its page (0-based); absent: none. */
  readonly lesson?: { readonly id: string; readonly page: number }
  /** The cursor's time in seconds; absent: 0. */
  readonly atS?: number
  /** Presentation mode; absent: off. */
  readonly presentation?: boolean
}

export interface SavedState {
  readonly scenario: Scenario
  readonly algorithms: readonly string[]
  /** Policies the user wrote (or accepted from a link): their source, as scenario files keep it. */
  readonly customPolicies?: readonly CustomPolicySource[]
  readonly label: string
  readonly view: ViewSettings
}

/** The subset of Storage used, so tests can pass a fake and broken storages can be simulated. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const DEFAULT_VIEW: ViewSettings = { colorBy: 'weight', dimFuture: false, speed: DEFAULT_SPEED, focus: null }

/**
 * Brings an older saved record up to the current schema. Version 1 (the first builds) kept
 * only the scenario JSON and its label; version 2 adds the view settings.
 */
export function migrate(raw: unknown): { scenarioJson: string; label: string; view: ViewSettings } {
  if (typeof raw !== 'object' || raw === null) throw new Error('not an object')
  const r = raw as Record<string, unknown>
  if (r.version === 1) {
    if (typeof r.scenarioJson !== 'string') throw new Error('version 1 record without scenarioJson')
    return { scenarioJson: r.scenarioJson, label: typeof r.label === 'string' ? r.label : 'saved', view: DEFAULT_VIEW }
  }
  if (r.version === STORAGE_VERSION) {
    // The scenario is kept as a JSON object (older builds of this version kept a string), or,
    // when large, as its JSON zipped (`scenarioZip`: see ZIP_STORED_FROM_CHARS).
    const scenarioJson =
      typeof r.scenarioZip === 'string'
        ? unzip(r.scenarioZip)
        : typeof r.scenario === 'string'
          ? r.scenario
          : typeof r.scenario === 'object' && r.scenario !== null
            ? JSON.stringify(r.scenario)
            : null
    if (scenarioJson === null) throw new Error('record without scenario')
    return { scenarioJson, label: typeof r.label === 'string' ? r.label : 'saved', view: readView(r.view) }
  }
  throw new Error(`unknown version ${String(r.version)}`)
}

/**
 * A saved scenario unzips to at most this: scenarios of over 20,000 tasks are not saved (about
 * 2 MB of JSON), so anything much larger was not written by SchedScope (a zlib bomb would
 * otherwise freeze the page while it unzips).
 */
export const MAX_SAVED_UNZIPPED_BYTES = 64_000_000

function unzip(zipped: string): string {
  try {
    return unzipText(zipped, MAX_SAVED_UNZIPPED_BYTES)
  } catch (e) {
    throw new Error(e instanceof TooLargeError ? `its compressed scenario ${e.message}` : 'its compressed scenario is damaged')
  }
}

function readView(v: unknown, custom: readonly string[] = []): ViewSettings {
  if (typeof v !== 'object' || v === null) return DEFAULT_VIEW
  const o = v as Record<string, unknown>
  const lesson = readLesson(o.lesson)
  return {
    colorBy: o.colorBy === 'model' ? 'model' : 'weight',
    dimFuture: o.dimFuture === true,
    speed: typeof o.speed === 'number' && ((o.speed >= 0 && o.speed <= 64) || o.speed === AUTO_SPEED) ? o.speed : DEFAULT_VIEW.speed,
    focus: typeof o.focus === 'string' && (policies.has(o.focus) || custom.includes(o.focus)) ? o.focus : null,
    // Kept only when set, so a record from before lessons reads back as it was.
    ...(lesson !== null && { lesson }),
    ...(typeof o.atS === 'number' && Number.isFinite(o.atS) && o.atS > 0 && { atS: o.atS }),
    ...(o.presentation === true && { presentation: true }),
  }
}

/** A saved lesson page: a known lesson, its page clamped to its pages; anything else none. */
function readLesson(v: unknown): { readonly id: string; readonly page: number } | null {
  if (typeof v !== 'object' || v === null) return null
  const { id, page } = v as Record<string, unknown>
  const lesson = typeof id === 'string' ? lessonById(id) : undefined
  if (lesson === undefined || typeof page !== 'number' || !Number.isInteger(page)) return null
  return { id: lesson.id, page: Math.max(0, Math.min(page, lesson.pages.length - 1)) }
}

/**
 * The saved state, or null when there is none. Anything unreadable (a broken record, an
 * unknown version, storage that throws) gives `notice` instead, and the app starts afresh.
 */
export function loadSaved(storage: KeyValueStore | null): { saved: SavedState | null; notice: string | null } {
  let text: string | null
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null
  } catch {
    return { saved: null, notice: 'This browser does not let SchedScope read its saved scenario; starting from the default.' }
  }
  if (text === null) return { saved: null, notice: null }
  try {
    // Nesting checked before parsing: migrate re-serialises the scenario, recursively.
    const raw = parseJsonText(text, 'saved state')
    const { scenarioJson, label, view } = migrate(raw)
    const doc = parseScenarioJson(scenarioJson, 'saved scenario')
    const custom = doc.policies.map((p) => p.name)
    // The focus may be one of the saved policies, which are registered only once the app starts.
    const focus = view.focus ?? readView((raw as { view?: unknown }).view, custom).focus
    return { saved: { scenario: doc.scenario, algorithms: doc.algorithms, ...(doc.policies.length > 0 && { customPolicies: doc.policies }), label, view: { ...view, focus } }, notice: null }
  } catch (e) {
    const why = e instanceof InputError ? inputProblems(e) : e instanceof Error ? e.message.split('\n')[0] : String(e)
    return { saved: null, notice: `The scenario saved in this browser could not be read (${why}); starting from the default.` }
  }
}

/**
 * Saves the state, its scenario as given (encodeScenario's `stored`) or as compact JSON;
 * returns a notice when the browser refuses (full or disabled storage).
 */
export function save(storage: KeyValueStore | null, state: SavedState, stored?: StoredScenario): string | null {
  if (storage === null) return null
  const given = stored ?? { json: formatScenarioJson(state.scenario, state.algorithms, 0, state.customPolicies) }
  // Spliced in as an object, not a string: escaping a large scenario's quotes costs more than the rest.
  const body = 'zipped' in given ? `"scenarioZip":${JSON.stringify(given.zipped)}` : `"scenario":${given.json.trim()}`
  const head = JSON.stringify({ version: STORAGE_VERSION, label: state.label, view: state.view })
  try {
    storage.setItem(STORAGE_KEY, `${head.slice(0, -1)},${body}}`)
    return null
  } catch {
    return 'This scenario is too large to keep in this browser; export it as JSON to keep it.'
  }
}

/** The first problems of a refused saved record, without the reader's `file:` prefix. */
function inputProblems(e: InputError): string {
  const said = e.issues.slice(0, 3).map((i) => (i.where === 'file' ? i.message : describeIssue(i)))
  return `${said.join('; ')}${e.issues.length > 3 ? '; ...' : ''}`
}
