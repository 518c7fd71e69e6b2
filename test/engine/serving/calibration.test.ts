import { describe, expect, it } from 'vitest'
import { runServing } from '../../../src/engine/serving/run.ts'
import { CALIBRATION_ROWS } from './calibration-rows.ts'

/**
 * The defaults, one set for every model and GPU, against published measurements: E2E and TPOT
 * within 15 %, TTFT within 20 % (print the table with `npx tsx test/engine/serving/calibration-table.ts`).
 */
describe('calibration: the defaults reproduce published serving measurements', () => {
  for (const row of CALIBRATION_ROWS) {
    it(`${row.source}: ${row.setup}, ${row.metric}`, () => {
      const simulated = runServing(row.scenario, 'FIFO').metrics[row.metric]
      const error = simulated / row.published - 1
      expect(Math.abs(error), `simulated ${simulated} vs published ${row.published}`).toBeLessThanOrEqual(row.bound)
    })
  }
})
