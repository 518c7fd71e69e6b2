/**
 * npm run fuzz [-- --seed N --count N --cli N]: the fuzz campaign (see campaign.ts). Prints
 * what was tried and the counts of crashes, hangs, unsound answers and unclear messages; exits
 * with 1 if any is not zero. A harness, not a test: the property test runs a slice of it.
 */
import { runCampaign } from './campaign.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const seed = arg('seed', 2026)
const count = arg('count', 10_000)
const cliSample = arg('cli', 300)

const t0 = performance.now()
const report = runCampaign({
  seed,
  count,
  cliSample,
  onFinding: (where, f) => console.log(`  ${f.verdict}: ${where}: ${f.detail.split('\n').slice(0, 3).join(' | ')}`),
})
const { inputs, counts, simulated } = report
console.log(`\nFuzz campaign, seed ${seed}: ${count.toLocaleString('en')} inputs in this process (${inputs.csv} CSVs, ${inputs.json} scenario JSONs, ${inputs.link} share links, ${inputs.saved} saved states), ${inputs.cli} through the CLI process`)
console.log(`  ${simulated} accepted and simulated, the rest refused with their problems listed`)
console.log(`  crashes ${counts.crash}, hangs ${counts.hang}, unsound answers ${counts.unsound}, unclear messages ${counts.unclear}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
process.exitCode = Object.values(counts).some((c) => c > 0) ? 1 : 0
