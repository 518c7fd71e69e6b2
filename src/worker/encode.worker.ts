/// <reference lib="webworker" />
import { encodeScenario } from '../store/share-link.ts'
import type { EncodeRequest, EncodeResponse } from './encode-client.ts'
import { unpackTasks } from './packed-tasks.ts'

// Formatting and compressing a 10,000-task scenario takes tens of milliseconds: not on the page's thread.
declare const self: DedicatedWorkerGlobalScope
self.onmessage = (e: MessageEvent<EncodeRequest>) => {
  const { requestId, scenario, packed, algorithms, label } = e.data
  const response: EncodeResponse = { requestId, ...encodeScenario({ ...scenario, tasks: unpackTasks(packed) }, algorithms, label) }
  self.postMessage(response)
}
