/// <reference lib="webworker" />
import { computeSeries, type SeriesRequest, type SeriesResult } from './series-client.ts'
import { serveRequests } from './requests.ts'

// Sorting and summing the change points of 100,000 tasks takes longer than a frame.
declare const self: DedicatedWorkerGlobalScope
serveRequests<SeriesRequest, SeriesResult>(self, (request) => {
  const reply = computeSeries(request)
  return { reply, transfer: reply.flatMap(({ series }) => [series.weightedFlow, series.queueLength, series.utilization].flatMap((s) => [s.t.buffer, s.v.buffer])) }
})
