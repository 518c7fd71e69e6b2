import { runCli } from './cli.ts'
import { nodeIo } from './node-io.ts'

process.exitCode = runCli(process.argv.slice(2), nodeIo)
