import { createAppStore } from '../../src/store/app-store.ts'
import { connectRunner, type RunnerOptions } from '../../src/store/runner.ts'
import { createInThreadClient } from '../../src/worker/sim-client.ts'
import type { WorkerCommand } from '../../src/worker/protocol.ts'
import { nextTask } from './app.tsx'
import { generatedServing } from './serving.ts'

/**
 * A serving run connected with frames the test runs: the worker's chunking clock moves 4 ms a
 * reading (chunks of 12 ms), so the batches are the same however fast the machine (on its own
 * clock a fast one ran this run in one batch; `oneChunk` stops that clock, so the whole run is
 * one batch sent with the run's end). `sent` holds every command the page sent.
 */
export function framedRun(options: Pick<RunnerOptions, 'growAheadBytes' | 'makeZeroed' | 'holdBatches'> & { readonly oneChunk?: boolean } = {}) {
  const { oneChunk = false, ...runner } = options
  const store = createAppStore({ scenario: generatedServing(11, 60, 1000) })
  const frames: (() => void)[] = []
  const sent: WorkerCommand[] = []
  let workerMs = 0
  const stop = connectRunner(store, {
    createClient: (onEvent) => {
      const client = createInThreadClient(onEvent, { defer: nextTask, now: () => (oneChunk ? 0 : (workerMs += 4)) })
      return { ...client, send: (cmd: WorkerCommand) => (sent.push(cmd), client.send(cmd)) }
    },
    schedule: (f) => frames.push(f),
    debounceMs: 0,
    ...runner,
  })
  /** Runs the frames asked for, in order, until the run is done; `each` is called before each one. */
  async function toEnd(each: () => void = () => {}): Promise<void> {
    for (let turns = 0; store.getState().run.status !== 'done'; turns++) {
      if (turns >= 100_000) throw new Error('the run did not end')
      const frame = frames.shift()
      if (frame === undefined) await new Promise((r) => setImmediate(r))
      else {
        each()
        frame()
      }
    }
  }
  return { store, frames, sent, stop, toEnd }
}
