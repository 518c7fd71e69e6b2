// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Profiler } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GanttChart } from '../../src/components/GanttChart.tsx'
import { createAppStore } from '../../src/store/app-store.ts'
import { duringAnimationFrame } from '../../src/timing/scheduler.ts'
import { connectRunner } from '../../src/store/runner.ts'
import { createInThreadClient } from '../../src/worker/sim-client.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { RecordingContext } from '../charts/gantt-fixtures.ts'
import { renderWithStore, waitForRun } from '../helpers/app.tsx'

const ALGORITHMS = ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT']
// The discriminating workload's two weight classes (colors.ts): weight 1 and weight 10.
const LIGHT = '#9ecae1'
const DARK = '#08306b'

let disconnect = () => {}
let contexts: Map<HTMLCanvasElement, RecordingContext>
beforeEach(() => {
  // jsdom has no canvas: hand each view a recording context instead.
  contexts = new Map()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const ctx = new RecordingContext()
    contexts.set(this, ctx)
    return ctx as never
  })
})
afterEach(() => {
  disconnect()
  vi.restoreAllMocks()
})

/** A store fed by the real engine, on the main thread. */
function startRun(onCommit: () => void = () => {}) {
  const store = createAppStore()
  disconnect = connectRunner(store, { createClient: createInThreadClient, schedule: (f) => setTimeout(f, 0), debounceMs: 0 })
  renderWithStore(
    <Profiler id="gantt" onRender={onCommit}>
      <GanttChart />
    </Profiler>,
    store,
  )
  return store
}

/**
 * The bars a view's last frame shows: fills in a task colour after its last clear, and the
 * bars of any off-screen layer it copied that fall inside the clip of the copy.
 */
function lastFrameBars(canvas: HTMLElement): string[] {
  const calls = contexts.get(canvas as HTMLCanvasElement)!.calls
  let from = 0
  calls.forEach((c, k) => c.op === 'clearRect' && (from = k))
  return calls.slice(from).flatMap((c) => {
    if (c.op === 'fillRect') return [LIGHT, DARK].includes(c.fillStyle) ? [c.fillStyle] : []
    if (c.op !== 'drawImage') return []
    const [cx, , cw] = c.clip!
    const inside = (b: (typeof calls)[number]) => Number(b.args[0]) < cx! + cw! && Number(b.args[0]) + Number(b.args[2]) > cx!
    return layerBars(c.image as HTMLCanvasElement).filter(inside).map((b) => b.fillStyle)
  })
}

function layerBars(layer: HTMLCanvasElement) {
  const calls = contexts.get(layer)!.calls
  let from = 0
  calls.forEach((c, k) => c.op === 'clearRect' && (from = k))
  return calls.slice(from).filter((c) => c.op === 'fillRect' && [LIGHT, DARK].includes(c.fillStyle))
}

/** Where a view's last frame drew the cursor: the centre of its 1.5 px line down the rows. */
function lastCursorPx(canvas: HTMLElement): number | null {
  const calls = contexts.get(canvas as HTMLCanvasElement)!.calls
  const line = calls.findLast((c) => c.op === 'fillRect' && c.fillStyle === '#111827' && c.args[2] === 1.5)
  return line === undefined ? null : Number(line.args[0]) + 0.75
}

const focusCanvas = () => screen.getByRole('img', { name: /\(focus view\)$/ })
const focusPlot = () => focusCanvas().parentElement!
const multiples = () => screen.getByRole('list', { name: 'All algorithms' })
/** The focus view's last time tick: '3.0' once the finished run's window is drawn. */
const lastTick = () => Array.from(focusPlot().querySelectorAll('g.gantt-axis .tick text'), (t) => t.textContent).at(-1)

describe('Gantt chart', () => {
  it("draws a run just prepared in a task after the worker's message, its plot hidden till then", async () => {
    // The simulation's events are kept back, so the test hands over `prepared` alone.
    const kept: WorkerEvent[] = []
    let deliver: (e: WorkerEvent) => void = () => {}
    const store = createAppStore()
    disconnect = connectRunner(store, {
      createClient: (onEvent) => {
        deliver = onEvent
        return createInThreadClient((e) => void kept.push(e))
      },
      schedule: (f) => setTimeout(f, 0),
      debounceMs: 0,
    })
    renderWithStore(<GanttChart />, store)
    await waitFor(() => expect(kept.some((e) => e.type === 'prepared')).toBe(true))
    act(() => deliver(kept.find((e) => e.type === 'prepared')!))
    // Hidden, the plot is out of the accessibility tree too: found by its place.
    const canvas = document.querySelector<HTMLCanvasElement>('.gantt-view-focus canvas')!
    expect(screen.queryByRole('img', { name: /\(focus view\)$/ })).toBeNull()
    const overlay = canvas.parentElement!.querySelector('svg')!
    expect([canvas.style.visibility, overlay.style.visibility]).toEqual(['hidden', 'hidden'])
    const drawn = contexts.get(canvas)?.calls.length ?? 0
    await waitFor(() => expect(canvas.style.visibility).toBe(''))
    expect(overlay.style.visibility).toBe('')
    expect(contexts.get(canvas)!.calls.length).toBeGreaterThan(drawn)
    expect(focusCanvas()).toBe(canvas)
    // Sized for the prepared run's rows: the default cluster's 16 GPUs (usual row height, node gaps).
    expect(canvas.height).toBe(Math.round(Number.parseFloat(canvas.style.height)))
  })
  it('says it is simulating, then shows the focus view and one small multiple per algorithm', async () => {
    const store = startRun()
    expect(screen.getByText('Simulating…')).toBeInTheDocument()
    await waitForRun(store)

    const items = within(multiples()).getAllByRole('listitem')
    expect(items.map((li) => within(li).getByRole('button').textContent)).toEqual(['FIFO in focus', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    for (const [k, a] of ALGORITHMS.entries()) expect(within(items[k]!).getByRole('img', { name: `${a} schedule on 16 GPUs` })).toBeInTheDocument()
    expect(focusCanvas()).toHaveAccessibleName('FIFO schedule on 16 GPUs (focus view)')
    // The focus view has node and GPU labels.
    const view = focusPlot().parentElement!
    expect(within(view).getByText('Node 1')).toBeInTheDocument()
    expect(within(view).getAllByText('H100 SXM 80 GB')).toHaveLength(2)
    expect(within(view).getByText('GPU 15')).toBeInTheDocument()
  })

  it('draws every task as a bar in its weight colour once the cursor has passed it', async () => {
    const store = startRun()
    await waitForRun(store)
    const canvas = focusCanvas()
    act(() => store.getState().actions.runToEnd())
    // 20 tasks of TP 2 on adjacent GPUs: one fill each; 8 light (weight 1) and 12 dark (weight 10).
    await waitFor(() => expect(lastFrameBars(canvas).sort()).toEqual([...Array(12).fill(DARK), ...Array(8).fill(LIGHT)]))
    // At the start only the first eight have started.
    act(() => store.getState().actions.reset())
    await waitFor(() => expect(lastFrameBars(canvas)).toEqual(Array(8).fill(LIGHT)))
    // The run is over and the schedule holds still: by now frames copy the bars drawn off screen.
    const calls = contexts.get(canvas as HTMLCanvasElement)!.calls
    const before = calls.length
    // (The layer is drawn once the bars have held still for a moment: keep moving the cursor.)
    await waitFor(() => {
      act(() => store.getState().actions.setStep(store.getState().step === 150 ? 151 : 150))
      expect(calls.slice(before).some((c) => c.op === 'drawImage')).toBe(true)
    })
  })

  it('draws the off-screen layer as soon as a run is over, not after the settling delay', async () => {
    const store = startRun()
    await waitForRun(store)
    const canvas = focusCanvas()
    const calls = contexts.get(canvas as HTMLCanvasElement)!.calls
    // The frames the run's end asked for come first (two frames, however long they take).
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    // From here on the clock moves only when the test says, however slow the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
    try {
      const before = calls.length
      act(() => store.getState().actions.setStep(150))
      // Well inside the 300 ms a changing schedule waits before its layer is drawn.
      for (let ms = 0; ms < 150 && !calls.slice(before).some((c) => c.op === 'drawImage'); ms += 16) {
        act(() => vi.advanceTimersByTime(16))
      }
      expect(calls.slice(before).some((c) => c.op === 'drawImage')).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('with no idle time to draw the layers in, a moving cursor has them drawn within frames, one view a frame', async () => {
    // The page never idle (a drag begun as the run ends): idle-time work never runs.
    vi.stubGlobal('requestIdleCallback', () => 0)
    try {
      const store = startRun()
      await waitForRun(store)
      const canvases = () => screen.getAllByRole('img', { name: / schedule on 16 GPUs/ })
      /** Whether each view's last frame copied its layer rather than drawing the bars. */
      const copying = () =>
        canvases().map((c) => {
          const calls = contexts.get(c as HTMLCanvasElement)!.calls
          const cleared = calls.findLastIndex((x) => x.op === 'clearRect')
          return calls.slice(cleared).some((x) => x.op === 'drawImage')
        })
      const frame = () => act(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))))
      act(() => store.getState().actions.setStep(150))
      await frame()
      // The first move after the run draws the bars directly (it may be a one-off).
      expect(copying()).toEqual([false, false, false, false, false])
      const counts: number[] = []
      for (let k = 0; k < 12 && counts.at(-1) !== 5; k++) {
        act(() => store.getState().actions.setStep(151 + k))
        await frame()
        counts.push(copying().filter(Boolean).length)
      }
      // Then one more view copies its layer with each frame, until all do.
      expect(counts.at(-1)).toBe(5)
      counts.forEach((n, k) => expect(n - (counts[k - 1] ?? 0)).toBeLessThanOrEqual(1))
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('has a legend and switches colours between weight and model', async () => {
    const store = startRun()
    await waitForRun(store)
    const legend = screen.getByRole('list', { name: 'Legend' })
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['weight 1', 'weight 10'])
    const colorBy = screen.getByRole('group', { name: 'Colour by' })
    expect(within(colorBy).getByRole('button', { name: 'weight' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(within(colorBy).getByRole('button', { name: 'model' }))
    expect(store.getState().colorBy).toBe('model')
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Qwen3'])
  })

  it('focuses an algorithm from the focus control or by clicking its small multiple', async () => {
    const store = startRun()
    await waitForRun(store)
    const group = screen.getByRole('group', { name: 'Focus view' })
    expect(within(group).getAllByRole('button').map((b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual([
      ['FIFO', 'true'],
      ['WeightedFIFO', 'false'],
      ['SRPT', 'false'],
      ['WSRPT', 'false'],
    ])
    await userEvent.click(within(group).getByRole('button', { name: 'SRPT' }))
    expect(store.getState().focus).toBe('SRPT')
    expect(focusCanvas()).toHaveAccessibleName('SRPT schedule on 16 GPUs (focus view)')

    await userEvent.click(within(multiples()).getByRole('button', { name: 'WSRPT' }))
    expect(store.getState().focus).toBe('WSRPT')
    // A click anywhere on the small multiple, not just its name.
    await userEvent.click(within(within(multiples()).getAllByRole('listitem')[1]!).getByRole('img'))
    expect(store.getState().focus).toBe('WeightedFIFO')
    expect(within(multiples()).getByRole('button', { name: /^WeightedFIFO/ })).toHaveAttribute('aria-pressed', 'true')
  })

  it('fits the window with the Fit button', async () => {
    const store = startRun()
    await waitForRun(store)
    const fit = screen.getByRole('button', { name: 'Fit' })
    expect(fit).toBeDisabled()
    act(() => store.getState().actions.zoomBy(2))
    expect(store.getState().viewS).toEqual([0.75, 2.25])
    expect(fit).toBeEnabled()
    await userEvent.click(fit)
    expect(store.getState().viewS).toBeNull()
  })

  it('shows details on hover, selects on click and outlines the selection in every view', async () => {
    const store = startRun()
    await waitForRun(store)
    act(() => store.getState().actions.runToEnd())
    const plot = focusPlot()
    // jsdom lays nothing out: the plot is 640 px wide from x = 0; 100 px is 0.47 s, GPU 0's row.
    await waitFor(() => {
      fireEvent.mouseMove(plot, { clientX: 100, clientY: 10 })
      expect(screen.getByRole('tooltip')).toBeInTheDocument()
    })
    const hovered = store.getState().hoveredTask!
    const tip = screen.getByRole('tooltip')
    expect(tip).toHaveTextContent(store.getState().scenario.tasks[hovered]!.id)
    const detail = (term: string) => within(tip).getByText(term, { selector: 'dt' }).nextElementSibling!.textContent
    expect(['Model', 'Weight', 'Tokens', 'Arrival', 'Start', 'End', 'w × F', 'GPUs'].map(detail)).toEqual([
      'Qwen3',
      '1',
      '2,000 prefill',
      '0.00 s',
      '0.00 s (waited 0.00 s)',
      '2.00 s',
      '1 × (2.00 s − 0.00 s) = 2.000',
      '0, 1 (node 0, TP 2)',
    ])

    fireEvent.click(plot, { clientX: 100, clientY: 10 })
    expect(store.getState().selectedTask).toBe(hovered)
    fireEvent.mouseLeave(plot)
    expect(screen.queryByRole('tooltip')).toBeNull()
    expect(store.getState().hoveredTask).toBeNull()
    // Every view outlines the selected task (it ran in every algorithm).
    const gantt = plot.closest('.gantt')!
    await waitFor(() => expect(gantt.querySelectorAll('svg.gantt-overlay').length).toBe(5))
    await waitFor(() => {
      for (const overlay of gantt.querySelectorAll('svg.gantt-overlay')) expect(overlay.querySelectorAll('rect.selection-outline').length).toBeGreaterThan(0)
    })
    // Clicking empty space clears it (GPU 15 is idle after 2.5 s under FIFO).
    fireEvent.click(plot, { clientX: 630, clientY: 290 })
    expect(store.getState().selectedTask).toBeNull()
  })

  it('draws the time cursor in every view and moves it without re-rendering', async () => {
    let commits = 0
    const store = startRun(() => commits++)
    await waitForRun(store)
    const canvases = () => screen.getAllByRole('img', { name: / schedule on 16 GPUs/ })
    expect(canvases()).toHaveLength(5)
    await waitFor(() => expect(canvases().map(lastCursorPx)).toEqual([0, 0, 0, 0, 0]))
    const before = commits
    for (const step of [50, 100, 150]) act(() => store.getState().actions.setStep(step))
    // 1.5 s of 3 s: half of the focus view's 640 px and of each small multiple's 320 px.
    await waitFor(() => expect(canvases().map(lastCursorPx)).toEqual([320, 160, 160, 160, 160]))
    expect(commits).toBe(before)
  })

  it('draws a change made within an animation frame before that frame is rendered, others in the next frame', async () => {
    const store = startRun()
    await waitForRun(store)
    const canvases = () => screen.getAllByRole('img', { name: / schedule on 16 GPUs/ })
    // The finished run drawn (the cursor is at 0 from the first batch on too), and no draw left
    // waiting for a frame, which the change below would join instead of drawing at once.
    await waitFor(() => expect(lastTick()).toBe('3.0'))
    await waitFor(() => expect(canvases().map(lastCursorPx)).toEqual([0, 0, 0, 0, 0]))
    await act(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))))
    // As the runner applies a batch or a run's end: the views draw in a microtask.
    duringAnimationFrame(() => store.getState().actions.setStep(150))
    await Promise.resolve()
    expect(canvases().map(lastCursorPx)).toEqual([320, 160, 160, 160, 160])
    // Any other change (jsdom has no requestAnimationFrame: 16 ms later).
    store.getState().actions.setStep(75)
    await Promise.resolve()
    expect(canvases().map(lastCursorPx)).toEqual([320, 160, 160, 160, 160])
    await waitFor(() => expect(canvases().map(lastCursorPx)).toEqual([160, 80, 80, 80, 80]))
  })

  it('does not fail where canvas has no 2D context (jsdom): the SVG parts still work', async () => {
    vi.mocked(HTMLCanvasElement.prototype.getContext).mockReturnValue(null)
    const store = startRun()
    await waitForRun(store)
    act(() => store.getState().actions.runToEnd())
    await waitFor(() => expect(lastTick()).toBe('3.0'))
    expect(screen.getByRole('list', { name: 'All algorithms' })).toBeInTheDocument()
  })

  it('says so when the simulation fails', async () => {
    const store = startRun()
    await waitForRun(store)
    act(() => store.getState().actions.failRun(-1, 'boom'))
    expect(screen.getByText(/the simulation failed/)).toBeInTheDocument()
    expect(screen.queryByRole('list', { name: 'All algorithms' })).toBeNull()
  })
})
