import { readFileSync, writeFileSync } from 'node:fs'
import { runCli } from './cli.ts'

const code = runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
})
process.exitCode = code
