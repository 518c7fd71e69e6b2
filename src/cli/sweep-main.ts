import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort } from 'node:worker_threads'
import { nodeIo } from './node-io.ts'
import { runSweepCli } from './sweep-cli.ts'
import { defaultThreads, serveSweepJobs, threadWorkers } from './sweep-threads.ts'

// One file, two roles: the command line in the main thread, a job runner in each worker
// thread it starts (the same bundle, so both run the very same code).
if (isMainThread) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw e
  })
  process.exitCode = await runSweepCli(process.argv.slice(2), nodeIo, { start: threadWorkers(fileURLToPath(import.meta.url)), count: defaultThreads() })
} else serveSweepJobs(parentPort!)
