// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { LessonPanel } from '../../src/components/LessonPanel.tsx'
import { runAlgorithms } from '../../src/engine/simulation.ts'
import { LESSONS, lessonById } from '../../src/lessons/index.ts'
import { engineAnswer } from '../../src/lessons/gates.ts'
import { lessonRun } from '../../src/lessons/lesson-run.ts'
import { createAppStore, type AppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

afterEach(cleanup)

/** How lesson texts write a number (num in lesson-run.ts): at most 3 decimals, no trailing zeros. */
const n = (x: number) => String(Number(x.toFixed(3)))

function open(id: string): { store: AppStore; region: () => HTMLElement } {
  const store = createAppStore()
  act(() => void store.getState().actions.startLesson(id))
  renderWithStore(<LessonPanel />, store)
  return { store, region: () => screen.getByRole('region', { name: 'Lesson' }) }
}

/** The page's text as shown (the region's text), after answering its gate with the engine's answer when it has one. */
async function readPage(store: AppStore, region: () => HTMLElement, answerRight = true): Promise<string> {
  const at = store.getState().lesson!
  const page = lessonById(at.id)!.pages[at.page]!
  if (page.gate !== undefined && answerRight) {
    const run = lessonRun(page.view.scenario(), page.view.algorithms)
    const user = setupUser()
    const right = engineAnswer(page.gate, run)
    if (page.gate.kind === 'number') await user.type(within(region()).getByRole('textbox'), right.split(' ')[0]!)
    else await user.click(within(region()).getByRole('radio', { name: right }))
    await user.click(within(region()).getByRole('button', { name: 'Reveal' }))
    expect(within(region()).getByRole('status').textContent).toMatch(/^Right/)
  }
  return region().textContent ?? ''
}

/** Goes through every page with Next page, collecting each page's text. */
async function allPages(id: string): Promise<string[]> {
  const { store, region } = open(id)
  const lesson = lessonById(id)!
  const texts: string[] = []
  const user = setupUser()
  for (let p = 0; p < lesson.pages.length; p++) {
    expect(store.getState().lesson).toEqual({ id, page: p })
    // The region's first heading is the page's title.
    expect(within(region()).getAllByRole('heading')[0]!.textContent).toBe(lesson.pages[p]!.title)
    texts.push(await readPage(store, region))
    const next = within(region()).getByRole('button', { name: 'Next page' })
    if (p < lesson.pages.length - 1) await user.click(next)
    else expect(next).toBeDisabled()
  }
  return texts
}

describe('lessons', () => {
  it('there are at least 8, each with a prediction gate, small scenarios where the idea allows', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(8)
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length)
    for (const l of LESSONS) {
      expect(l.pages.some((p) => p.gate !== undefined), l.id).toBe(true)
      for (const p of l.pages) {
        const s = p.view.scenario()
        // The load lesson needs a long Poisson stream, the seed experiment is the reference's own 20 tasks.
        expect(s.tasks.length, `${l.id}: ${p.title}`).toBeLessThanOrEqual(l.id === 'load' ? 100 : l.id === 'seed-experiment' ? 20 : 10)
        expect(p.view.algorithms).toContain(p.view.focus)
      }
    }
  })

  it('convoy: FIFO 8.5 s, SRPT 4.75 s mean flow (by hand: (6+7+10+11)/4 and (1+2+5+11)/4)', async () => {
    const [p1, p2, p3] = await allPages('convoy')
    const r = runAlgorithms(lessonById('convoy')!.pages[0]!.view.scenario(), ['FIFO', 'SRPT'])
    expect(p1).toContain('Long runs first for 6 s')
    expect(p1).toContain('8.500 = (6.000 + 7.000 + 10.000 + 11.000) / 4')
    expect(p2).toContain(`from ${n(r.get('FIFO')!.metrics.average_waiting_time)} s under FIFO to ${n(r.get('SRPT')!.metrics.average_waiting_time)} s`)
    expect(p2).toContain('from 8.5 s under FIFO to 4.75 s')
    expect(p3).toContain('Σ F: FIFO 34 s, SRPT 19 s')
  })

  it("smith: WSRPT lowest Σ w·F (63), WeightedFIFO worst mean (27 / 4 = 6.75)", async () => {
    const [p1, p2, p3] = await allPages('smith')
    const r = runAlgorithms(lessonById('smith')!.pages[0]!.view.scenario(), ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    expect(p1).toContain(`FIFO ${n(r.get('FIFO')!.metrics.weighted_waiting_time)}, WeightedFIFO ${n(r.get('WeightedFIFO')!.metrics.weighted_waiting_time)}`)
    expect(p1).toContain('FIFO 127, WeightedFIFO 66, SRPT 77, WSRPT 63')
    expect(p2).toContain('D 3, C 2, B 1, A 0.25')
    expect(p3).toContain('WeightedFIFO 6.75')
    expect(p3).toContain('6.750 = (3.000 + 5.000 + 9.000 + 10.000) / 4')
  })

  it('starvation: SRPT starts S1, not L, at 1 s; L waits until 6 s and its flow is 9 s (FIFO: 4 s)', async () => {
    const [p1, p2, p3] = await allPages('starvation')
    expect(p1).toContain('The engine’s answer: S1')
    expect(p2).toContain('L starts at 6 s')
    expect(p2).toContain('The engine’s answer: 9 s')
    const r = runAlgorithms(lessonById('starvation')!.pages[2]!.view.scenario(), ['FIFO', 'SRPT'])
    expect(p3).toContain(`SRPT's mean flow is ${n(r.get('SRPT')!.metrics.average_waiting_time)} s against FIFO's ${n(r.get('FIFO')!.metrics.average_waiting_time)} s`)
    // (1 + 5 × 1.5 + 9) / 7 and (1 + 4 + 5 × 4.5) / 7.
    expect(p3).toContain("SRPT's mean flow is 2.5 s against FIFO's 3.929 s")
    expect(p3).toContain('With 2 short tasks it was 6 s')
  })

  it('preemption: preemptive SRPT mean flow 4 s against FIFO 8 s', async () => {
    const [p1, p2] = await allPages('preemption')
    expect(p1).toContain("its mean flow is 8 s, FIFO's 8 s")
    expect(p2).toContain('A still has 7 of its 8 s to go')
    expect(p2).toContain('The engine’s answer: 4 s')
    expect(p2).toContain('4.000 = (2 × 1.000 + 10.000) / 3')
  })

  it('hol-blocking: strict C starts at 5 s (mean 5.25), backfill at 0 (mean 2.75), a long C pushes B to 6 s', async () => {
    const [p1, p2, p3] = await allPages('hol-blocking')
    expect(p1).toContain('The engine’s answer: 5 s')
    expect(p1).toContain('Mean flow 5.25 s')
    expect(p2).toContain('mean flow falls from 5.25 s to 2.75 s')
    expect(p2).toContain('The engine’s answer: no')
    expect(p3).toContain('waits until 6 s instead of 4 s in strict order')
  })

  it('packing: 8 GPUs free at 2 s in two halves, E (TP 8) starts at 4 s under FIFO, at 0 under SRPT', async () => {
    const [p1, p2] = await allPages('packing')
    expect(p1).toContain('then 8 GPUs are free')
    expect(p1).toContain('The engine’s answer: 4 s')
    expect(p1).toContain('split 4 + 4')
    expect(p2).toContain("E's flow: 1 s under SRPT, 5 s under FIFO")
  })

  it("little: L̄ = 22.5 / 8.5 = 2.647 tasks both ways", async () => {
    const [p1, p2] = await allPages('little')
    expect(p1).toContain('∫ N(t) dt = 22.5 task-seconds over T = 8.5 s, so L̄ = 2.647')
    expect(p1).toContain('λ × W = (8 / 8.5) × 2.813 = 2.647')
    expect(p2).toContain('22.5 = 22.5')
  })

  it('load: mean flow rises with utilization; M/D/1 gives 1.5, 2.167 and 5.5 s', async () => {
    const [p1, p2, p3] = await allPages('load')
    const runs = [0, 1, 2].map((p) => runAlgorithms(lessonById('load')!.pages[p]!.view.scenario(), ['FIFO']).get('FIFO')!.metrics.average_waiting_time)
    expect(runs[0]).toBeLessThan(runs[1]!)
    expect(runs[1]).toBeLessThan(runs[2]!)
    expect(p1).toContain(`FIFO's mean flow: ${n(runs[0]!)} s`)
    expect(p2).toContain('predicts 2.167 s')
    expect(p2).toContain('M/D/1 predicts 1.5, 2.167, 5.5 s')
    expect(p3).toContain(`FIFO's mean flow is ${n(runs[2]!)} s (M/D/1: 5.5 s)`)
  })

  it('seed experiment: (336 − 102) / 336 = 69.6 % exact, (336.4 − 108.04) / 336.4 = 67.9 % reference', async () => {
    const [p1, p2, p3] = await allPages('seed-experiment')
    expect(p1).toContain('(336 − 102) / 336 = 69.6 %')
    expect(p1).toContain('336.000 = 8 × 1 × 2.000 + 8 × 10 × 2.500 + 4 × 10 × 3.000')
    expect(p2).toContain('Σ w·F falls from 336 to 102: 69.6 % less')
    expect(p3).toContain('FIFO 336.4, WeightedFIFO 108.04: a cut of 67.9 %, against 69.6 % in exact mode')
  })
})
