import { parse, type Node } from 'acorn'
import { customPolicyProblems } from '../engine/policies/custom.ts'
import { keyOf, sandbox } from './compile.ts'
import { PolicyCodeError } from './errors.ts'
import type { Realm } from './realm.ts'
import type { CompiledPolicy } from './run-policies.ts'

/**
 * Reads a policy file, the CLI's `--policy-file` (a stable format):
 *
 *   export default { name: 'ByWeight', higherFirst: true, key: (t) => t.weight }
 *
 * with optional `label` and `color`. The file runs in `realm` under the step budget (constants
 * and helper functions beside the export are fine; imports are not). Throws a PolicyCodeError
 * naming the line.
 */
export function compilePolicyFile(text: string, realm: Realm): CompiledPolicy {
  const box = sandbox(text, 'module', realm)
  const lines = fieldLines(text)
  const exported = box.guard(() => box.run(undefined))
  if (typeof exported !== 'object' || exported === null) throw new PolicyCodeError(lines.get('') ?? 0, 'export default must be an object { name, higherFirst, key }')
  // Read once, under the budget: a field may be a getter.
  const fields = box.guard(() => {
    const o = exported as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(o)) out[k] = o[k]
    return out
  })
  const keyFn = fields.key
  if (typeof keyFn !== 'function') throw new PolicyCodeError(lines.get('key') ?? lines.get('') ?? 0, 'key must be a function of the task, such as (t) => t.weight')
  const problems = customPolicyProblems({ ...fields, key: 'function' })
  if (problems.length > 0) {
    const [field, message] = problems[0]!
    throw new PolicyCodeError(lines.get(field) ?? lines.get('') ?? 0, `${field === '' ? 'export default' : field} ${message}`)
  }
  const { name, higherFirst, label, color } = fields as { name: string; higherFirst: boolean; label?: string; color?: string }
  return {
    source: { name, higherFirst, ...(label !== undefined && { label }), ...(color !== undefined && { color }) },
    key: keyOf(box, (t) => Reflect.apply(keyFn as (t: unknown) => unknown, undefined, [t])),
  }
}

/** The line of each field written in `export default { ... }` ('' for the export itself). */
function fieldLines(text: string): Map<string, number> {
  const out = new Map<string, number>()
  const program = parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowReturnOutsideFunction: true, locations: true })
  const d = program.body.find((s) => s.type === 'ExportDefaultDeclaration')
  if (d === undefined) return out
  out.set('', line(d))
  if (d.declaration.type === 'ObjectExpression') {
    for (const p of d.declaration.properties) {
      if (p.type === 'Property' && p.key.type === 'Identifier') out.set(p.key.name, line(p))
      else if (p.type === 'Property' && p.key.type === 'Literal') out.set(String(p.key.value), line(p))
    }
  }
  return out
}

const line = (n: Node) => n.loc?.start.line ?? 0
