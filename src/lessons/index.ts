import { beatSrpt } from './beat-srpt.ts'
import { convoy } from './convoy.ts'
import { holBlocking } from './hol-blocking.ts'
import type { Lesson } from './lesson.ts'
import { little } from './little.ts'
import { load } from './load.ts'
import { packing } from './packing.ts'
import { preemption } from './preemption.ts'
import { seedExperiment } from './seed-experiment.ts'
import { smith } from './smith.ts'
import { starvation } from './starvation.ts'

export type { Lesson, LessonPage, LessonView, Gate } from './lesson.ts'

/** The built-in lessons, in the index's order. Adding one: a file here and a line in this list. */
export const LESSONS: readonly Lesson[] = [convoy, smith, starvation, preemption, holBlocking, packing, little, load, seedExperiment, beatSrpt]

/** A lesson by its id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id)
}
