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
