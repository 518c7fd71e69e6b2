/** A running task that could be preempted: its index, its node and how many GPUs it holds there. */
export interface PreemptionCandidate {
  readonly task: number
  readonly node: number
  readonly gpus: number
}

/**
 * Which running tasks to preempt so that a TP group of `tp` GPUs fits in one node, or null when
 * no choice does. `candidates` are the running tasks ranked behind the waiting task, last-ranked
 * first. In each eligible node they are taken from the last-ranked up until the node's free GPUs
 * would hold the group; any taken that is not needed after all is then spared, the best-ranked
 * first. Of the nodes where the group fits so, the one whose best-ranked victim ranks lowest is
 * used (then the one with fewer victims, then the lower node): the work preempted is the least
 * urgent that makes room. (README "Preemption".)
 */
export function chooseVictims(
  tp: number,
  eligibleNodes: readonly number[],
  freeOf: (node: number) => number,
  candidates: readonly PreemptionCandidate[],
): number[] | null {
  let best: number[] | null = null
  /** Of `best`: the position of its best-ranked victim (larger ranks better), and its node. */
  let bestTop = Infinity
  for (const node of eligibleNodes) {
    const need = tp - freeOf(node)
    if (need <= 0) return []
    const taken: number[] = []
    let got = 0
    for (let k = 0; k < candidates.length && got < need; k++) {
      if (candidates[k]!.node !== node) continue
      taken.push(k)
      got += candidates[k]!.gpus
    }
    if (got < need) continue
    for (let j = taken.length - 1; j >= 0; j--) {
      const gpus = candidates[taken[j]!]!.gpus
      if (got - gpus >= need) {
        got -= gpus
        taken.splice(j, 1)
      }
    }
    const top = taken[taken.length - 1]!
    if (best === null || top < bestTop || (top === bestTop && taken.length < best.length)) {
      best = taken
      bestTop = top
    }
  }
  return best === null ? null : best.map((k) => candidates[k]!.task)
}
