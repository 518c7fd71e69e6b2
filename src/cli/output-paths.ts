import { UsageError, type CliArgs } from './args.ts'

/** Why a file cannot be written at `path` (a folder there, a missing folder...), or undefined. */
export type OutputCheck = (path: string) => string | undefined

/**
 * Checks --output and --trace before anything is simulated, so a typo in a path costs nothing
 * (it used to end a finished run with a stack trace).
 */
export function checkOutputPaths(args: CliArgs, check: OutputCheck): void {
  const outputs = [
    ['--output', args.output],
    ['--trace', args.trace],
  ] as const
  const problems: string[] = []
  for (const [flag, path] of outputs) {
    if (path === undefined) continue
    const why = check(path)
    if (why !== undefined) problems.push(`${flag} ${path}: ${why}`)
  }
  if (args.output !== undefined && args.output === args.trace) problems.push(`--output and --trace name the same file, ${args.output}`)
  if (problems.length > 0) throw new UsageError(problems.join('\n'))
}
