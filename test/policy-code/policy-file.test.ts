import { describe, expect, it } from 'vitest'
import { nodeRealm } from '../../src/cli/node-realm.ts'
import type { WaitingItem } from '../../src/engine/policies/policy.ts'
import { compilePolicyFile } from '../../src/policy-code/policy-file.ts'

const realm = nodeRealm()
const task: WaitingItem = { order: 0, arrival: 2, weight: 3, remaining: 1.5, ratioRemaining: 1.5, tokens: 1500, remainingTokens: 1500, model: 'Qwen3', tp: 1, waited: 0, now: 2 }

const problem = (text: string) => {
  try {
    compilePolicyFile(text, realm)
    return ''
  } catch (e) {
    return (e as Error).message
  }
}

describe('a policy file (--policy-file)', () => {
  it('reads the stable format: name, direction and a key over t', () => {
    const p = compilePolicyFile("export default { name: 'ByWeight', higherFirst: true, key: (t) => t.weight }\n", realm)
    expect(p.source).toEqual({ name: 'ByWeight', higherFirst: true })
    expect(p.key.key(task)).toBe(3)
  })

  it('takes constants and helpers beside the export, a method key, a label and a colour', () => {
    const text = [
      '// An EDF-like deadline.',
      'const k = 0.002',
      'function deadline(t) {',
      '  return t.arrival + k * t.tokens',
      '}',
      'export default {',
      "  name: 'EDF2',",
      "  label: 'EDF, 2 ms per token',",
      "  color: '#123abc',",
      '  higherFirst: false,',
      '  key(t) { return deadline(t) },',
      '}',
    ].join('\n')
    const p = compilePolicyFile(text, realm)
    expect(p.source).toEqual({ name: 'EDF2', label: 'EDF, 2 ms per token', color: '#123abc', higherFirst: false })
    expect(p.key.key(task)).toBe(5)
    expect(p.key.keyReadingTime({ ...task, waited: 1, now: 3 })).toEqual({ key: 5, readTime: false })
  })

  it('names the line of what is wrong', () => {
    const file = (fields: string[]) => ['export default {', ...fields, '}'].join('\n')
    expect(problem(file(["  name: 'By weight',", '  higherFirst: true,', '  key: (t) => t.weight,']))).toBe(
      "line 2: name must start with a letter and hold only letters, digits, '_', '.' or '-' (at most 40)",
    )
    expect(problem(file(["  name: 'W',", "  higherFirst: 'yes',", '  key: (t) => t.weight,']))).toBe('line 3: higherFirst must be true or false')
    expect(problem(file(["  name: 'W',", '  higherFirst: true,', "  key: 't.weight',"]))).toBe('line 4: key must be a function of the task, such as (t) => t.weight')
    expect(problem(file(["  name: 'W',", '  higherFirst: true,', '  key: (t) => t.weight,', '  weight: 2,']))).toBe(
      'line 5: weight unknown key (a policy has name, higherFirst, key, label, color)',
    )
    expect(problem(file(["  name: 'W',", '  higherFirst: true,', '  key: (t) => {', '    while (t) {}', '  },']))).toBe('')
    expect(() => compilePolicyFile(file(["  name: 'W',", '  higherFirst: true,', '  key: (t) => {', '    while (t) {}', '  },']), realm).key.key(task)).toThrow(
      'line 5: stopped after 1,000,000 steps for one task (an endless loop?)',
    )
    expect(problem("import x from 'fs'\nexport default {}")).toBe('line 1: a policy cannot import anything: it sees only the task t')
    expect(problem("module.exports = { name: 'W' }")).toBe('no `export default { name, higherFirst, key }` in the file')
    expect(problem("export default 'W'")).toBe('line 1: export default must be an object { name, higherFirst, key }')
    expect(problem("export const name = 'W'\nexport default {}")).toBe('line 1: a policy file has one `export default { ... }` and no other exports')
    expect(problem("export default {\n  name: 'W',\n  higherFirst: true,\n  key: (t) => t.weight +\n}")).toBe('line 5: syntax error: Unexpected token')
  })
})
