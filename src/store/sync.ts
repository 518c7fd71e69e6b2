import { startFromOptions, type AppState, type AppStore, type StoreOptions } from './app-store.ts'
import { DEFAULT_VIEW, loadSaved, save, type KeyValueStore } from './persistence.ts'
import { whenIdle } from '../timing/scheduler.ts'
import { encodeHere, type ScenarioEncoder } from '../worker/encode-client.ts'
import { decodeScenarioHash, type EncodedScenario, type SharedScenario, type StoredScenario } from '../sharing/share-link.ts'
import { composeHash, readViewParams, splitHash, type ViewParams } from '../sharing/view-params.ts'
import { policies } from '../engine/policies/registry.ts'
import { lessonById } from '../lessons/index.ts'
import { timeAt } from '../run-view/time.ts'
import type { CustomPolicySource } from '../engine/policies/custom.ts'

/**
 * Where the first screen comes from: a scenario link wins, else what this browser saved, else
 * the default. A link or saved record that cannot be read falls back with a notice.
 */
export function bootOptions(hash: string, storage: KeyValueStore | null): StoreOptions {
  const { scenario: scenarioHash, params } = splitHash(hash)
  const linked = readLinkView(params)
  if (scenarioHash !== '') {
    try {
      const shared = decodeScenarioHash(scenarioHash)
      if (shared !== null) return { ...linkOptions(shared, loadSaved(storage).saved?.customPolicies ?? []), ...linked }
    } catch (e) {
      return { notice: `${linkProblem(e)} Showing the default scenario instead.` }
    }
  }
  // A lesson's link: the page sets the scenario (startFromOptions).
  if (linked.lesson !== undefined || linked.notice !== undefined) return linked
  const { saved, notice } = loadSaved(storage)
  if (saved === null) return notice === null ? linked : { ...linked, notice }
  if (saved.view.lesson !== undefined) {
    return { lesson: saved.view.lesson, ...(saved.view.atS !== undefined && { cursorS: saved.view.atS }), focus: saved.view.focus, presentation: saved.view.presentation === true, colorBy: saved.view.colorBy, speed: saved.view.speed, ...linked }
  }
  return {
    ...linked,
    ...(saved.view.atS !== undefined && linked.cursorS === undefined && { cursorS: saved.view.atS }),
    presentation: linked.presentation ?? saved.view.presentation ?? false,
    scenario: saved.scenario,
    algorithms: saved.algorithms,
    ...(saved.customPolicies !== undefined && { customPolicies: saved.customPolicies }),
    scenarioLabel: saved.label,
    colorBy: saved.view.colorBy,
    dimFuture: saved.view.dimFuture,
    speed: saved.view.speed,
    focus: linked.focus ?? saved.view.focus,
  }
}

/** A link's view parameters as store options, with what could not be followed as a notice. */
function readLinkView(params: URLSearchParams): StoreOptions {
  const { view, problems } = readViewParams(params, (id) => {
    const l = lessonById(id)
    return l === undefined ? undefined : { title: l.title, pages: l.pages.length }
  }, (name) => policies.has(name))
  return {
    ...(view.lesson && { lesson: view.lesson }),
    ...(view.atS !== undefined && { cursorS: view.atS }),
    ...(view.focus !== undefined && { focus: view.focus }),
    ...(view.presentation && { presentation: true }),
    ...(problems.length > 0 && { notice: problems.join(' ') }),
  }
}

/** Follows a link's view in an open page: its lesson page, cursor time, focus, presentation and notice. */
export function applyLinkView(store: AppStore, options: StoreOptions): void {
  const a = store.getState().actions
  if (options.notice != null) a.setNotice(options.notice)
  if (options.presentation !== undefined) a.setPresentation(options.presentation)
  if (options.lesson !== undefined) startFromOptions(store, options)
  else {
    if (options.focus != null && store.getState().algorithms.includes(options.focus)) a.setFocus(options.focus)
    if (options.cursorS !== undefined) a.setCursorTime(options.cursorS)
  }
}

/** What the link says of the view besides the scenario: the lesson, the cursor, the focus, presentation. */
export function viewParamsOf(s: AppState): ViewParams {
  const atS = s.step > 0 ? timeAt(s.run.scenario, s.step) : 0
  return {
    ...(s.lesson !== null && { lesson: s.lesson }),
    ...(atS > 0 && { atS }),
    // Outside a lesson the first algorithm is focused anyway: a link says so only when another is.
    ...((s.lesson !== null || s.focus !== s.algorithms[0]) && { focus: s.focus }),
    ...(s.presentation && { presentation: true }),
  }
}

/** The page's whole link hash: the scenario's (kept by the sync) and the view's. */
export function linkHashOf(s: AppState): string | null {
  return composeHash(s.linkHash, viewParamsOf(s))
}

/** Whether two policies are the same code under the same name and direction. */
const samePolicy = (a: CustomPolicySource, b: CustomPolicySource) => a.name === b.name && a.key === b.key && a.higherFirst === b.higherFirst

/**
 * How a link opens. Policies written by someone else do not run until the user accepts them:
 * the scenario opens with the rest, the policies are offered (ConsentDialog). A policy this
 * browser already holds, word for word (the user's own link, reloaded), is not asked about.
 */
export function linkOptions(shared: SharedScenario, known: readonly CustomPolicySource[]): StoreOptions {
  const trusted = shared.policies.filter((p) => known.some((k) => samePolicy(k, p)))
  const offered = shared.policies.filter((p) => !trusted.includes(p))
  const withheld = new Set(offered.map((p) => p.name))
  const algorithms = shared.algorithms.filter((a) => !withheld.has(a))
  return {
    scenario: shared.scenario,
    scenarioLabel: shared.label,
    // With every algorithm it names withheld, the link opens on the first built-in until accepted.
    algorithms: algorithms.length > 0 ? algorithms : ['FIFO'],
    ...(trusted.length > 0 && { customPolicies: trusted }),
    ...(offered.length > 0 && { offeredPolicies: { policies: offered, algorithms: shared.algorithms } }),
  }
}

/** The one wording of a link that cannot be opened (at boot, or pasted into an open tab). */
function linkProblem(e: unknown): string {
  const why = e instanceof Error ? e.message.split('\n').map((l) => l.replace(/^link: link: /, '')).join('; ') : String(e)
  return `This link could not be opened: it ${why}.`
}

/**
 * A scenario link pasted into the address bar of an open tab: its scenario replaces the one
 * shown, or, if it cannot be read, the scenario shown stays with a notice saying why (false).
 */
export function openLink(store: AppStore, hash: string): boolean {
  try {
    const shared = decodeScenarioHash(hash)
    if (shared === null) return true
    const { actions, customPolicies } = store.getState()
    const opened = linkOptions(shared, customPolicies)
    actions.setScenario(shared.scenario, shared.label, opened.algorithms, opened.customPolicies ?? [])
    actions.offerPolicies(opened.offeredPolicies ?? null)
    return true
  } catch (e) {
    store.getState().actions.setNotice(`${linkProblem(e)} The scenario shown stays.`)
    return false
  }
}

export interface SyncTarget {
  readonly storage: KeyValueStore | null
  /** Replaces the page's hash without adding a history entry (null: remove it). */
  replaceHash(hash: string | null): void
  /** Formats and compresses the scenario (the app does it in a worker; by default, here). */
  readonly encode?: ScenarioEncoder
}

/** The cursor as the link keeps it: not while playing (the address would change every frame). */
const keptCursor = (s: AppState) => (s.playing ? -1 : s.step)
const persisted = (s: AppState) => [s.scenario, s.algorithms, s.customPolicies, s.scenarioLabel, s.colorBy, s.dimFuture, s.speed, s.focus, s.lesson, s.presentation, keptCursor(s), s.offeredPolicies] as const

/** Beyond this many tasks a scenario is neither put in the link nor saved in the browser. */
export const MAX_KEPT_TASKS = 20_000

/** Up to this many tasks the address follows an edit at once (the run is short, so is the link). */
export const QUICK_LINK_TASKS = 1_000

/** Keeps the link and the saved state up to date as the user edits (debounced). */
export function connectSync(store: AppStore, target: SyncTarget, debounceMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const encode = target.encode ?? encodeHere
  // Encoding a large scenario costs tens of milliseconds: redo it only when it changed.
  let cache: { key: readonly unknown[]; encoded: EncodedScenario } | null = null
  /** Counts writes, so an encoding that finishes after a newer edit is dropped. */
  let ticket = 0
  /** The hash last put in the address: replacing it costs tens of milliseconds for a long link. */
  let shownHash: string | null | undefined
  const showHash = (scenarioHash: string | null) => {
    const hash = composeHash(scenarioHash, viewParamsOf(store.getState()))
    if (hash === shownHash) return
    shownHash = hash
    target.replaceHash(hash)
  }
  /** Stops waiting for a large scenario's run to end before encoding it. */
  let stopDeferred: (() => void) | null = null
  const write = (): void => {
    stopDeferred?.()
    stopDeferred = null
    const s = store.getState()
    const mine = ++ticket
    // Until a link's policy is answered, the address stays the link that brought it (and
    // nothing is saved): a reload asks again rather than dropping the policy unasked.
    if (s.offeredPolicies !== null) return
    if (s.scenario.tasks.length > MAX_KEPT_TASKS) {
      // Neither a link nor localStorage (about 5 MB) can hold it; encoding it would only stall the page.
      cache = null
      toShow = { hash: null }
      toSave = null
      later()
      s.actions.setLinkStatus('too-large')
      s.actions.setNotice(`This scenario has ${s.scenario.tasks.length.toLocaleString('en')} tasks: too many to keep in the link or in this browser. Export it as JSON to keep it.`)
      return
    }
    const key = keyOf(s)
    if (cache !== null && sameKey(cache.key, key)) {
      keep(cache.encoded)
      return
    }
    // Encoding a large scenario keeps a core busy (formatting and zipping 1 MB of JSON per
    // 10,000 tasks): not while its run streams in, which is what the user waits for and needs
    // the cores for, unless the link is asked for (Copy link).
    if (s.run.status === 'running' && s.scenario.tasks.length > QUICK_LINK_TASKS && !s.linkWanted) {
      // Asked for, at once; after the run, in idle time: not in the frame that shows its end.
      stopDeferred = waitUntil(store, (st) => st.linkWanted || st.run.status !== 'running', () => {
        if (store.getState().linkWanted) write()
        else stopDeferred = whenIdle(write)
      })
      return
    }
    void encode(s.scenario, s.algorithms, s.scenarioLabel, s.customPolicies).then(
      (encoded) => {
        if (mine !== ticket) return
        cache = { key, encoded }
        keep(encoded)
      },
      (e: unknown) => {
        // Neither the worker nor the page could encode it: the link stays pending (Copy link says so).
        if (mine !== ticket) return
        store.getState().actions.setNotice(`The link could not be made (${e instanceof Error ? e.message : String(e)}): use Export → Scenario (JSON) to keep this scenario.`)
      },
    )
  }
  const keep = ({ stored, hash }: EncodedScenario) => {
    store.getState().actions.setLinkStatus(hash === null ? 'too-large' : 'ok', hash)
    toSave = stored
    if (store.getState().scenario.tasks.length <= QUICK_LINK_TASKS) {
      // (A large scenario's link still waiting is now out of date.)
      toShow = null
      showHash(hash)
    } else toShow = { hash }
    later()
  }
  // The saved state, and the address of a large scenario, are updated in tasks of their own,
  // once no run streams in and the page is idle: replacing a long link takes tens of
  // milliseconds (even a short one sometimes does), and so does writing a large scenario to
  // storage; a run needs the frames. Only the latest of each is written.
  let toShow: { readonly hash: string | null } | null = null
  let toSave: StoredScenario | null = null
  let stopWaiting: (() => void) | null = null
  const later = () => {
    if (stopWaiting !== null) return
    stopWaiting = waitUntil(store, (st) => st.run.status !== 'running', () => {
      stopWaiting = null
      whenIdle(() => {
        if (toShow === null) return
        const { hash } = toShow
        toShow = null
        showHash(hash)
      })
      whenIdle(() => {
        if (toSave === null) return
        const latest = toSave
        toSave = null
        persist(latest)
      })
    })
  }
  const persist = (stored: StoredScenario) => {
    const s = store.getState()
    const problem = save(target.storage, {
      scenario: s.scenario,
      algorithms: s.algorithms,
      customPolicies: s.customPolicies,
      label: s.scenarioLabel,
      view: { ...DEFAULT_VIEW, ...viewParamsOf(s), colorBy: s.colorBy, dimFuture: s.dimFuture, speed: s.speed, focus: s.focus },
    }, stored)
    if (problem !== null) s.actions.setNotice(problem)
  }
  // Until encoded, the link in the store is not this scenario's: Copy link waits for it.
  const pending = () => {
    const s = store.getState()
    if (s.linkStatus !== 'pending' && !(cache !== null && sameKey(cache.key, keyOf(s)))) s.actions.setLinkStatus('pending')
  }
  pending()
  write()
  const unsubscribe = store.subscribe(persisted, () => {
    pending()
    clearTimeout(timer)
    timer = setTimeout(write, debounceMs)
  }, { equalityFn: (a, b) => a.every((x, i) => x === b[i]) })
  return () => {
    clearTimeout(timer)
    unsubscribe()
    stopWaiting?.()
    stopDeferred?.()
  }
}

/** What a link and a saved scenario are encoded from. */
const keyOf = (s: AppState): readonly unknown[] => [s.scenario, s.algorithms, s.scenarioLabel, s.customPolicies]
const sameKey = (a: readonly unknown[], b: readonly unknown[]) => a.every((x, i) => x === b[i])

/**
 * Calls `f` once `ready` holds of the store: at once if it does now (then returns null), else
 * when a change makes it hold; returns a function that stops waiting.
 */
function waitUntil(store: AppStore, ready: (s: AppState) => boolean, f: () => void): (() => void) | null {
  if (ready(store.getState())) {
    f()
    return null
  }
  const stop = store.subscribe(ready, (now) => {
    if (!now) return
    stop()
    f()
  })
  return stop
}

/** The browser's localStorage, or null where reading it throws (privacy modes, sandboxed frames). */
export function browserStorage(): KeyValueStore | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
