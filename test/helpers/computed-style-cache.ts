// Role queries ask jsdom for the computed style of the same elements again and again between
// changes to the page (each query names every candidate; a test makes several in a row). jsdom
// keeps each element's cascade in `document._styleCache` until any change to the document, but
// still builds a new declaration on each call, parsing every property again. Keyed on that map,
// a computed style is reused exactly as long as jsdom's own cascade would be: the answer is the
// one jsdom would give.
//
// Most callers read one or two properties: Testing Library and dom-accessibility-api `display`
// and `visibility` (is it hidden?), user-event `pointer-events` on every ancestor of what it
// clicks. jsdom's declaration copies the whole cascade and then resolves twelve colour
// properties, which was most of its cost in CPU profiles. So the declaration handed out is lazy:
// those three properties are resolved alone, by jsdom's own `getResolvedValue` and set on a
// declaration as jsdom sets them; anything else reads jsdom's full declaration, built on first
// use. test/infra/computed-style-cache.test.ts compares both on every element of a page.

import { createRequire } from 'node:module'

const PATCHED = Symbol.for('schedscope.test.computedStyleCache')
/** jsdom's own getComputedStyle, kept on the patched one for the test that compares them. */
export const JSDOM_COMPUTED_STYLE = Symbol.for('schedscope.test.jsdomComputedStyle')

interface StyleRules {
  getResolvedValue(element: object, property: string): string
}

interface DeclarationConstructor {
  new (): CSSStyleDeclaration
}

// jsdom's own copies, as its window uses them (jsdom loads outside Vite's module graph).
const fromJsdom = createRequire(createRequire(import.meta.url).resolve('jsdom'))
const styleRules = fromJsdom('./jsdom/living/helpers/style-rules.js') as StyleRules
const { CSSStyleDeclaration: Declaration } = fromJsdom('cssstyle') as { CSSStyleDeclaration: DeclarationConstructor }

/** The properties read alone, by their names as properties and in CSS. */
const ALONE = new Map([
  ['display', 'display'],
  ['visibility', 'visibility'],
  ['pointerEvents', 'pointer-events'],
  ['pointer-events', 'pointer-events'],
])
const ALONE_CSS = new Set(ALONE.values())

/**
 * Keys whose answer depends on the declaration's content: its properties and methods, its own
 * fields, the indices. Any other (`constructor`, `then`, `asymmetricMatch` that matchers probe
 * for) is answered as by any declaration, without building one.
 */
const empty = new Declaration()
const ownOf = (o: object) => new Set<string | symbol>(Reflect.ownKeys(o))
const CONTENT = new Set([...ownOf(empty), ...ownOf(Declaration.prototype)].filter((k) => k !== 'constructor'))
const known = (key: string | symbol) => CONTENT.has(key) || (typeof key === 'string' && /^\d+$/.test(key))

interface DocumentImpl {
  _styleCache?: object | null
}

/** A declaration that resolves `display`, `visibility` and `pointer-events` alone, the rest as jsdom does. */
function lazyStyle(document: DocumentImpl, impl: object, full: () => CSSStyleDeclaration): CSSStyleDeclaration {
  let cascade = document._styleCache
  let whole: CSSStyleDeclaration | undefined
  const alone = new Map<string, string>()
  // Read after the page changed, it answers for the page as it is then, as a browser's live
  // declaration does (jsdom's own is a snapshot; no test reads one after changing the page).
  const current = () => {
    if (document._styleCache === cascade && cascade != null) return
    alone.clear()
    whole = undefined
    if (document._styleCache == null) styleRules.getResolvedValue(impl, 'display')
    cascade = document._styleCache
  }
  const all = () => {
    current()
    return (whole ??= full())
  }
  const resolve = (css: string) => {
    current()
    let value = alone.get(css)
    if (value === undefined) {
      // As jsdom's getComputedStyle sets it last, over the copied cascade: cssstyle's parsing
      // and normalizing apply alike.
      const d = new Declaration()
      d.setProperty(css, styleRules.getResolvedValue(impl, css))
      value = d.getPropertyValue(css)
      alone.set(css, value)
    }
    return value
  }
  const getPropertyValue = (name: string) => (ALONE_CSS.has(name) ? resolve(name) : all().getPropertyValue(name))
  return new Proxy({} as CSSStyleDeclaration, {
    get(_, key) {
      if (typeof key === 'string') {
        const css = ALONE.get(key)
        if (css !== undefined) return resolve(css)
        if (key === 'getPropertyValue') return getPropertyValue
      }
      // Matchers probe for `then`, `asymmetricMatch` and the like, on fresh and old styles alike.
      if (!known(key)) return Reflect.get(empty, key)
      const target = all()
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
    has: (_, key) => (typeof key === 'string' && ALONE.has(key)) || (known(key) ? Reflect.has(all(), key) : Reflect.has(empty, key)),
    set: (_, key, value) => Reflect.set(all(), key, value, all()),
    ownKeys: () => Reflect.ownKeys(all()),
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(all(), key)
      return d === undefined ? undefined : { ...d, configurable: true }
    },
    getPrototypeOf: () => Declaration.prototype,
  })
}

/** Memoizes getComputedStyle on the global the tests see and on the document's own window. */
export function cacheComputedStyle(document: Document): void {
  const window = document.defaultView
  const implSymbol = Object.getOwnPropertySymbols(document).find((s) => s.description === 'impl')
  if (window === null || implSymbol === undefined) return
  const impl = (document as unknown as Record<symbol, DocumentImpl | undefined>)[implSymbol]
  // Another jsdom: leave it as it is. With isolate off, the next file's setup sees this window.
  if (impl === undefined || !('_styleCache' in impl) || PATCHED in window.getComputedStyle) return
  const original = window.getComputedStyle.bind(window)
  let validFor: object | null | undefined
  let styles = new WeakMap<Element, CSSStyleDeclaration>()
  const cached = (element: Element, pseudoElement?: string | null): CSSStyleDeclaration => {
    if ((pseudoElement ?? '') !== '' || element.ownerDocument !== document) return original(element, pseudoElement)
    const elementImpl = (element as unknown as Record<symbol, object | undefined>)[implSymbol]
    if (elementImpl === undefined) return original(element)
    if (impl._styleCache !== validFor || validFor === null) styles = new WeakMap()
    let style = styles.get(element)
    if (style === undefined) {
      // jsdom makes its map on the first use after a change: from then on it is the key.
      if (impl._styleCache == null) styleRules.getResolvedValue(elementImpl, 'display')
      validFor = impl._styleCache
      style = lazyStyle(impl, elementImpl, () => original(element))
      styles.set(element, style)
    }
    return style
  }
  Object.defineProperty(cached, PATCHED, { value: true })
  Object.defineProperty(cached, JSDOM_COMPUTED_STYLE, { value: original })
  window.getComputedStyle = cached
  globalThis.getComputedStyle = cached
}
