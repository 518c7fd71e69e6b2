import type { Phase, TaskSpec } from '../engine/types.ts'

/**
 * Tasks as columns, for crossing from a worker to the page: cloning 100,000 small objects
 * costs the receiving thread far more than numbers in typed arrays and a few string lists.
 * Models repeat, so each name is sent once and tasks point at it.
 */
export interface PackedTasks {
  readonly count: number
  readonly ids: readonly string[]
  readonly models: readonly string[]
  readonly modelOf: Uint32Array
  readonly weight: Float64Array
  readonly arrivalS: Float64Array
  /** 0 prefill, 1 decode. */
  readonly phase: Uint8Array
  readonly tokens: Float64Array
  /** NaN when the task has none. */
  readonly memoryGB: Float64Array
  /** 0 when the task has none (a TP is at least 1). */
  readonly tp: Uint32Array
  /** A serving request's P and O; NaN when the task has none. */
  readonly inputTokens: Float64Array
  readonly outputTokens: Float64Array
}

/**
 * The packing each list unpacked here came from: a 100,000-task import is packed again when it
 * is sent to the simulation worker, and copying columns costs far less than re-reading objects.
 */
const packings = new WeakMap<readonly TaskSpec[], PackedTasks>()

/**
 * Columns of the tasks; the buffers are the caller's own (free to transfer). Without `ids`,
 * the ids are left out (unpacked as ''): cloning 100,000 strings holds the sending thread for
 * tens of milliseconds, and the simulation never reads them.
 */
export function packTasks(tasks: readonly TaskSpec[], { ids = true }: { ids?: boolean } = {}): PackedTasks {
  const known = packings.get(tasks)
  // Its buffers may have been transferred since (then they are empty): pack afresh.
  if (known !== undefined && known.weight.length === tasks.length) return { ...copyOf(known), ids: ids ? known.ids : [] }
  const n = tasks.length
  const models: string[] = []
  const modelIndex = new Map<string, number>()
  const out = {
    count: n,
    ids: ids ? tasks.map((t) => t.id) : [],
    models,
    modelOf: new Uint32Array(n),
    weight: new Float64Array(n),
    arrivalS: new Float64Array(n),
    phase: new Uint8Array(n),
    tokens: new Float64Array(n),
    memoryGB: new Float64Array(n),
    tp: new Uint32Array(n),
    inputTokens: new Float64Array(n),
    outputTokens: new Float64Array(n),
  }
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!
    let m = modelIndex.get(t.model)
    if (m === undefined) {
      modelIndex.set(t.model, (m = models.length))
      models.push(t.model)
    }
    out.modelOf[i] = m
    out.weight[i] = t.weight
    out.arrivalS[i] = t.arrivalS
    out.phase[i] = t.phase === 'decode' ? 1 : 0
    out.tokens[i] = t.tokens
    out.memoryGB[i] = t.memoryGB ?? NaN
    out.tp[i] = t.tp ?? 0
    out.inputTokens[i] = t.inputTokens ?? NaN
    out.outputTokens[i] = t.outputTokens ?? NaN
  }
  return out
}

/** The tasks again, each field as the parser made it (optional fields absent, not undefined; ids '' if left out). */
export function unpackTasks(p: PackedTasks): TaskSpec[] {
  const out = new Array<TaskSpec>(p.count)
  for (let i = 0; i < p.count; i++) {
    const id = p.ids[i] ?? ''
    const model = p.models[p.modelOf[i]!]!
    const weight = p.weight[i]!
    const arrivalS = p.arrivalS[i]!
    const phase: Phase = p.phase[i] === 1 ? 'decode' : 'prefill'
    const tokens = p.tokens[i]!
    const memoryGB = p.memoryGB[i]!
    const tp = p.tp[i]!
    const inputTokens = p.inputTokens[i]!
    const outputTokens = p.outputTokens[i]!
    // One literal per shape (no spreads): this builds 100,000 objects while the page waits.
    const hasMemory = !Number.isNaN(memoryGB)
    const hasIn = !Number.isNaN(inputTokens)
    const hasOut = !Number.isNaN(outputTokens)
    if (hasIn && hasOut && !hasMemory && tp === 0) out[i] = { id, model, weight, arrivalS, phase, tokens, inputTokens, outputTokens }
    else if (hasIn || hasOut) {
      // A hand-made task with a request's fields and a job's: rare, so built field by field.
      out[i] = { id, model, weight, arrivalS, phase, tokens, ...(hasMemory && { memoryGB }), ...(tp > 0 && { tp }), ...(hasIn && { inputTokens }), ...(hasOut && { outputTokens }) }
    } else if (hasMemory && tp > 0) out[i] = { id, model, memoryGB, weight, arrivalS, phase, tokens, tp }
    else if (hasMemory) out[i] = { id, model, memoryGB, weight, arrivalS, phase, tokens }
    else if (tp > 0) out[i] = { id, model, weight, arrivalS, phase, tokens, tp }
    else out[i] = { id, model, weight, arrivalS, phase, tokens }
  }
  packings.set(out, p)
  return out
}

function copyOf(p: PackedTasks): PackedTasks {
  return {
    count: p.count,
    ids: p.ids,
    models: p.models,
    modelOf: p.modelOf.slice(),
    weight: p.weight.slice(),
    arrivalS: p.arrivalS.slice(),
    phase: p.phase.slice(),
    tokens: p.tokens.slice(),
    memoryGB: p.memoryGB.slice(),
    tp: p.tp.slice(),
    inputTokens: p.inputTokens.slice(),
    outputTokens: p.outputTokens.slice(),
  }
}

/** The typed arrays of a packing, to transfer rather than copy. */
export function packedBuffers(p: PackedTasks): ArrayBuffer[] {
  return [p.modelOf, p.weight, p.arrivalS, p.phase, p.tokens, p.memoryGB, p.tp, p.inputTokens, p.outputTokens].map((a) => a.buffer as ArrayBuffer)
}
