// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { lastCompoundNeed } from '../helpers/style-match-filter.ts'

// The setup file skips jsdom's selector checks that cannot match (test/helpers/style-match-filter.ts).
// A wrong skip would change a computed style, and with it which elements role queries see.

describe('the style-rule filter of the unit suite', () => {
  it('reads what a selector list needs of an element, or null when it may match any', () => {
    const need = (types: string[], attributes: string[] = []) => ({ types: new Set(types), attributes: new Set(attributes) })
    expect(lastCompoundNeed('h1, h2, H3')).toEqual(need(['h1', 'h2', 'h3']))
    expect(lastCompoundNeed('table[rules=all i] > tfoot > tr > td, table[rules=all i] > tfoot > tr > th')).toEqual(need(['td', 'th']))
    expect(lastCompoundNeed('details > summary:first-of-type')).toEqual(need(['summary']))
    expect(lastCompoundNeed('input:not([type=image i], [type=range i]) ')).toEqual(need(['input']))
    expect(lastCompoundNeed('img:is([sizes="auto" i], [sizes^="auto," i])')).toEqual(need(['img']))
    expect(lastCompoundNeed('dialog::backdrop')).toEqual(need(['dialog']))
    expect(lastCompoundNeed('[hidden]:not([hidden="until-found" i]):not(embed)')).toEqual(need([], ['hidden']))
    expect(lastCompoundNeed('[dir]:dir(ltr), bdi:dir(ltr), input[type="tel" i]:dir(ltr)')).toEqual(need(['bdi', 'input'], ['dir']))
    expect(lastCompoundNeed('p, [dir="ltr" i], [ DIR ~= x]')).toEqual(need(['p'], ['dir']))
    expect(lastCompoundNeed(':link:active, :visited:active')).toEqual(need([], ['href']))
    expect(lastCompoundNeed(':popover-open::backdrop')).toEqual(need([], ['popover']))
    expect(lastCompoundNeed(':is(dir, menu, ol, ul) :is(dir, menu, ul)')).toEqual(need(['dir', 'menu', 'ul']))
    expect(lastCompoundNeed(':where(a, [x]) > b, :is(c, d)')).toEqual(need(['b', 'c', 'd']))
    expect(lastCompoundNeed(':focus-visible')).toBeNull()
    expect(lastCompoundNeed(':is(ul, *)')).toBeNull()
    expect(lastCompoundNeed('ul, :autofill')).toBeNull()
    expect(lastCompoundNeed('a b, *')).toBeNull()
    expect(lastCompoundNeed('svg|a')).toBeNull()
    expect(lastCompoundNeed('[xlink|href]')).toBeNull()
    expect(lastCompoundNeed(':linked')).toBeNull()
  })

  it('leaves every computed style as jsdom gives it without the filter', () => {
    // The same page in the filtered document and in a new one whose checks all run.
    const markup = `
      <header><h1>T</h1><nav><ul><li><a href="#x">link</a></li><li><ol><li>n</li></ol></li></ul></nav></header>
      <main><section hidden><p>gone</p></section><details open><summary>s</summary><summary>t</summary><p>d</p></details>
      <dialog><p>closed</p></dialog><dialog open><form><fieldset><legend>L</legend>
      <input type="hidden"><input type="text"><input type="checkbox"><select><option>o</option></select>
      <textarea>t</textarea><button type="submit">b</button><progress></progress><meter></meter></fieldset></form></dialog>
      <table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr hidden><td>x</td></tr><tr><td>y</td></tr></tbody></table>
      <pre>p</pre><blockquote><q>q</q></blockquote><figure><figcaption>f</figcaption></figure><b>b</b><code>c</code>
      <span style="display:none">s</span><div style="visibility:hidden"><em>e</em></div><bdi>b</bdi><div dir="rtl">r</div>
      <svg><g><rect></rect><text>t</text><a href="#y"><circle></circle></a></g></svg><template><p>t</p></template>
      <div popover>p</div><p hidden="until-found">u</p><menu><li><ul><li>m</li></ul></li></menu><button autofocus>f</button></main>`
    const filtered = document
    const plain = document.implementation.createHTMLDocument('plain')
    filtered.body.innerHTML = markup
    plain.body.innerHTML = markup
    const styles = (doc: Document) =>
      Array.from(doc.body.querySelectorAll('*'), (el) => {
        const s = getComputedStyle(el)
        return `${el.localName}: ${Array.from({ length: s.length }, (_, k) => `${s.item(k)}=${s.getPropertyValue(s.item(k))}`).join('; ')}`
      })
    const expected = styles(plain)
    expect(expected).toHaveLength(67)
    expect(expected.some((s) => s.startsWith('summary: ') && s.includes('display=list-item'))).toBe(true)
    expect(styles(filtered)).toEqual(expected)
    filtered.body.replaceChildren()
  })
})
