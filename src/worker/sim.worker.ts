/// <reference lib="webworker" />
import { createSimHandler } from './handler.ts'
import { commandFromWire, type WorkerCommandWire } from './protocol.ts'

// The thin adapter: the logic lives in handler.ts, which tests drive without a Worker.
declare const self: DedicatedWorkerGlobalScope
const handle = createSimHandler((event, transfer) => self.postMessage(event, transfer))
self.onmessage = (e: MessageEvent<WorkerCommandWire>) => handle(commandFromWire(e.data))
