/**
 * The page's main-thread tasks from a Chrome trace, with wall and thread time. On a loaded
 * 2-core machine a task's wall time includes the time the OS gave the worker and other
 * processes; its thread time (the trace's `tdur`) is the CPU the page's own work took, which
 * tells the long tasks that are ours from the ones the machine stretched.
 */
import type { CDPSession } from 'playwright-core'

export interface TraceEvent {
  name: string
  pid: number
  tid: number
  ts: number
  /** Wall time, µs. */
  dur?: number
  /** Thread (CPU) time, µs. */
  tdur?: number
  args?: { name?: string }
}

/** A main-thread task: start (µs, trace clock), wall and thread time (ms). */
export interface Task {
  readonly ts: number
  readonly wall: number
  readonly thread: number
}

/** The category that carries RunTask with tdur, and the thread names; the cheapest one that does. */
export const TASK_CATEGORIES = ['disabled-by-default-devtools.timeline']

/** Starts a trace on `cdp`; the returned function ends it and gives every event collected. */
export async function startTrace(cdp: CDPSession, categories: readonly string[] = TASK_CATEGORIES): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = []
  const collect = (d: { value: object[] }) => events.push(...(d.value as TraceEvent[]))
  cdp.on('Tracing.dataCollected', collect)
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: [...categories] }, transferMode: 'ReportEvents' })
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.end')
    await complete
    cdp.off('Tracing.dataCollected', collect)
    return events
  }
}

/** The tasks of the page's busiest renderer main thread (the app's; others are blank pages). */
export function mainThreadTasks(events: readonly TraceEvent[]): TraceEvent[] {
  const threads = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  return threads
    .map((t) => events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'RunTask'))
    .sort((a, b) => b.length - a.length)[0] ?? []
}

/** Tasks of at least `overMs` wall or thread time, in ms. */
export function longTraceTasks(events: readonly TraceEvent[], overMs = 50): Task[] {
  return mainThreadTasks(events)
    .map((e) => ({ ts: e.ts, wall: (e.dur ?? 0) / 1000, thread: (e.tdur ?? e.dur ?? 0) / 1000 }))
    .filter((t) => t.wall > overMs || t.thread > overMs)
}

/** "thread > 50 ms: N (max M); wall/thread ms of each task over 50 ms wall". */
export function threadSummary(tasks: readonly Task[], overMs = 50): string {
  const ours = tasks.filter((t) => t.thread > overMs)
  const each = tasks.filter((t) => t.wall > overMs).map((t) => `${t.wall.toFixed(0)}/${t.thread.toFixed(0)}`)
  return `thread > ${overMs} ms: ${ours.length}${ours.length > 0 ? ` (max ${Math.max(...ours.map((t) => t.thread)).toFixed(0)})` : ''} [wall/thread ${each.join(' ') || '-'}]`
}

/** The categories that also name what the browser did in a task (style, layout, paint, commit). */
export const EXPLAIN_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline']

/**
 * Each task over `overMs` wall: when it ran (s from the first task traced), wall/thread ms, and
 * the timeline events that took most of it (needs EXPLAIN_CATEGORIES).
 */
export function explainLongTasks(events: readonly TraceEvent[], overMs = 50): string[] {
  const tasks = mainThreadTasks(events)
  const first = tasks[0]?.ts ?? 0
  return tasks
    .filter((e) => (e.dur ?? 0) > overMs * 1000)
    .map((task) => {
      const end = task.ts + task.dur!
      const work = new Map<string, number>()
      for (const e of events) {
        if (e.pid !== task.pid || e.tid !== task.tid || e.ts < task.ts || e.ts > end || e.name === 'RunTask' || e.dur === undefined) continue
        work.set(e.name, (work.get(e.name) ?? 0) + e.dur)
      }
      const top = [...work].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, us]) => `${k} ${(us / 1000).toFixed(0)}`)
      return `+${((task.ts - first) / 1e6).toFixed(2)} s: ${(task.dur! / 1000).toFixed(0)}/${((task.tdur ?? task.dur!) / 1000).toFixed(0)} ms: ${top.join(', ')}`
    })
}
