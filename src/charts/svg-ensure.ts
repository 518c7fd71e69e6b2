import type { Selection } from 'd3-selection'

export type Sel<E extends Element> = Selection<E, unknown, null, undefined>

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * Gets the child `<tag class="cls">` of a parent, creating it on first use (a chart is built
 * once, then updated in place). Matched by name and class, not by a selector: a type selector
 * for a camel-cased SVG name (`clipPath`) matches it in browsers, but not in jsdom, which would
 * add another on every redraw.
 */
export function ensure<P extends Element, K extends keyof SVGElementTagNameMap>(parent: Sel<P>, tag: K, cls: string): Sel<SVGElementTagNameMap[K]> {
  const found = parent.selectChild<SVGElementTagNameMap[K], Element>((child) => child.localName === tag && child.namespaceURI === SVG_NS && child.classList.contains(cls))
  if (!found.empty()) return found
  const el = parent.node()!.ownerDocument.createElementNS(SVG_NS, tag)
  return parent.append<SVGElementTagNameMap[K]>(() => el).attr('class', cls)
}
