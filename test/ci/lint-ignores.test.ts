import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** A file each .gitignore pattern covers: `dir/` → `dir/probe.ts`, `*.log` → `probe.log`. */
function probes(): string[] {
  return readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!'))
    .map((p) => (p.endsWith('/') ? `${p.replace(/^\//, '')}probe.ts` : p.replace('*', 'probe')))
}

describe('lint follows .gitignore', () => {
  it('ignores every path git ignores, and still lints the sources', async () => {
    const eslint = new ESLint({ cwd: root })
    const list = probes()
    expect(list).toContain('.tmp/probe.ts')
    for (const p of list) expect(await eslint.isPathIgnored(join(root, p)), p).toBe(true)
    expect(await eslint.isPathIgnored(join(root, 'src/engine/clock.ts'))).toBe(false)
    expect(await eslint.isPathIgnored(join(root, 'test/ci/lint-ignores.test.ts'))).toBe(false)
  })

  it('a scratch folder git ignores does not make `eslint .` fail', async () => {
    // A file that breaks the lint rules, in a scratch folder .gitignore names.
    const dir = join(root, '.tmp', 'lint-probe')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'scratch.ts'), 'export const x: any = 1\n')
    try {
      // As `eslint .` walks into it: a folder's files are linted unless ignored.
      const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false })
      const results = await eslint.lintFiles(['.tmp/'])
      expect(results.flatMap((r) => r.messages).filter((m) => m.severity === 2)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
