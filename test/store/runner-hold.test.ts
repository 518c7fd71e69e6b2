import { describe, expect, it } from 'vitest'
import { HOLD_FRAMES_MAX } from '../../src/store/runner.ts'
import { framedRun } from '../helpers/framed-run.ts'
import { generatedServing } from '../helpers/serving.ts'

const acks = (sent: readonly { type: string }[]) => sent.filter((c) => c.type === 'ack').length

describe('the runner holding batches while the page asks', () => {
  it('applies no batch and lets the simulation wait while held, then runs to the same end', async () => {
    const free = framedRun()
    await free.toEnd()
    free.stop()

    let holding = true
    const held = framedRun({ holdBatches: () => holding })
    try {
      // Twenty frames held: the first batch came (the simulation is past its first chunk) and waits.
      let frames = 0
      while (frames < 20) {
        const frame = held.frames.shift()
        if (frame === undefined) {
          await new Promise((r) => setImmediate(r))
          continue
        }
        frame()
        frames += 1
      }
      const { run } = held.store.getState()
      expect(run.prepared).not.toBeNull()
      expect(Object.values(run.timelines).every((tl) => tl.tracks.every((t) => t.length === 0))).toBe(true)
      expect(acks(held.sent)).toBe(0)
      // Still one frame asked: the held batch's, which asks again every frame.
      expect(held.frames).toHaveLength(1)
      holding = false
      await held.toEnd()
      expect(acks(held.sent)).toBe(acks(free.sent))
      expect(held.store.getState().run.servingMetrics).toEqual(free.store.getState().run.servingMetrics)
    } finally {
      held.stop()
    }
  })

  it(`lets go of a hold that never ends after ${HOLD_FRAMES_MAX} frames, counted afresh for each run`, async () => {
    let asked = 0
    const { store, stop, toEnd } = framedRun({ holdBatches: () => (asked++, true) })
    try {
      await toEnd()
      expect(asked).toBe(HOLD_FRAMES_MAX)
      asked = 0
      store.getState().actions.setScenario(generatedServing(12, 60, 1000), 'another')
      while (store.getState().run.status === 'done') await new Promise((r) => setImmediate(r))
      await toEnd()
      expect(asked).toBe(HOLD_FRAMES_MAX)
      expect(store.getState().run.servingMetrics).not.toBeNull()
    } finally {
      stop()
    }
  })

  it('ends a run sent whole with its end only after its batch, held or not', async () => {
    const ends: { endStep: number; lengths: number[][]; status: string }[] = []
    for (const hold of [false, true]) {
      const { store, sent, stop, toEnd } = framedRun({ oneChunk: true, holdBatches: () => hold })
      try {
        await toEnd()
        expect(acks(sent)).toBe(1)
        // Nothing left to come that could land after the end.
        await new Promise((r) => setImmediate(r))
        const { run } = store.getState()
        ends.push({ endStep: run.endStep, lengths: Object.values(run.timelines).map((tl) => tl.tracks.map((t) => t.length)), status: run.status })
      } finally {
        stop()
      }
    }
    expect(ends[0]!.endStep).toBeGreaterThan(100)
    expect(ends[0]!.lengths.flat().some((n) => n > 0)).toBe(true)
    expect(ends[1]).toEqual(ends[0])
  })
})
