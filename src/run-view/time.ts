import { timeOfStep } from '../engine/clock.ts'
import { presetOf } from '../engine/modes/mode.ts'
import type { Scenario } from '../engine/types.ts'

/** What turning steps into seconds needs of a scenario. */
export type Timed = Pick<Scenario, 'mode' | 'dtS'>

/** Step → seconds on the scenario's clock (its mode's: exact k × dt, or the reference's float sum). */
export function timeAt(scenario: Timed, step: number): number {
  return timeOfStep(presetOf(scenario.mode).clock, scenario.dtS, step)
}

/** timeAt as a function of the step alone. */
export function stepTimes(scenario: Timed): (step: number) => number {
  const clock = presetOf(scenario.mode).clock
  return (step) => timeOfStep(clock, scenario.dtS, step)
}

/**
 * The end of a time window reaching step k: its time with the float noise of a summed clock
 * rounded off (12 significant digits), so an axis over a reference-mode run still ends on 3.0
 * rather than 2.99999999999998.
 */
export function windowEndS(scenario: Timed, step: number): number {
  return Number(timeAt(scenario, step).toPrecision(12))
}
