/// <reference lib="webworker" />
import { encodeScenario, type EncodedScenario } from '../sharing/share-link.ts'
import type { EncodeRequest } from './encode-client.ts'
import { unpackTasks } from './packed-tasks.ts'
import { serveRequests } from './requests.ts'

// Formatting and compressing a 10,000-task scenario takes tens of milliseconds: not on the page's thread.
declare const self: DedicatedWorkerGlobalScope
serveRequests<EncodeRequest, EncodedScenario>(self, async ({ scenario, packed, algorithms, label, policies }) => ({
  reply: await encodeScenario({ ...scenario, tasks: unpackTasks(packed) }, algorithms, label, policies),
}))
