// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'

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
})
