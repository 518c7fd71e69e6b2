import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain-JS module without types (it runs before anything is compiled)
import { SWEEP_BUNDLE } from '../../src/cli/bundle.js'
import { formatSweepJson } from '../../src/sweep/json.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { smallRateSweep } from '../sweep/helpers.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** smallRateSweep as flags. */
const FLAGS = [
  '--param', 'rate', '--from', '1', '--to', '6', '--points', '4', '--seeds', '3', '--count', '40', '--seed', '3', '--cluster', 'h100_8gpu', '--arrivals', 'poisson:5',
  '--prefill-tokens', 'lognormal:800:0.9', '--decode-tokens', 'lognormal:1500:0.9', '--weights', '1:0.7,10:0.3', '--models', 'Llama3-8B:0.5,Llama3-70B:0.5',
]

/** npm run sweep's output; asynchronous, so that runs independent of each other can go at once. */
const sweep = async (args: string[]) => (await promisify(execFile)(process.execPath, ['src/cli/sweep.js', ...args], { cwd: root, encoding: 'utf8' })).stdout

describe('npm run sweep as a process', () => {
  it('npm run sweep runs src/cli/sweep.js, which runs the bundle of src/cli/sweep-main.ts', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(pkg.scripts.sweep).toBe('node src/cli/sweep.js')
    expect(SWEEP_BUNDLE.entry).toBe(join(root, 'src', 'cli', 'sweep-main.ts'))
    expect(readFileSync(join(root, 'src/cli/sweep.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect(statSync(join(root, 'src/cli/sweep.js')).mode & 0o111).not.toBe(0)
  })

  it('in worker threads, whole or in shards merged, writes what the engine gives on one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedscope-sweep-'))
    const engine = formatSweepJson(runSweep(smallRateSweep()))
    const [out] = await Promise.all([
      sweep([...FLAGS, '--workers', '2', '--out', join(dir, 'all.json')]),
      ...[1, 2].map((i) => sweep([...FLAGS, '--workers', '2', '--shard', `${i}/2`, '--out', join(dir, `part${i}.json`)])),
    ])
    expect(out).toContain('Ran 12 scenarios × 4 policies on 2 worker threads.')
    expect(readFileSync(join(dir, 'all.json'), 'utf8')).toBe(engine)
    await sweep(['merge', join(dir, 'part2.json'), join(dir, 'part1.json'), '--out', join(dir, 'merged.json')])
    expect(readFileSync(join(dir, 'merged.json'), 'utf8')).toBe(engine)
  })

  it('exits 2 on bad usage, with the message alone', () => {
    const r = spawnSync(process.execPath, ['src/cli/sweep.js', '--points', 'many'], { cwd: root, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe("schedscope sweep: --points must be a number, got 'many'\nRun with --help for the options.\n")
  })
})
