import type { PreparedServing } from '../../../src/engine/serving/prepare.ts'

/**
 * The serving spec's loop written out as plainly as possible, as an oracle for the engine:
 * arrays and linear scans, the queue searched for its head each time, no heaps, no columns.
 * It shares only placement with the engine (prepared.replicas) and recomputes the step time
 * from the formula itself.
 */
export interface OracleRequest {
  firstTokenS: number | null
  completionS: number | null
  replica: number | null
  preemptions: number
  status: 'completed' | 'unfinished' | 'rejected'
}

interface Req {
  i: number
  P: number
  O: number
  w: number
  a: number
  model: string
  c: number
  g: number
  held: number
  out: OracleRequest
}

function key(policy: string, r: Req): number {
  const rem = r.O - r.g
  if (policy === 'FIFO') return r.a
  if (policy === 'WeightedFIFO') return -r.w
  if (policy === 'SRPT') return rem
  return -(r.w / rem)
}

export function oracleRun(p: PreparedServing, policy: string): OracleRequest[] {
  const { config } = p
  const bs = config.blockSize
  const reqs: Req[] = p.tasks.map((q, i) => ({ i, P: p.inputTokens[i]!, O: p.outputTokens[i]!, w: q.weight, a: q.arrivalS, model: p.models[p.requestModel[i]!] ?? '', c: 0, g: 0, held: 0, out: { firstTokenS: null, completionS: null, replica: null, preemptions: 0, status: 'unfinished' } }))
  const rank = (r: Req) => [key(policy, r), p.order[r.i]!] as const
  const before = (x: Req, y: Req) => {
    const [kx, ox] = rank(x)
    const [ky, oy] = rank(y)
    return kx < ky || (kx === ky && ox < oy)
  }
  const queues = new Map<string, Req[]>(p.models.map((m) => [m, []]))
  const reps = p.replicas.map((rep) => ({ rep, running: [] as Req[], free: rep.blocks, until: -1, batch: [] as [Req, number][] }))
  const arrivals = [...reqs].sort((x, y) => x.a - y.a || x.i - y.i)
  let next = 0
  for (;;) {
    const ta = next < arrivals.length && arrivals[next]!.a < p.scenario.maxTimeS ? arrivals[next]!.a : Infinity
    const te = Math.min(...reps.map((r) => (r.until >= 0 ? r.until : Infinity)))
    const t = Math.min(ta, te)
    if (t === Infinity) break
    for (const r of reps) {
      if (r.until < 0 || r.until > t) continue
      for (const [q, s] of r.batch) {
        q.c += s
        if (q.c === q.P + q.g) {
          q.g += 1
          if (q.out.firstTokenS === null) q.out.firstTokenS = t
          if (q.g === q.O) {
            r.free += q.held
            q.held = 0
            q.out.completionS = t
            q.out.replica = r.rep.index
            q.out.status = 'completed'
            r.running.splice(r.running.indexOf(q), 1)
          }
        }
      }
      r.until = -1
      r.batch = []
    }
    while (next < arrivals.length && arrivals[next]!.a <= t && arrivals[next]!.a < p.scenario.maxTimeS) {
      const q = arrivals[next++]!
      if (p.rejection[q.i] !== null) q.out.status = 'rejected'
      else queues.get(q.model)!.push(q)
    }
    if (t >= p.scenario.maxTimeS) continue
    for (const r of reps) if (r.until < 0) start(r, t)
  }
  return reqs.map((r) => r.out)

  function start(r: (typeof reps)[number], t: number): void {
    const queue = queues.get(r.rep.model)!
    let budget = config.maxBatchedTokens
    let preempted = false
    const order = [...r.running].sort((x, y) => (before(x, y) ? -1 : 1))
    const out = new Set<Req>()
    for (const q of order) {
      if (out.has(q)) continue
      if (budget === 0) break
      const s = Math.min(q.P + q.g - q.c, budget)
      while (Math.ceil((q.c + s) / bs) - q.held > r.free) {
        const v = order.filter((x) => !out.has(x)).at(-1)!
        r.free += v.held
        v.held = 0
        v.c = 0
        v.out.preemptions += 1
        out.add(v)
        r.running.splice(r.running.indexOf(v), 1)
        queue.push(v)
        preempted = true
        if (v === q) break
      }
      if (out.has(q)) continue
      const want = Math.ceil((q.c + s) / bs)
      r.free -= want - q.held
      q.held = want
      r.batch.push([q, s])
      budget -= s
    }
    if (!preempted) {
      while (queue.length > 0 && r.running.length < config.maxNumSeqs && budget > 0) {
        const head = queue.reduce((best, x) => (before(x, best) ? x : best))
        if (Math.ceil((head.P + head.O - 1) / bs) > r.rep.blocks) break
        const s = Math.min(head.P + head.g - head.c, budget)
        if (Math.ceil(s / bs) > r.free) break
        queue.splice(queue.indexOf(head), 1)
        r.running.push(head)
        head.held = Math.ceil(s / bs)
        r.free -= head.held
        r.batch.push([head, s])
        budget -= s
      }
    }
    if (r.batch.length === 0) return
    r.until = t + stepTime(r.batch)
  }

  function stepTime(batch: [Req, number][]): number {
    const rep = reps.find((x) => x.batch === batch)!.rep
    const { arch, tp } = rep
    let T = 0
    let attention = 0
    let context = 0
    for (const [q, s] of batch) {
      T += s
      attention += 4 * arch.layers * arch.heads * arch.headDim * (s * q.c + (s * (s + 1)) / 2)
      context += q.c + s
    }
    const flops = 2 * arch.activeParamsB * 1e9 * T + attention
    const bytes = rep.weightBytes + rep.kvBytesPerToken * context
    const compute = flops / tp / (rep.peakFlopsPerS * config.mfu)
    const memory = bytes / (rep.gpu.bandwidthGBs * 1e9 * config.mbu)
    const comm = tp === 1 ? 0 : 2 * arch.layers * (config.allReduceLatencyS + (((2 * (tp - 1)) / tp) * T * arch.hidden * 2) / (rep.busGBs * 1e9))
    return Math.max(compute, memory) + comm + config.iterationOverheadS
  }
}
