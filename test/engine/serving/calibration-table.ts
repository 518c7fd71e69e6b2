/** Prints the calibration table (source, published, simulated, error) for docs/serving.md. */
import { runServing } from '../../../src/engine/serving/run.ts'
import { CALIBRATION_ROWS } from './calibration-rows.ts'

const ms = (s: number) => `${(s * 1000).toFixed(s < 0.1 ? 2 : 1)} ms`
const label: Record<string, string> = { average_waiting_time: 'E2E', tpot_mean: 'TPOT', ttft_mean: 'TTFT' }
console.log('| Measurement | Source | Scenario | Published | Simulated | Error |')
console.log('|---|---|---|---|---|---|')
for (const row of CALIBRATION_ROWS) {
  const simulated = runServing(row.scenario, 'FIFO').metrics[row.metric]
  const error = ((simulated / row.published - 1) * 100).toFixed(1)
  console.log(`| ${label[row.metric] ?? row.metric} | ${row.source} | ${row.setup} | ${ms(row.published)} | ${ms(simulated)} | ${error} % |`)
}
