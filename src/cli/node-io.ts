import { accessSync, constants, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CliIo } from './cli.ts'

/** What is at a path; undefined when nothing is, or it cannot be looked at (a file on the way). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

/** Why `path` cannot take a new file, checked on the file system without writing anything. */
export function outputProblem(path: string): string | undefined {
  const full = resolve(path)
  const stat = statOf(full)
  if (stat?.isDirectory()) return 'is a folder; give a file name'
  const folder = dirname(full)
  const parent = statOf(folder)
  if (parent === undefined) return `the folder ${folder} does not exist`
  if (!parent.isDirectory()) return `${folder} is not a folder`
  try {
    accessSync(stat === undefined ? folder : full, constants.W_OK)
  } catch {
    return stat === undefined ? `the folder ${folder} is not writable` : 'is not writable'
  }
  return undefined
}

/** The CLI's link to the process: standard streams and the file system. */
export const nodeIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
  outputProblem,
}
