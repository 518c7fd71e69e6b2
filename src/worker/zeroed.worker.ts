/// <reference lib="webworker" />
import { serveRequests } from './requests.ts'
import { touchedZeroes } from './zeroed-client.ts'

// Touching new memory the first time is the dear part of widening a column: done here, moved
// to the page (zeroed-client.ts).
declare const self: DedicatedWorkerGlobalScope
serveRequests<number, ArrayBuffer>(self, (bytes) => {
  const buffer = touchedZeroes(bytes)
  return { reply: buffer, transfer: [buffer] }
})
