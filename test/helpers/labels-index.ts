// An accessible name of a form control starts from its labels (`input.labels`), and jsdom finds
// them by walking the whole document and asking every node whether it labels this control: one
// walk per control, so a role query over a form or a table of inputs walks the page once per
// input. In CPU profiles of the unit suite that was 1.6 s. jsdom keeps each answer until the
// document next changes (its `_version`); here the walk that finds the document's label elements
// is kept as long, and shared by every control, and each label is still asked for its control
// as jsdom asks it. A label labels only what its `control` names, so the answer is jsdom's, in
// tree order. test/infra/labels-index.test.ts compares both on pages of labelled controls.

import { createRequire } from 'node:module'

const PATCHED = Symbol.for('schedscope.test.labelsIndex')

interface NodeImpl {
  _version: number
  _globalObject: object
  getRootNode(options: object): NodeImpl
  _labels?: object | null
}

interface LabelImpl extends NodeImpl {
  readonly control: NodeImpl | null
}

interface TreeIterable {
  treeIterator(root: NodeImpl): Iterable<NodeImpl>
}

const fromJsdom = createRequire(createRequire(import.meta.url).resolve('jsdom'))
const living = './jsdom/living/'
const { domSymbolTree } = fromJsdom(`${living}helpers/internal-constants.js`) as { domSymbolTree: TreeIterable }
const { isLabelable } = fromJsdom(`${living}helpers/form-controls.js`) as { isLabelable(node: NodeImpl): boolean }
const NodeList = fromJsdom(`${living}generated/NodeList.js`) as {
  createImpl(globalObject: object, args: unknown[], privateData: { element: NodeImpl; query: () => NodeImpl[] }): object
}
const Label = (fromJsdom(`${living}nodes/HTMLLabelElement-impl.js`) as { implementation: new () => LabelImpl }).implementation

/** The labelable elements jsdom defines `labels` on (each through getLabelsForLabelable). */
const LABELABLE = ['HTMLButtonElement', 'HTMLInputElement', 'HTMLMeterElement', 'HTMLOutputElement', 'HTMLProgressElement', 'HTMLSelectElement', 'HTMLTextAreaElement']

/** Each root's label elements in tree order, as of its version. */
const labelsOfRoot = new WeakMap<NodeImpl, { version: number; labels: LabelImpl[] }>()

function labelElements(root: NodeImpl): LabelImpl[] {
  const known = labelsOfRoot.get(root)
  if (known !== undefined && known.version === root._version) return known.labels
  const labels: LabelImpl[] = []
  for (const node of domSymbolTree.treeIterator(root)) if (node instanceof Label) labels.push(node)
  labelsOfRoot.set(root, { version: root._version, labels })
  return labels
}

/** jsdom's getLabelsForLabelable with the shared walk. */
function labelsFor(labelable: NodeImpl): object | null {
  if (!isLabelable(labelable)) return null
  if (!labelable._labels) {
    const root = labelable.getRootNode({})
    labelable._labels = NodeList.createImpl(root._globalObject, [], {
      element: root,
      query: () => labelElements(root).filter((label) => label.control === labelable),
    })
  }
  return labelable._labels ?? null
}

/** Replaces `labels` on jsdom's labelable element implementations, once per jsdom. */
export function indexLabels(): void {
  for (const name of LABELABLE) {
    const impl = (fromJsdom(`${living}nodes/${name}-impl.js`) as { implementation: { prototype: object } }).implementation.prototype
    if (PATCHED in impl) continue
    Object.defineProperty(impl, 'labels', { configurable: true, get: function (this: NodeImpl) { return labelsFor(this) } })
    Object.defineProperty(impl, PATCHED, { value: true })
  }
}
