import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const engineDir = fileURLToPath(new URL('../../src/engine', import.meta.url))
/** Sweeps are defined over the engine alone: the page's workers and the CLI's threads run them. */
const sweepDir = fileURLToPath(new URL('../../src/sweep', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Pure libraries the engine may use: no DOM, no timers, no host. */
const ALLOWED_PACKAGES = new Set(['d3-dsv'])
const HOST_GLOBALS = /\b(window|document|self|postMessage|importScripts|localStorage|navigator|requestAnimationFrame|setTimeout|setInterval|performance|process|Date\.now|Math\.random)\b/

const inside = (dir: string, path: string) => !relative(dir, path).startsWith('..')

describe('engine boundary', () => {
  const files = [...sources(engineDir), ...sources(sweepDir)]

  it('imports only the engine and pure libraries (a sweep: also the sweep)', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      const allowed = inside(engineDir, file) ? [engineDir] : [engineDir, sweepDir]
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!
        const ok = spec.startsWith('.') ? allowed.some((dir) => inside(dir, join(file, '..', spec))) : ALLOWED_PACKAGES.has(spec)
        expect(ok, `${relative(engineDir, file)} imports ${spec}`).toBe(true)
      }
    }
  })

  it('touches no host globals, timers or unseeded randomness', () => {
    for (const file of files) {
      // Comments and string literals may mention these words; code may not use them.
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''")
      expect(code.match(HOST_GLOBALS)?.[0], relative(engineDir, file)).toBeUndefined()
    }
  })
})
