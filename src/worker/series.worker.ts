/// <reference lib="webworker" />
import { computeSeries, type SeriesMessage, type SeriesReply } from './series-client.ts'

// Sorting and summing the change points of 100,000 tasks takes longer than a frame.
declare const self: DedicatedWorkerGlobalScope
self.onmessage = (e: MessageEvent<SeriesMessage>) => {
  const result = computeSeries(e.data.request)
  const buffers = result.flatMap(({ series }) => [series.weightedFlow, series.queueLength, series.utilization].flatMap((s) => [s.t.buffer, s.v.buffer]))
  self.postMessage({ requestId: e.data.requestId, result } satisfies SeriesReply, buffers as ArrayBuffer[])
}
