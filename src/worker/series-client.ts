import { algorithmSeries, type AlgorithmSeries, type SeriesTimeline } from '../run-view/series.ts'
import { stepTimes, type Timed } from '../run-view/time.ts'
import { workerRequests } from './requests.ts'

/** The curves of several runs of one scenario: what MetricCharts draws. */
export interface SeriesRequest {
  readonly runs: readonly { readonly algorithm: string; readonly timeline: SeriesTimeline }[]
  readonly weight: Float64Array
  readonly arrivalS: Float64Array
  /** The run's clock: steps become seconds as the run's mode counts them. */
  readonly timing: Timed
}

export type SeriesResult = { readonly algorithm: string; readonly series: AlgorithmSeries }[]

/** Computes the curves (what the worker runs, and the fallback where there is none). */
export function computeSeries(r: SeriesRequest): SeriesResult {
  const tasks = Array.from(r.weight, (weight, i) => ({ weight, arrivalS: r.arrivalS[i]! }))
  return r.runs.map(({ algorithm, timeline }) => ({ algorithm, series: algorithmSeries(timeline, tasks, stepTimes(r.timing)) }))
}

/** Copies the columns the series read, so a timeline still filling in can be sent away. */
export function snapshotTimeline(tl: SeriesTimeline): SeriesTimeline {
  return {
    taskCount: tl.taskCount,
    gpuCount: tl.gpuCount,
    lastTrack: tl.lastTrack.slice(),
    lastPos: tl.lastPos.slice(),
    tracks: tl.tracks.map((t) => ({
      kind: t.kind,
      length: t.length,
      holdsResources: t.holdsResources,
      item: t.item.slice(0, t.length),
      stepOpen: t.stepOpen.slice(0, t.length),
      stepClose: t.stepClose.slice(0, t.length),
      t1: t.t1.slice(0, t.length),
      resCount: t.resCount.slice(0, t.length),
    })),
  }
}

/** The buffers of a snapshot, to transfer. */
function snapshotBuffers(t: SeriesTimeline): ArrayBuffer[] {
  const columns = [t.lastTrack, t.lastPos, ...t.tracks.flatMap((k) => [k.item, k.stepOpen, k.stepClose, k.t1, k.resCount])]
  return columns.map((c) => c.buffer as ArrayBuffer)
}

export type SeriesComputer = (request: SeriesRequest) => Promise<SeriesResult>

/** Computes on the calling thread, in a later task (tests, browsers without module workers). */
export const computeSeriesHere: SeriesComputer = (request) => new Promise((resolve) => setTimeout(() => resolve(computeSeries(request)), 0))

let shared: SeriesComputer | undefined

/**
 * The app's series computer: a Web Worker, so curves of 100,000 tasks are sorted and summed
 * off the page's thread; the calling thread where no worker can be started.
 */
export function seriesComputer(): SeriesComputer {
  if (shared !== undefined) return shared
  const request = workerRequests<SeriesRequest, SeriesResult>(
    () => new Worker(new URL('./series.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-series' }),
  )
  if (request === null) return (shared = computeSeriesHere)
  // The snapshots are the caller's to give away: transferred, not copied again.
  return (shared = (r) => request(r, r.runs.flatMap(({ timeline }) => snapshotBuffers(timeline))))
}
