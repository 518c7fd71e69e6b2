// vitest runs a file in a worker set up for its environment (node or jsdom), and replaces a
// worker whenever the next file in line needs the other one: each new worker imports jsdom, React
// and the engine again. Its default order (slowest files first) mixes the two, which made two
// workers slower than one here. In this order, jsdom files first and then node files (each kind
// slowest first, as vitest orders them), two workers change environment once each and run side
// by side (docs/performance.md, "The unit suite").

import { readFileSync } from 'node:fs'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const usesJsdom = (spec: TestSpecification) => readFileSync(spec.moduleId, 'utf8').slice(0, 300).includes('@vitest-environment jsdom')

export class EnvironmentSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const dom = new Set(sorted.filter(usesJsdom))
    return [...sorted.filter((s) => dom.has(s)), ...sorted.filter((s) => !dom.has(s))]
  }
}
