import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain-JS module without types (it runs before anything is compiled)
import { buildBundle, CLI_BUNDLE, ensureBundle, isStale } from '../../src/cli/bundle.js'
import { runProcess } from '../helpers/cli.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('the CLI launcher', () => {
  it('builds a bundle, and builds it again only when a file it holds is newer or gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedscope-bundle-'))
    mkdirSync(join(dir, 'src'))
    writeFileSync(join(dir, 'src', 'main.ts'), "import { word } from './word.ts'\nconsole.log(word)\n")
    writeFileSync(join(dir, 'src', 'word.ts'), "export const word: string = 'first'\n")
    const spec = { root: dir, entry: join(dir, 'src', 'main.ts'), outfile: join(dir, 'out', 'cli.mjs') }
    expect(isStale(spec)).toBe(true)
    await ensureBundle(spec)
    expect(isStale(spec)).toBe(false)
    expect(JSON.parse(readFileSync(`${spec.outfile}.inputs.json`, 'utf8')).inputs.sort()).toEqual(['src/main.ts', 'src/word.ts'])
    expect(execFileSync(process.execPath, [spec.outfile], { encoding: 'utf8' })).toBe('first\n')

    // An edit after the build began makes the bundle stale: the next run rebuilds first.
    writeFileSync(join(dir, 'src', 'word.ts'), "export const word: string = 'second'\n")
    const { builtAt } = JSON.parse(readFileSync(`${spec.outfile}.inputs.json`, 'utf8'))
    utimesSync(join(dir, 'src', 'word.ts'), (builtAt + 1) / 1000, (builtAt + 1) / 1000)
    expect(isStale(spec)).toBe(true)
    await ensureBundle(spec)
    expect(execFileSync(process.execPath, [spec.outfile], { encoding: 'utf8' })).toBe('second\n')
    expect(isStale(spec)).toBe(false)

    rmSync(`${spec.outfile}.inputs.json`)
    expect(isStale(spec)).toBe(true)
    await buildBundle(spec)
    rmSync(join(dir, 'src', 'word.ts'))
    expect(isStale(spec)).toBe(true)
  })

  it('npm run sim and npx schedscope run src/cli/schedscope.js, which runs the bundle of src/cli/main.ts', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(pkg.bin).toEqual({ schedscope: 'src/cli/schedscope.js' })
    expect(pkg.scripts.sim).toBe('node src/cli/schedscope.js')
    expect(pkg.scripts.prepare).toBe('node src/cli/bundle.js')
    expect(readFileSync(join(root, 'src/cli/schedscope.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect(statSync(join(root, 'src/cli/schedscope.js')).mode & 0o111).not.toBe(0)
    expect(CLI_BUNDLE.entry).toBe(join(root, 'src', 'cli', 'main.ts'))
  })

  it('works as a real process: the table, --output, a usage error, and output piped into a reader that leaves early', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedscope-'))
    const node = (args: string[]) => runProcess(process.execPath, ['src/cli/schedscope.js', ...args], { cwd: root })
    const [ran, failed, folder, piped] = await Promise.all([
      node(['--workload', 'discriminating', '--mode', 'reference', '--output', join(dir, 'r.json')]),
      node(['--cluster', 'nope']),
      node(['--trace', dir]),
      runProcess('/bin/sh', ['-c', 'node src/cli/schedscope.js --workload both | head -1'], { cwd: root }),
    ])
    expect(ran.status).toBe(0)
    expect(ran.stdout).toMatch(/^FIFO\s+336\.400\s+2\.402\s+20$/m)
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).discriminating_WeightedFIFO.weighted_waiting_time).toBeCloseTo(108.04, 9)
    expect(failed.status).toBe(2)
    expect(failed.stderr).toContain("unknown cluster 'nope'")
    expect(folder.status).toBe(2)
    expect(folder.stdout).toBe('')
    expect(folder.stderr).toBe(`schedscope: --trace ${dir}: is a folder; give a file name\nRun with --help for the options.\n`)
    expect(piped.stdout).toBe('Workload: discriminating (20 tasks) on h100_16gpu (16 GPUs), dt 0.01 s, max time 5 s\n')
    expect(piped.stderr).toBe('')
  })
})
