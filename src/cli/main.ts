import { runCli } from './cli.ts'
import { nodeIo } from './node-io.ts'

// Piped into `head`, the reader may leave early: that ends the output, it is no error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = runCli(process.argv.slice(2), nodeIo)
