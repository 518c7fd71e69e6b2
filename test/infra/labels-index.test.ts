// @vitest-environment jsdom
import fc from 'fast-check'
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'

// The setup file finds a control's labels with one shared walk of the document
// (test/helpers/labels-index.ts). Here jsdom's own getLabelsForLabelable, called on a twin of
// each page, must give the same labels in the same order, before and after changes.

const fromJsdom = createRequire(createRequire(import.meta.url).resolve('jsdom'))
const { implForWrapper, wrapperForImpl } = fromJsdom('./jsdom/living/generated/utils.js') as {
  implForWrapper(wrapper: Node): object
  wrapperForImpl(impl: object): Node
}
const { getLabelsForLabelable } = fromJsdom('./jsdom/living/helpers/form-controls.js') as {
  getLabelsForLabelable(impl: object): { _update(): void; _list: object[] } | null
}

/** jsdom's own answer, which builds its list without the patched getter. */
function jsdomLabels(element: Element): Element[] | null {
  const list = getLabelsForLabelable(implForWrapper(element))
  if (list === null) return null
  list._update()
  return list._list.map((impl) => wrapperForImpl(impl) as Element)
}

const CONTROLS = ['input', 'input type="hidden"', 'button', 'select', 'textarea', 'meter', 'output', 'progress', 'span', 'div']
const IDS = ['a', 'b', 'c', '']

type Piece =
  | { kind: 'control'; tag: number; id: number }
  | { kind: 'label'; forId: number | null; inside: readonly Piece[] }

const piece: fc.Memo<Piece> = fc.memo((depth) =>
  fc.oneof(
    fc.record({ kind: fc.constant('control' as const), tag: fc.nat(CONTROLS.length - 1), id: fc.nat(IDS.length - 1) }),
    fc.record({
      kind: fc.constant('label' as const),
      forId: fc.option(fc.nat(IDS.length - 1)),
      inside: depth > 1 ? fc.array(piece(depth - 1), { maxLength: 3 }) : fc.constant([] as readonly Piece[]),
    }),
  ),
)

function html(p: Piece): string {
  if (p.kind === 'control') {
    const tag = CONTROLS[p.tag]!
    const id = IDS[p.id] === '' ? '' : ` id="${IDS[p.id]}"`
    return `<${tag}${id}></${tag.split(' ')[0]}>`
  }
  const forId = p.forId === null ? '' : ` for="${IDS[p.forId]}"`
  return `<label${forId}>${p.inside.map(html).join('')}</label>`
}

/** Each control's labels, as indexes of the page's labels, in both documents. */
function answers(root: Element, twin: Element): { patched: (number[] | null)[]; jsdom: (number[] | null)[] } {
  const labelsIn = (r: Element) => [...r.querySelectorAll('label')]
  const controls = (r: Element) => [...r.querySelectorAll('*')].filter((e) => e.tagName !== 'LABEL')
  const index = (r: Element, found: Iterable<Element> | null) => (found === null ? null : [...found].map((l) => labelsIn(r).indexOf(l as HTMLLabelElement)))
  return {
    patched: controls(root).map((c) => index(root, 'labels' in c ? ((c as HTMLInputElement).labels as NodeListOf<Element> | null) : null)),
    jsdom: controls(twin).map((c) => index(twin, 'labels' in c ? jsdomLabels(c) : null)),
  }
}

afterEach(() => document.body.replaceChildren())

describe('the labels index of the unit suite', () => {
  it('gives each control the labels jsdom gives it, in order, as pages change', () => {
    fc.assert(
      fc.property(fc.array(piece(3), { maxLength: 8 }), fc.array(piece(2), { maxLength: 3 }), (page, added) => {
        document.body.innerHTML = '<main></main><aside></aside>'
        const [root, twin] = [document.querySelector('main')!, document.querySelector('aside')!]
        // Ids are unique per document in practice, but here both halves share one: a `for`
        // finds the first element with the id in the document, so each half gets its own
        // id space (a suffix) and the same structure.
        root.innerHTML = page.map(html).join('')
        twin.innerHTML = page.map(html).join('').replace(/(id|for)="(\w)"/g, '$1="$2-twin"')
        const first = answers(root, twin)
        expect(first.patched).toEqual(first.jsdom)
        // Read again after a change: both answer for the page as it is now.
        root.insertAdjacentHTML('afterbegin', added.map(html).join(''))
        twin.insertAdjacentHTML('afterbegin', added.map(html).join('').replace(/(id|for)="(\w)"/g, '$1="$2-twin"'))
        const after = answers(root, twin)
        expect(after.patched).toEqual(after.jsdom)
      }),
      { numRuns: 30, seed: 11 },
    )
  })

  it('finds a label by its for, a wrapping label, and none for what is not labelable', () => {
    document.body.innerHTML = `<label for="x">By for</label><label>Wrapping <input id="y"></label>
      <input id="x"><label for="s">Not labelable</label><span id="s"></span><label for="h">Hidden</label><input id="h" type="hidden">`
    const names = (id: string) => [...((document.getElementById(id) as HTMLInputElement).labels ?? [])].map((l) => l.textContent)
    // The setup file's getter answers here, not jsdom's own.
    expect(Symbol.for('schedscope.test.labelsIndex') in implForWrapper(document.getElementById('x')!)).toBe(true)
    expect(names('x')).toEqual(['By for'])
    expect(names('y')).toEqual(['Wrapping '])
    expect((document.getElementById('h') as HTMLInputElement).labels).toBeNull()
    expect('labels' in document.getElementById('s')!).toBe(false)
    document.querySelector('label[for="x"]')!.after(Object.assign(document.createElement('label'), { htmlFor: 'x', textContent: 'Second' }))
    expect(names('x')).toEqual(['By for', 'Second'])
  })
})
