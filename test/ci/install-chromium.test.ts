import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../../.ci/install-chromium', import.meta.url))

/**
 * Runs the script with a PATH of stubs only: `id` answers `uid`, `apt-get` (and `sudo`, when
 * given) log how they were called, so no test touches the real machine.
 */
function install(opts: { uid: number; sudo: boolean; chromium: 'present' | 'missing' }) {
  const dir = mkdtempSync(join(tmpdir(), 'install-chromium-'))
  const bin = join(dir, 'bin')
  const log = join(dir, 'calls.log')
  spawnSync('mkdir', [bin])
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  stub('id', `echo ${opts.uid}`)
  stub('apt-get', `echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> ${log}`)
  if (opts.sudo) stub('sudo', `echo "sudo" >> ${log}; exec "$@"`)
  symlinkSync('/usr/bin/env', join(bin, 'env'))
  const chromium = join(dir, 'chromium')
  if (opts.chromium === 'present') stub('../chromium', 'exit 0')
  const r = spawnSync('/bin/bash', [script], { encoding: 'utf8', env: { PATH: bin, CHROMIUM: chromium } })
  let calls: string[] = []
  try {
    calls = readFileSync(log, 'utf8').trim().split('\n')
  } catch {
    // no call logged
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls }
}

describe('.ci/install-chromium', () => {
  it('does nothing when Chromium is there', () => {
    for (const uid of [0, 1000]) {
      const r = install({ uid, sudo: true, chromium: 'present' })
      expect(r.status).toBe(0)
      expect(r.calls).toEqual([])
      expect(r.stdout).toContain('already installed')
    }
  })

  it('installs as root without sudo (a root machine may have none)', () => {
    const r = install({ uid: 0, sudo: false, chromium: 'missing' })
    expect(r.status).toBe(0)
    expect(r.calls).toEqual(['apt-get update -qq (DEBIAN_FRONTEND=)', 'apt-get install -y -qq chromium (DEBIAN_FRONTEND=noninteractive)'])
  })

  it('uses sudo only when not root, passing the non-interactive setting through it', () => {
    const r = install({ uid: 1000, sudo: true, chromium: 'missing' })
    expect(r.status).toBe(0)
    expect(r.calls).toEqual(['sudo', 'apt-get update -qq (DEBIAN_FRONTEND=)', 'sudo', 'apt-get install -y -qq chromium (DEBIAN_FRONTEND=noninteractive)'])
  })

  it('says what to do when neither root nor sudo is available', () => {
    const r = install({ uid: 1000, sudo: false, chromium: 'missing' })
    expect(r.status).toBe(1)
    expect(r.calls).toEqual([])
    expect(r.stderr).toMatch(/installing it needs root: run this as root or install sudo/)
  })
})

it('.ci/run installs Chromium through the script', () => {
  const run = readFileSync(fileURLToPath(new URL('../../.ci/run', import.meta.url)), 'utf8')
  expect(run.split('\n')).toContain('.ci/install-chromium')
  expect(run).not.toContain('apt-get')
})
