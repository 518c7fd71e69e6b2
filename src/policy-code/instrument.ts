import { parse, type Node, type Program } from 'acorn'
import { PolicyCodeError } from './errors.ts'

/** Names the instrumented code uses; user code may not name anything starting with this. */
export const RESERVED_PREFIX = '__schedscope'
/** The step counter: called with the line at every statement, loop iteration and function entry. */
export const STEP = `${RESERVED_PREFIX}$s`
const DEFAULT = `${RESERVED_PREFIX}$d`

/**
 * What a text is: a key the editor holds (`t` in scope, evaluated per task), or a policy file
 * whose `export default` is the policy (the CLI's `--policy-file`).
 */
export type CodeForm = 'key' | 'module'

type AnyNode = Node & Record<string, unknown>
interface Edit {
  readonly pos: number
  readonly text: string
  readonly closing: boolean
  readonly seq: number
}

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'])
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])

function parseText(text: string): Program {
  try {
    // Module source: strict mode's rules apply (no `with`, no octal literals), as when it runs.
    // Parentheses kept as nodes: `({ ... })` or `((t) => ...)` is then one node, parentheses and all.
    return parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowReturnOutsideFunction: true, allowAwaitOutsideFunction: false, locations: true, preserveParens: true })
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number } }
    const message = (err.message ?? String(e)).replace(/ \(\d+:\d+\)$/, '')
    throw new PolicyCodeError(err.loc?.line ?? 0, `syntax error: ${message}`)
  }
}

const lineOf = (n: Node) => n.loc?.start.line ?? 0

/**
 * The function body that runs a policy's code under the step budget: every statement in a
 * list, loop body and function body first calls STEP with its line, so a loop is stopped
 * after a number of steps and an error is placed on the line last entered. Throws a
 * PolicyCodeError (with the line) for a syntax error or what the sandbox does not allow.
 *
 * The key forms: a body with `return` (`return t.weight`), one expression (`t.weight`), or
 * one function, arrow or declared (`(t) => t.weight`, `function key(t) {...}`), called with t.
 */
export function instrumentPolicyCode(text: string, form: CodeForm): string {
  if (text.trim() === '') throw new PolicyCodeError(0, form === 'key' ? 'the key is empty: write an expression over t, such as t.weight' : 'the file is empty')
  const program = parseText(text)
  const edits: Edit[] = []
  let seq = 0
  const insert = (pos: number, t: string, closing = false) => edits.push({ pos, text: t, closing, seq: seq++ })
  // A statement's step call goes before anything else that opens where the statement starts.
  const statementStep = (s: AnyNode) => edits.push({ pos: s.start, text: step(lineOf(s)), closing: false, seq: seq++ - 1e9 })
  const step = (line: number) => `${STEP}(${line});`
  // Wraps a statement that is not a block, so its step call and it stay one statement.
  const guard = (body: AnyNode, line: number) => {
    if (body.type === 'BlockStatement') insert(body.start + 1, step(line))
    else {
      insert(body.start, `{${step(line)}`)
      insert(body.end, '}', true)
    }
  }

  const visit = (node: AnyNode, parent: AnyNode | null): void => {
    check(node, parent, form)
    if (LOOPS.has(node.type)) guard(node.body as AnyNode, lineOf(node))
    if (FUNCTIONS.has(node.type)) {
      const body = node.body as AnyNode
      if (body.type === 'BlockStatement') insert(body.start + 1, step(lineOf(node)))
      else {
        insert(body.start, `(${STEP}(${lineOf(node)}), (`)
        insert(body.end, '))', true)
      }
    }
    for (const list of [node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock' ? node.body : null, node.type === 'SwitchCase' ? node.consequent : null]) {
      if (!Array.isArray(list)) continue
      for (const s of list as AnyNode[]) if (!s.type.startsWith('Export') && !s.type.startsWith('Import')) statementStep(s)
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue
      const v = node[key]
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) visit(c, node)
      }
      else if (isNode(v)) visit(v, node)
    }
  }
  // The form's own wrapping first: it is outermost wherever it meets the instrumentation.
  let prefix = ''
  let suffix = ''
  let cut: [number, number][] = []
  if (form === 'module') {
    const d = program.body.find((s) => s.type === 'ExportDefaultDeclaration') as AnyNode | undefined
    if (d === undefined) throw new PolicyCodeError(0, 'no `export default { name, higherFirst, key }` in the file')
    const declaration = d.declaration as AnyNode
    // `export default X` becomes an assignment: statements after it still run (helpers, consts).
    insert(d.start, `${DEFAULT} = (`)
    insert(declaration.end, ');', true)
    cut = [[d.start, declaration.start]]
    prefix = `let ${DEFAULT};`
    suffix = `\n;return ${DEFAULT};`
  } else {
    const [only, ...rest] = program.body as AnyNode[]
    if (only !== undefined && rest.length === 0 && only.type === 'ExpressionStatement') {
      const e = only.expression as AnyNode
      let inner = e
      while (inner.type === 'ParenthesizedExpression') inner = inner.expression as AnyNode
      // `(t) => ...` is called with t; any other lone expression is the key itself.
      const isFunction = inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression'
      insert(e.start, 'return (')
      insert(e.end, isFunction ? ')(t)' : ')', true)
    } else if (only !== undefined && rest.length === 0 && only.type === 'FunctionDeclaration' && only.id !== null) {
      suffix = `\n;return ${(only.id as AnyNode & { name: string }).name}(t);`
    }
  }
  visit(program as unknown as AnyNode, null)
  return prefix + apply(text, edits, cut) + suffix
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string'
}

/** What the sandbox refuses before anything runs. */
function check(node: AnyNode, _parent: AnyNode | null, form: CodeForm): void {
  const line = lineOf(node)
  if (node.type === 'Identifier' && typeof node.name === 'string' && node.name.startsWith(RESERVED_PREFIX)) {
    throw new PolicyCodeError(line, `names starting with ${RESERVED_PREFIX} are reserved`)
  }
  if (node.type === 'ImportExpression' || node.type === 'ImportDeclaration' || (node.type === 'MetaProperty' && (node.meta as { name?: string }).name === 'import')) {
    throw new PolicyCodeError(line, 'a policy cannot import anything: it sees only the task t')
  }
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration' || (node.type === 'ExportDefaultDeclaration' && form === 'key')) {
    throw new PolicyCodeError(line, form === 'key' ? 'the key is not a module: write an expression over t, such as t.weight' : 'a policy file has one `export default { ... }` and no other exports')
  }
  if (node.type === 'AwaitExpression' || ((node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration') && node.async === true)) {
    throw new PolicyCodeError(line, 'a key is worked out at once: no async functions or await')
  }
}

/** The text with the edits inserted and the given ranges cut out. */
function apply(text: string, edits: Edit[], cut: readonly (readonly [number, number])[]): string {
  // At one position, what closes comes before what opens; among closings the innermost
  // (added last) first, among openings the outermost (added first) first.
  const sorted = [...edits].sort((a, b) => a.pos - b.pos || (a.closing === b.closing ? (a.closing ? b.seq - a.seq : a.seq - b.seq) : a.closing ? -1 : 1))
  let out = ''
  let at = 0
  const emit = (to: number) => {
    let from = at
    for (const [c0, c1] of cut) {
      if (c1 <= from || c0 >= to) continue
      out += text.slice(from, Math.max(from, c0))
      from = Math.min(to, c1)
    }
    out += text.slice(from, to)
    at = to
  }
  for (const e of sorted) {
    emit(e.pos)
    out += e.text
  }
  emit(text.length)
  return out
}
