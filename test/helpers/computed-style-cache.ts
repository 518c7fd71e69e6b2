// Role queries ask jsdom for the computed style of the same elements again and again between
// changes to the page (each query names every candidate; a test makes several in a row). jsdom
// keeps each element's cascade in `document._styleCache` until any change to the document, but
// still builds a new declaration on each call, parsing every property again. Keyed on that map,
// a computed style is reused exactly as long as jsdom's own cascade would be: the answer is the
// one jsdom would give.

const PATCHED = Symbol.for('schedscope.test.computedStyleCache')

/** Memoizes getComputedStyle on the global the tests see and on the document's own window. */
export function cacheComputedStyle(document: Document): void {
  const window = document.defaultView
  const implSymbol = Object.getOwnPropertySymbols(document).find((s) => s.description === 'impl')
  if (window === null || implSymbol === undefined) return
  const impl = (document as unknown as Record<symbol, { _styleCache?: object | null } | undefined>)[implSymbol]
  // Another jsdom: leave it as it is. With isolate off, the next file's setup sees this window.
  if (impl === undefined || !('_styleCache' in impl) || PATCHED in window.getComputedStyle) return
  const original = window.getComputedStyle.bind(window)
  let validFor: object | null | undefined
  let styles = new WeakMap<Element, CSSStyleDeclaration>()
  const cached = (element: Element, pseudoElement?: string | null): CSSStyleDeclaration => {
    if ((pseudoElement ?? '') !== '' || element.ownerDocument !== document) return original(element, pseudoElement)
    if (impl._styleCache !== validFor || validFor === null) styles = new WeakMap()
    let style = styles.get(element)
    if (style === undefined) {
      style = original(element)
      styles.set(element, style)
      // jsdom makes a new map on the first call after a change: from then on it is the key.
      validFor = impl._styleCache
    }
    return style
  }
  Object.defineProperty(cached, PATCHED, { value: true })
  window.getComputedStyle = cached
  globalThis.getComputedStyle = cached
}
