import { policies } from '../engine/policies/registry.ts'
import { defaultSweep } from '../sweep/definition.ts'
import { SWEEP_METRICS } from '../sweep/metrics.ts'
import { SWEEP_PARAMS } from '../sweep/params.ts'

/** Text wrapped at `width` columns, each line indented by `indent`. */
function wrap(text: string, indent: number, width = 96): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines.map((l) => ' '.repeat(indent) + l).join('\n')
}

/** `npm run sweep -- --help`, listing the parameters, metrics and policies known now. */
export function sweepUsage(): string {
  const d = defaultSweep()
  return `Usage: npm run sweep -- [options]
       npm run sweep -- merge FILE.json [FILE.json ...] [--out FILE.csv|.json] [--metric M]

Runs a load sweep: every point of a parameter's range, several seeds per point, every chosen
policy on each scenario, spread over worker threads; prints each policy's metric against the
parameter (the mean over the seeds, [smallest–largest]) and writes CSV or JSON. Scenario
(point p, seed s) is the generator's workload with seed SEED + s: the same at every point.

Sweep:
  --param NAME           what varies (default: ${d.param}):
${SWEEP_PARAMS.map((p) => `${`                           ${p.name}`.padEnd(40)}${p.label}\n${wrap(p.about, 29)}`).join('\n')}
  --from X --to Y        the range, both ends included (default: ${d.from} to ${d.to})
  --points N             values evenly spaced over the range (default: ${d.points})
  --seeds N              scenarios per point (default: ${d.seeds})
  --algorithms A,B       policies to compare (default: all): ${policies.names().join(', ')}
  --policy-file FILE.js  add a policy written in JavaScript to the policies compared
                         (repeatable; the format npm run sim takes: export default
                         { name, higherFirst, key: (t) => ... }); each worker runs it in a
                         sandbox with a step budget; exact and reference mode
  --metric M[,M]         what the printed tables and the CSV hold (default: mean_flow):
${SWEEP_METRICS.map((m) => `${`                           ${m.name}`.padEnd(48)}${m.label}${m.modes === undefined ? '' : ` (${m.modes.join(', ')} mode)`}`).join('\n')}
  --out FILE             .csv: the summary (point,param,value,rate_per_s,offered_load,
                         algorithm,metric,mean,min,max,n); .json: the whole sweep (definition,
                         every run, summary), which merge and --sweep read
  --shard I/N            run only scenarios I, I+N, I+2N, ... (1-based; needs --out FILE.json);
                         join the N outputs with merge for the same result as one run
  --workers N            worker threads (default: the machine's cores, at most 8)
  --sweep FILE.json      start from a sweep file's definition; the flags given change it

Workload (the generator; defaults as in the app):
  --count N              tasks per scenario (default: ${d.generator.count})
  --seed S               the first seed (default: ${d.generator.seed})
  --arrivals KIND[:...]  poisson:RATE | bursts:RATE:EVERY:SIZE:WIDTH | varying:MIN:MAX:PERIOD |
                         uniform:FROM:TO | all-at-once:AT (default: poisson:20)
  --rate R               the mean arrival rate when --param is not rate or utilization
  --prefill-share X      share of prefill tasks, 0 to 1 (default: ${d.generator.prefillShare})
  --prefill-tokens D     fixed:N | uniform:MIN:MAX | lognormal:MEDIAN:SIGMA | pareto:SCALE:ALPHA
                         (default: lognormal:1000:0.8)
  --decode-tokens D      the same for decode tasks (default: lognormal:2000:0.8)
  --weights W:S,...      weight classes and their shares (default: 1:0.7,10:0.3)
  --models M:S,...       models and their shares (default: Llama3-8B:0.4,Qwen3:0.3,Llama3-70B:0.3)

Cluster and time (as npm run sim):
  --cluster NAME         a preset or TYPE:COUNT[,TYPE:COUNT] (default: h100_16gpu)
  --mode MODE            exact (default), reference or serving (each task a request: a
                         prefill of T tokens is P = T, O = 1; a decode is P = 1, O = T; the
                         default deployments; metrics ttft_p95 and goodput besides)
  --dt SECONDS           step length (default: ${d.dtS})
  --max-time SECONDS     horizon (default: inf, every run until every task has finished)
  --strict               exact mode: no backfill
  --help                 show this help

Example:
  npm run sweep -- --param rate --from 1 --to 20 --points 10 --seeds 5 --out load.csv
`
}
