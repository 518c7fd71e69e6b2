import { createSimHandler, type HandlerOptions } from './handler.ts'
import { commandToWire, type WorkerCommand, type WorkerEvent } from './protocol.ts'

/** The main thread's handle on the simulation, wherever it runs. */
export interface SimClient {
  send(cmd: WorkerCommand): void
  readonly inWorker: boolean
  dispose(): void
}

/**
 * Runs the engine in a module Web Worker. Where Workers are missing (old browsers, some test
 * environments) it falls back to the same handler on the main thread, one chunk per macrotask,
 * so the page still never runs the whole loop in one go.
 */
export function createSimClient(onEvent: (e: WorkerEvent) => void): SimClient {
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-sim' })
      worker.onmessage = (e: MessageEvent<WorkerEvent>) => onEvent(e.data)
      worker.onerror = (e) => onEvent({ type: 'error', runId: -1, message: `simulation worker failed: ${e.message}` })
      const send = (cmd: WorkerCommand) => {
        const { wire, transfer } = commandToWire(cmd)
        worker.postMessage(wire, transfer)
      }
      return { send, inWorker: true, dispose: () => worker.terminate() }
    } catch {
      // fall through to the in-thread handler
    }
  }
  return createInThreadClient(onEvent)
}

/** How the in-thread client hands a command or an event across: as a task of its own. */
export interface InThreadOptions extends HandlerOptions {
  /**
   * Runs `f` in a later task; a timer by default. Tests on real timers pass Node's
   * `setImmediate`, which a chain of hand-overs does not wait 1 ms at each step for.
   */
  readonly defer?: (f: () => void) => void
}

const nextTimer = (f: () => void) => {
  setTimeout(f, 0)
}

/** The handler on this thread, one command or event per macrotask (`options`: its chunking clock, for tests). */
export function createInThreadClient(onEvent: (e: WorkerEvent) => void, options: InThreadOptions = {}): SimClient {
  const defer = options.defer ?? nextTimer
  let disposed = false
  const handle = createSimHandler((event) => {
    if (!disposed) defer(() => onEvent(event))
  }, options)
  return {
    send: (cmd) => defer(() => !disposed && handle(cmd)),
    inWorker: false,
    dispose: () => {
      disposed = true
    },
  }
}
