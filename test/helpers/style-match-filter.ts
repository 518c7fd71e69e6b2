// Testing Library's role queries compute accessible names, and each name asks jsdom for the
// computed style of every element under the candidate (is it hidden?). jsdom works that style
// out by checking the element against each of the ~110 rules of its default stylesheet with a
// full selector engine: ~110 checks of some microseconds per element, each element new to it
// since every test renders its own page. In CPU profiles of the unit suite that was a third of
// the time. An element can match a selector only if it matches its last compound, so that
// compound's first simple selector: a type (`h1, h2, …`, `table > tr`), an attribute (`[hidden]`,
// `[dir]`), a link (`:link` needs `href`). The check is skipped where the element meets no such
// need of the rule's selectors; the engine still decides every other case, so every computed
// style is jsdom's own.

const PATCHED = Symbol.for('schedscope.test.styleMatchFilter')

interface ElementImpl {
  readonly localName: string
  hasAttributeNS(namespace: null, name: string): boolean
}

interface Check {
  (selector: string, element: ElementImpl): { match: boolean; pseudoElement: string | null }
}

function hasAny(element: ElementImpl, attributes: ReadonlySet<string>): boolean {
  for (const a of attributes) if (element.hasAttributeNS(null, a)) return true
  return false
}

/** Splits at commas and combinators outside parentheses, brackets and quotes. */
function topLevelParts(text: string, at: (c: string) => boolean): string[] {
  const parts: string[] = []
  let depth = 0
  let quote = ''
  let from = 0
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!
    if (quote !== '') {
      if (c === '\\') k += 1
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '\\') k += 1
    else if (c === '(' || c === '[') depth += 1
    else if (c === ')' || c === ']') depth -= 1
    else if (depth === 0 && at(c)) {
      parts.push(text.slice(from, k))
      from = k + 1
    }
  }
  parts.push(text.slice(from))
  return parts
}

/**
 * What an element needs to match a selector list: one of `types` as its name (lowercased) or one
 * of `attributes` set. null when one of the selectors gives no such need (`:focus-visible`, `*`).
 */
export interface Need {
  readonly types: ReadonlySet<string>
  readonly attributes: ReadonlySet<string>
}

/** The need a compound's first simple selector gives, added to `need`; false if it gives none. */
function addNeed(compound: string, need: { types: Set<string>; attributes: Set<string> }): boolean {
  const type = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(compound)
  // A namespace prefix (`svg|a`) or anything unusual: let the engine decide.
  if (type !== null) return compound[type[0].length] !== '|' && need.types.add(type[0].toLowerCase()) !== undefined
  const attribute = /^\[\s*([a-zA-Z][a-zA-Z0-9-]*)\s*(\]|=|[~|^$*]=)/.exec(compound)
  if (attribute !== null) return need.attributes.add(attribute[1]!.toLowerCase()) !== undefined
  if (/^:(link|visited|any-link)(?![a-zA-Z-])/.test(compound)) return need.attributes.add('href') !== undefined
  if (/^:popover-open(?![a-zA-Z-])/.test(compound)) return need.attributes.add('popover') !== undefined
  const list = /^:(is|where)\(/.exec(compound)
  if (list !== null) {
    const inner = topLevelParts(compound.slice(list[0].length), (c) => c === ')')[0]!
    const innerNeed = lastCompoundNeed(inner)
    if (innerNeed === null) return false
    for (const t of innerNeed.types) need.types.add(t)
    for (const a of innerNeed.attributes) need.attributes.add(a)
    return true
  }
  return false
}

export function lastCompoundNeed(selectorList: string): Need | null {
  const need = { types: new Set<string>(), attributes: new Set<string>() }
  for (const complex of topLevelParts(selectorList, (c) => c === ',')) {
    const compounds = topLevelParts(complex.trim(), (c) => c === ' ' || c === '>' || c === '+' || c === '~' || c === '\n' || c === '\t')
    const last = compounds.filter((p) => p.trim() !== '').at(-1)?.trim() ?? ''
    if (!addNeed(last, need)) return null
  }
  return need
}

/** Wraps the document's style-rule check with the type filter above (once per document). */
export function filterStyleMatches(document: Document): void {
  const implSymbol = Object.getOwnPropertySymbols(document).find((s) => s.description === 'impl')
  if (implSymbol === undefined) return
  const impl = (document as unknown as Record<symbol, { _domSelector?: { check?: Check; [PATCHED]?: true } } | undefined>)[implSymbol]
  const selector = impl?._domSelector
  // Another jsdom: leave it as it is.
  if (selector === undefined || typeof selector.check !== 'function' || selector[PATCHED] === true) return
  const check = selector.check.bind(selector)
  const needs = new Map<string, Need | null>()
  selector.check = (text, element) => {
    let need = needs.get(text)
    if (need === undefined) {
      need = lastCompoundNeed(text)
      needs.set(text, need)
    }
    if (need !== null && !need.types.has(element.localName.toLowerCase()) && !hasAny(element, need.attributes)) return { match: false, pseudoElement: null }
    return check(text, element)
  }
  Object.defineProperty(selector, PATCHED, { value: true })
}
