import type { Chooser, ChoicePoint } from './chooser.ts'
import { createClock } from './clock.ts'
import { KeyedHeap } from './heap.ts'
import { DecisionLog } from './decision-log.ts'
import { computeMetrics } from './metrics.ts'
import { policies, type PolicyLookup } from './policies/registry.ts'
import { createWorkAccount } from './preemption.ts'
import { createReadyQueue } from './ready-queue.ts'
import { ScanQueue } from './scan-queue.ts'
import type { Decision, RunResult, TaskOutcome } from './results.ts'
import { REJECTED, RUNNING, WAITING, type SimulationListener } from './segments.ts'
import { prepareScenario, type PreparedScenario, type SimTask } from './sim-task.ts'
import type { Scenario } from './types.ts'

export interface SimulationOptions {
  /**
   * Jump straight to the next step holding an arrival or a completion (default). Nothing can
   * change in the steps between, so results are identical to stepping every dt.
   */
  readonly skipIdleSteps?: boolean
  /** Keep the decision log (default). Off for benchmarks of the bare loop. */
  readonly recordDecisions?: boolean
  /** Told of every segment as it opens and closes, so a run can be streamed while it goes on. */
  readonly listener?: SimulationListener
  /**
   * Where the algorithm's policy is found (default: the app's registry). A run with policies
   * written by a user passes its own (src/policy-code/run-policies.ts).
   */
  readonly policies?: PolicyLookup
  /**
   * Who makes each start instead of the policy (exact mode, not preemptive): the student's
   * picks replayed (student/replay.ts). The run stops where it answers null.
   */
  readonly chooser?: Chooser
}

export type { SimulationListener }

const NO_RESOURCES: readonly number[] = []

export interface Simulation {
  readonly tasks: readonly SimTask[]
  /** The step the loop is at (the next to run while the run is not over). */
  readonly step: number
  readonly done: boolean
  /** 0..1: the share of the horizon covered (of tasks settled, when the horizon is unlimited). */
  readonly progress: number
  /** Runs the current step (complete, arrive, schedule) and moves to the next; false once the run is over. */
  advance(): boolean
  /** Runs to the end and returns the results. */
  run(): RunResult
}

/**
 * One algorithm on one scenario. The step loop (README "Two modes"): at step k (time t),
 *   1. complete: running tasks whose finish time is <= t free their GPUs (completion = finish);
 *   2. arrive: tasks whose arrival is <= t join the queue, in arrival order;
 *   3. schedule: while the policy's best task fits (with backfill, the best that fits), start it;
 *      preemptive, it may also start by preempting running tasks ranked behind it (see schedule).
 * Steps run while t < max time; tasks still running then complete at their finish time, tasks
 * that never started are unfinished. The mode's preset picks the performance model, capacity
 * model, clock and estimator (modes/mode.ts).
 */
export function createSimulation(
  scenario: Scenario | PreparedScenario,
  algorithm: string,
  options: SimulationOptions = {},
): Simulation {
  const prepared = 'plan' in scenario ? scenario : prepareScenario(scenario)
  return simulate(prepared, algorithm, options)
}

function simulate(prepared: PreparedScenario, algorithm: string, options: SimulationOptions): Simulation {
  const { scenario, preset, cluster, tasks, byArrival, arrivalOf, classOf, tpOf, perfModel } = prepared
  const skipIdle = options.skipIdleSteps ?? true
  const record = options.recordDecisions ?? true
  const listener = options.listener
  const chooser = options.chooser
  if (chooser !== undefined && (preset.name !== 'exact' || scenario.preemptive === true)) throw new Error('a chosen schedule needs exact mode without preemption')
  const backfill = scenario.backfill || !preset.strictAllowed
  const capacity = prepared.plan.createState()
  const policy = (options.policies ?? policies).get(algorithm)
  // Preemptive runs account for each task's work as it runs, stops and runs again.
  const work = scenario.preemptive === true && preset.preemptAllowed && capacity.victims !== undefined ? createWorkAccount(prepared) : null
  // A chooser takes any waiting task, which only the scanned queue can remove.
  const scanned = chooser === undefined ? null : new ScanQueue(prepared, policy)
  const queue = scanned ?? createReadyQueue(prepared, policy, work?.itemOf)
  const clock = createClock(preset.clock, scenario.dtS, scenario.maxTimeS)
  const n = tasks.length

  const arrivalStep = new Int32Array(n).fill(-1)
  const startStep = new Int32Array(n).fill(-1)
  const endStep = new Int32Array(n).fill(-1)
  const startS = new Float64Array(n).fill(NaN)
  const finishS = new Float64Array(n).fill(NaN)
  const gpusOf: (readonly number[])[] = new Array<readonly number[]>(n).fill([])
  const heldOf = new Int32Array(n)
  const indexOf = new Int32Array(n)
  for (let i = 0; i < n; i++) indexOf[i] = i
  // Running tasks by finish time, ties to the lower index.
  let running = new KeyedHeap(finishS, indexOf)
  const log = new DecisionLog()
  /** Whether something arrived or completed at this step: only then may a task preempt. */
  let eventStep = false
  const canPlace = work === null ? (classId: number) => capacity.canPlace(classId) : (classId: number, task: number) => capacity.canPlace(classId) || (eventStep && victimsFor(task) !== null)
  let nextArrival = 0
  let executedSteps = 0
  /** First step the run did not cover: the horizon, or the step after the last event. */
  let stopStep = 0
  let over = false
  /** The chooser stopped the run (at the step the loop is at). */
  let halted = false
  let result: RunResult | undefined

  function complete(): boolean {
    let any = false
    while (running.size > 0 && clock.reached(finishS[running.peek()]!)) {
      const i = running.pop()
      endStep[i] = clock.step
      capacity.release(gpusOf[i]!)
      work?.completed(i, finishS[i]!)
      listener?.close(i, RUNNING, clock.step, finishS[i]!)
      any = true
    }
    return any
  }

  function arrive(): boolean {
    const first = nextArrival
    while (nextArrival < n && clock.reached(arrivalOf[byArrival[nextArrival]!]!)) {
      const i = byArrival[nextArrival++]!
      arrivalStep[i] = clock.step
      if (classOf[i]! >= 0) {
        queue.push(i)
        listener?.open(i, WAITING, clock.step, arrivalOf[i]!, NO_RESOURCES, NaN)
      } else if (listener !== undefined) {
        listener.open(i, REJECTED, clock.step, arrivalOf[i]!, NO_RESOURCES, arrivalOf[i]!)
        listener.close(i, REJECTED, clock.step, arrivalOf[i]!)
      }
    }
    return nextArrival > first
  }

  function schedule(changed: boolean): void {
    capacity.beginSchedule(running.size)
    const freeGpus = capacity.freeGpuCount()
    eventStep = changed
    while (queue.size > 0) {
      let node = -1
      let i: number
      if (scanned === null) i = queue.pick(canPlace, backfill, clock.timeS)
      else {
        const choice = choose(scanned.items)
        if (choice === 'halt') return
        i = choice?.task ?? -1
        node = choice?.node ?? -1
      }
      // A wait is news only on a step where something arrived or completed (other steps repeat
      // it), and only while some GPU is free (with none free, waiting needs no explanation).
      if (i < 0) {
        if (record && changed && capacity.freeGpuCount() > 0) decide(-1, freeGpus)
        return
      }
      if (record) decide(i, freeGpus)
      queue.take(i)
      if (work !== null && !capacity.canPlace(classOf[i]!)) preempt(victimsFor(i)!)
      const gpus = node >= 0 ? capacity.placeOn!(classOf[i]!, node) : capacity.place(classOf[i]!)
      gpusOf[i] = gpus
      heldOf[i] = gpus.length
      // Never before its arrival, which the clock's tolerance may place a hair after the step.
      const runFrom = Math.max(clock.timeS, arrivalOf[i]!)
      if (startStep[i]! < 0) {
        startStep[i] = clock.step
        startS[i] = runFrom
      }
      // The performance model sees where the task runs: its duration may depend on the GPUs.
      finishS[i] = runFrom + (work === null ? perfModel.durationS(i, tpOf[i]!, gpus) : work.runS(i, tpOf[i]!, gpus))
      work?.started(i, runFrom, finishS[i]!)
      running.push(i)
      if (listener !== undefined) {
        listener.close(i, WAITING, clock.step, runFrom)
        listener.open(i, RUNNING, clock.step, runFrom, gpus, finishS[i]!)
      }
    }
  }

  /**
   * The chooser's start at this schedule stage: null when no waiting task fits (no decision
   * point), 'halt' when it stops the run. What it returns must be a waiting task that fits.
   */
  function choose(items: readonly number[]): { task: number; node: number } | null | 'halt' {
    if (!items.some((t) => capacity.canPlace(classOf[t]!))) return null
    const roomFor = (task: number) => capacity.nodesOf!(classOf[task]!)
    const point: ChoicePoint = { step: clock.step, timeS: clock.timeS, waiting: [...items].sort((a, b) => prepared.orderOf[a]! - prepared.orderOf[b]!), freeGpus: capacity.freeGpuCount(), roomFor }
    const choice = chooser!.choose(point)
    if (choice === null) {
      halted = true
      return 'halt'
    }
    const room = roomFor(choice.task).nodes.find((r) => r.node === choice.node)
    if (!items.includes(choice.task) || room === undefined || room.free < tpOf[choice.task]!) throw new Error(`the chooser picked task ${choice.task} on node ${choice.node}, which is not a free place for it`)
    return choice
  }

  /**
   * Preemptive runs: the running tasks to preempt so that waiting task `task` fits, or null. The
   * candidates are the running tasks the policy ranks behind it now (remaining work as it
   * stands), last-ranked first; the capacity model picks among them (capacity/preempt.ts).
   */
  function victimsFor(task: number): number[] | null {
    const now = clock.timeS
    const mine = work!.itemOf(task, now)
    const behind = running
      .toArray()
      .map((r) => ({ r, item: work!.itemOf(r, now) }))
      .filter((x) => policy.compare(mine, x.item) < 0)
      .sort((a, b) => policy.compare(b.item, a.item))
    return capacity.victims!(classOf[task]!, behind.map((x) => ({ task: x.r, gpus: gpusOf[x.r]! })))
  }

  /** Stops the victims' runs: their GPUs free, they wait again with the rest of their work. */
  function preempt(victims: readonly number[]): void {
    const now = clock.timeS
    for (const v of victims) {
      work!.preempted(v, now)
      capacity.release(gpusOf[v]!)
      queue.push(v)
      if (listener !== undefined) {
        listener.close(v, RUNNING, clock.step, now)
        listener.open(v, WAITING, clock.step, now, NO_RESOURCES, NaN)
      }
    }
    // A heap has no removal: built again without them (preemptions are rare).
    const keep = running.toArray().filter((r) => !victims.includes(r))
    running = new KeyedHeap(finishS, indexOf)
    for (const r of keep) running.push(r)
  }

  function decide(task: number, freeGpus: number): void {
    const from = log.passed.length
    queue.passedOver(task, backfill, log.passed)
    log.add(clock.step, clock.timeS, task, freeGpus, queue.size, from)
    listener?.decided(clock.step, task, freeGpus, queue.size, log.passed.data.subarray(from, log.passed.length))
  }

  function nextEventTime(): number {
    const arrival = nextArrival < n ? arrivalOf[byArrival[nextArrival]!]! : Infinity
    const completion = running.size > 0 ? finishS[running.peek()]! : Infinity
    return Math.min(arrival, completion)
  }

  function finish(nextStep: number): void {
    over = true
    stopStep = nextStep
    // Tasks still running at the horizon complete at their finish time, as in the reference;
    // the earliest a complete stage could free them is the step after the last one run.
    while (running.size > 0) {
      const i = running.pop()
      endStep[i] = Math.max(clock.step, clock.stepReaching(finishS[i]!))
      work?.completed(i, finishS[i]!)
      listener?.close(i, RUNNING, endStep[i]!, finishS[i]!)
    }
  }

  function advance(): boolean {
    if (over) return false
    if (!clock.beforeHorizon()) {
      finish(clock.step)
      return false
    }
    executedSteps += 1
    const completed = complete()
    const arrived = arrive()
    schedule(completed || arrived)
    if (halted) {
      over = true
      stopStep = clock.step
      return false
    }
    const nothingPending = nextArrival >= n && running.size === 0
    // Settled (all done) or stuck (waiting tasks with nothing left to free GPUs for them).
    if (nothingPending) {
      finish(clock.step + 1)
      return false
    }
    if (skipIdle) clock.advanceTo(nextEventTime())
    else clock.next()
    return true
  }

  function buildOutcomes(): TaskOutcome[] {
    return tasks.map((t, i) => {
      const started = startStep[i]! >= 0
      // Without preemption every task that started completes (at the horizon if not before).
      const completed = started && (work === null || work.finished(i))
      return {
        index: i,
        id: t.spec.id,
        status: t.rejection !== null ? 'rejected' : completed ? 'completed' : 'unfinished',
        tp: t.tp,
        gpus: gpusOf[i]!,
        arrivalStep: arrivalStep[i]!,
        startStep: startStep[i]!,
        startS: started ? startS[i]! : null,
        endStep: endStep[i]!,
        completionS: completed ? finishS[i]! : null,
        rejection: t.rejection,
      }
    })
  }

  function buildResult(): RunResult {
    let outcomes: TaskOutcome[] | undefined
    let decisions: Decision[] | undefined
    // A task preempted and never resumed by the horizon counts as unfinished (no start for the metrics).
    const started = work === null ? startS : startS.map((x, i) => (work.finished(i) ? x : NaN))
    const metrics = computeMetrics(
      { weight: prepared.weightOf, arrivalS: arrivalOf, startS: started, completionS: finishS, gpuCount: heldOf, rejectedCount: prepared.rejectedCount, ...(work !== null && { heldS: work.heldS }) },
      cluster.gpus.length,
    )
    return {
      algorithm,
      mode: scenario.mode,
      dtS: scenario.dtS,
      gpuCount: cluster.gpus.length,
      // Both built on first use: the metrics come from the columns, and most callers (CLI
      // summaries, benchmarks) never read every task or decision.
      get tasks() {
        outcomes ??= buildOutcomes()
        return outcomes
      },
      get decisions() {
        decisions ??= log.toDecisions()
        return decisions
      },
      steps: stopStep,
      executedSteps,
      metrics,
    }
  }

  return {
    tasks,
    get step() {
      return clock.step
    },
    get done() {
      return over
    },
    get progress() {
      if (over) return 1
      if (Number.isFinite(scenario.maxTimeS)) return Math.min(1, clock.timeS / scenario.maxTimeS)
      return n > 0 ? (nextArrival - queue.size - running.size) / n : 1
    },
    advance,
    run(): RunResult {
      while (advance()) {
        /* each call runs one step */
      }
      result ??= buildResult()
      return result
    },
  }
}

/** Runs one algorithm to the end. */
export function runSimulation(
  scenario: Scenario | PreparedScenario,
  algorithm: string,
  options?: SimulationOptions,
): RunResult {
  return createSimulation(scenario, algorithm, options).run()
}

/** Runs each algorithm on the same scenario, preparing its tasks once. */
export function runAlgorithms(
  scenario: Scenario | PreparedScenario,
  algorithms: readonly string[],
  options?: SimulationOptions,
): Map<string, RunResult> {
  const prepared = 'plan' in scenario ? scenario : prepareScenario(scenario)
  return new Map(algorithms.map((a) => [a, runSimulation(prepared, a, options)]))
}
