import { describe, expect, it } from 'vitest'
import { runCampaign } from './campaign.ts'
import { checkRun } from './check.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

describe('fuzz campaign (a slice of npm run fuzz)', () => {
  it('200 hostile inputs with a fixed seed, 4 of them through the CLI process: no crash, hang, unsound answer or unclear message', () => {
    const report = runCampaign({ seed: 18, count: 200, cliSample: 4 })
    expect(report.examples).toEqual([])
    expect(report.counts).toEqual({ crash: 0, hang: 0, unsound: 0, unclear: 0 })
    expect(report.inputs).toEqual({ csv: 50, json: 50, link: 50, saved: 50, cli: expect.any(Number) })
    // Enough of them are accepted to exercise the engine, not only the readers.
    expect(report.simulated).toBeGreaterThan(50)
  })

  it('the harness notices an unsound answer (a start before arrival, a GPU held twice)', () => {
    const s = scenario([prefill('A', 1), prefill('B', 1, { arrivalS: 0.5 })], { cluster: 'h100:1' })
    const r = runSimulation(s, 'FIFO')
    expect(checkRun(s, r)).toEqual([])
    const early = { ...r, tasks: r.tasks.map((t) => (t.id === 'B' ? { ...t, startS: 0.4, completionS: 1.4 } : t)) }
    expect(checkRun(s, early).map((f) => f.detail)).toEqual(['FIFO exact: B starts at 0.4 before its arrival 0.5', 'FIFO exact: GPU 0 holds A and B at once'])
  })
})
