// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { JSDOM_COMPUTED_STYLE } from '../helpers/computed-style-cache.ts'

// The setup file reuses a computed style while jsdom's own style cache stands
// (test/helpers/computed-style-cache.ts): any change to the document must give a fresh one.

afterEach(() => document.body.replaceChildren())

describe('the computed style cache of the unit suite', () => {
  it('gives the same declaration until the document changes, then jsdom’s new answer', () => {
    document.body.innerHTML = '<section><p>text</p></section><div></div>'
    const section = document.querySelector('section')!
    const p = document.querySelector('p')!
    const first = getComputedStyle(p)
    expect(window.getComputedStyle(p)).toBe(first)
    expect(first.visibility).toBe('visible')
    section.style.visibility = 'hidden'
    expect(getComputedStyle(p)).not.toBe(first)
    expect(getComputedStyle(p).visibility).toBe('hidden')
    section.removeAttribute('style')
    expect(getComputedStyle(p).visibility).toBe('visible')
    p.hidden = true
    expect(getComputedStyle(p).display).toBe('none')
    // A change elsewhere drops it too, as it drops jsdom's own cache.
    const before = getComputedStyle(p)
    document.querySelector('div')!.append('x')
    expect(getComputedStyle(p)).not.toBe(before)
    expect(getComputedStyle(p).display).toBe('none')
  })

  it('resolves display, visibility and pointer-events alone as jsdom does, on every element', () => {
    // Author rules, inline styles, keywords, inheritance, !important and the default sheet's
    // own (hidden, dialog, template, details).
    document.head.innerHTML = `<style>
      .gone { display: none } .ghost { visibility: hidden } .inert { pointer-events: none }
      .back { visibility: inherit; pointer-events: initial } .keep { display: contents !important }
      .unset { visibility: unset; display: unset } .grid { DISPLAY: GRID } .collapse { visibility: collapse }
    </style>`
    document.body.innerHTML = `
      <main class="inert"><section class="ghost"><p class="back">a <b>b</b></p><p>c</p></section>
      <div class="gone"><span>d</span></div><div class="keep" style="display: block">e</div>
      <div style="display: none !important" class="grid">f</div><ul class="grid"><li class="unset">g</li></ul>
      <table><tr class="collapse"><td>h</td></tr></table><p hidden>i</p><details><summary>j</summary><p>k</p></details>
      <dialog><p>l</p></dialog><button style="pointer-events: auto">m</button><svg><g><rect></rect></g></svg></main>`
    const jsdom = (getComputedStyle as unknown as Record<symbol, typeof getComputedStyle>)[JSDOM_COMPUTED_STYLE]!
    const read = (s: CSSStyleDeclaration) => [s.display, s.visibility, s.pointerEvents, s.getPropertyValue('pointer-events'), s.getPropertyValue('display'), s.getPropertyValue('visibility')].join(' ')
    const elements = Array.from(document.querySelectorAll('*'))
    expect(elements).toHaveLength(29)
    const lazy = elements.map((el) => `${el.localName}: ${read(getComputedStyle(el))}`)
    const expected = elements.map((el) => `${el.localName}: ${read(jsdom(el))}`)
    expect(lazy).toEqual(expected)
    // The cases are there: each value is seen.
    const seen = new Set(expected.flatMap((line) => line.split(/:? /).slice(1)))
    for (const v of ['none', 'block', 'inline', 'grid', 'table-row', 'list-item', 'inline-block', 'hidden', 'collapse', 'visible', 'auto']) expect(seen).toContain(v)
    // And the rest of the declaration is jsdom's, read after those.
    for (const el of elements) {
      const s = getComputedStyle(el)
      expect(Array.from({ length: s.length }, (_, k) => `${s.item(k)}=${s.getPropertyValue(s.item(k))}`)).toEqual(
        Array.from({ length: jsdom(el).length }, (_, k) => `${jsdom(el).item(k)}=${jsdom(el).getPropertyValue(jsdom(el).item(k))}`),
      )
    }
    document.head.replaceChildren()
  })
})
