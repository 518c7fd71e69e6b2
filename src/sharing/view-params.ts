/**
 * What a link carries besides the scenario, so that students' laptops open what the projector
 * shows: the lesson and its page, the cursor's time, the focused algorithm and presentation
 * mode. They follow the scenario as `&key=value` pairs (`#s=1.<zip>&t=2.5&focus=SRPT`); a
 * lesson's link needs no scenario, the page sets it (`#lesson=convoy&page=2&t=0.99&present=1`).
 * Pages count from 1 in links, as people count them.
 */
export interface ViewParams {
  readonly lesson?: { readonly id: string; readonly page: number }
  readonly atS?: number
  readonly focus?: string
  readonly presentation?: boolean
}

/** The hash split into its scenario part (`#s=…`, or '' when none) and its view parameters. */
export function splitHash(hash: string): { scenario: string; params: URLSearchParams } {
  if (hash.startsWith('#s=')) {
    const amp = hash.indexOf('&')
    return amp < 0 ? { scenario: hash, params: new URLSearchParams() } : { scenario: hash.slice(0, amp), params: new URLSearchParams(hash.slice(amp + 1)) }
  }
  return { scenario: '', params: new URLSearchParams(hash.replace(/^#/, '')) }
}

/** Whether the hash holds view parameters (a lesson, a time, a focus or presentation). */
export function hasViewParams(hash: string): boolean {
  const { params } = splitHash(hash)
  return ['lesson', 'page', 't', 'focus', 'present'].some((k) => params.has(k))
}

/** `&`-joined parameters for a view (empty when there is nothing to say). */
export function formatViewParams(v: ViewParams): string {
  const out: string[] = []
  if (v.lesson !== undefined) out.push(`lesson=${encodeURIComponent(v.lesson.id)}`, `page=${v.lesson.page + 1}`)
  // Milliseconds are finer than any step a lesson or a class uses.
  if (v.atS !== undefined && v.atS > 0) out.push(`t=${Number(v.atS.toFixed(3))}`)
  if (v.focus !== undefined) out.push(`focus=${encodeURIComponent(v.focus)}`)
  if (v.presentation === true) out.push('present=1')
  return out.join('&')
}

/** The whole hash: the scenario's (none inside a lesson: the page sets it), then the view's. */
export function composeHash(scenarioHash: string | null, v: ViewParams): string | null {
  const params = formatViewParams(v)
  if (v.lesson !== undefined) return `#${params}`
  if (scenarioHash === null) return params === '' ? null : `#${params}`
  return params === '' ? scenarioHash : `${scenarioHash}&${params}`
}

/** What the view parameters of a link ask for, checked: each problem is a sentence for the user. */
export interface ReadView {
  readonly view: ViewParams
  readonly problems: readonly string[]
}

/**
 * Reads the view parameters. `lessons` says how many pages each known lesson has; `policies`
 * which algorithm names exist. Unknown lessons and algorithms are refused with a message, a
 * page past the lesson's end is clamped to its last (and said so), a bad time is ignored.
 */
export function readViewParams(params: URLSearchParams, lessons: (id: string) => { title: string; pages: number } | undefined, policies: (name: string) => boolean): ReadView {
  const problems: string[] = []
  let lesson: ViewParams['lesson']
  const id = params.get('lesson')
  if (id !== null) {
    const known = lessons(id)
    if (known === undefined) problems.push(`This link names a lesson “${id.slice(0, 60)}” that this version of SchedScope does not have; open Lessons to pick one.`)
    else {
      const text = params.get('page') ?? '1'
      const page = Number(text)
      if (!/^\d+$/.test(text) || page < 1) {
        problems.push(`This link's page “${text.slice(0, 20)}” is not a page number; showing page 1 of “${known.title}”.`)
        lesson = { id, page: 0 }
      } else if (page > known.pages) {
        problems.push(`“${known.title}” has ${known.pages} pages, not ${page}: showing its last page.`)
        lesson = { id, page: known.pages - 1 }
      } else lesson = { id, page: page - 1 }
    }
  }
  let atS: number | undefined
  const t = params.get('t')
  if (t !== null) {
    const x = Number(t)
    if (t.trim() === '' || !Number.isFinite(x) || x < 0) problems.push(`This link's time “${t.slice(0, 20)}” is not a time in seconds (t=2.5); the cursor starts at 0.`)
    else atS = x
  }
  let focus: string | undefined
  const f = params.get('focus')
  if (f !== null) {
    if (policies(f)) focus = f
    else problems.push(`This link focuses “${f.slice(0, 40)}”, which is not a registered algorithm; focusing the first one instead.`)
  }
  const present = params.get('present')
  return {
    view: { ...(lesson && { lesson }), ...(atS !== undefined && { atS }), ...(focus !== undefined && { focus }), ...(present === '1' && { presentation: true }) },
    problems,
  }
}
