import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { runCli } from '../../src/cli/cli.ts'
import type { OutputCheck } from '../../src/cli/output-paths.ts'

/**
 * Runs the command line in-process: `files` are read before the disk, what it writes is kept
 * in `written` (nothing is written to disk), and `outputProblem` checks output paths (none by default).
 */
export function cli(args: string[], files: Record<string, string> = {}, outputProblem: OutputCheck = () => undefined) {
  let out = ''
  let err = ''
  const written: Record<string, string> = {}
  const code = runCli(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readFile: (p) => (p in files ? files[p]! : readFileSync(p, 'utf8')),
    writeFile: (p, t) => (written[p] = t),
    outputProblem,
  })
  return { code, out, err, written }
}

export interface ProcessResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * spawnSync's answer without blocking: the tests that start several processes independent of
 * each other start them at once, so one waits on the slowest instead of on their sum.
 */
export function runProcess(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t))
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}
