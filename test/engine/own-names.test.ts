import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { parseClusterName, presetCluster } from '../../src/engine/catalog/clusters.ts'
import { findGpuType } from '../../src/engine/catalog/gpus.ts'
import { findModel } from '../../src/engine/catalog/models.ts'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { builtInWorkload } from '../../src/engine/workloads/presets.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { loadSaved, STORAGE_KEY } from '../../src/store/persistence.ts'
import { decodeScenarioHash, LINK_PREFIX, zipText } from '../../src/sharing/share-link.ts'

/** Names every plain object answers to through its prototype. */
const INHERITED = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable']

const task = { id: 'a', model: 'Qwen3', weight: 1, arrival: 0, phase: 'prefill', tokens: 100 }
const scenarioText = (cluster: unknown) => JSON.stringify({ version: 1, cluster, tasks: [task] })

function cli(args: string[]) {
  let out = ''
  let err = ''
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), readFile: () => '', writeFile: () => {}, outputProblem: () => undefined })
  return { code, out, err }
}

describe('names that are built-in object properties are just unknown names', () => {
  it.each(INHERITED)('catalog lookups: %s', (name) => {
    expect(presetCluster(name)).toBeUndefined()
    expect(findGpuType(name)).toBeUndefined()
    expect(findModel(name)).toBeUndefined()
    expect(builtInWorkload(name)).toBeUndefined()
    expect(() => parseClusterName(name)).toThrow(`unknown cluster '${name}'`)
    expect(() => parseClusterName(`${name}:8`)).toThrow(`unknown GPU type '${name}'`)
  })

  it.each(INHERITED)('--cluster NAME and NAME:8 are usage errors, not crashes: %s', (name) => {
    const preset = cli(['--cluster', name])
    expect(preset.code).toBe(2)
    expect(preset.err).toContain(`unknown cluster '${name}'`)
    const custom = cli(['--cluster', `${name}:8`])
    expect(custom.code).toBe(2)
    expect(custom.err).toContain(`unknown GPU type '${name}'`)
  })

  it.each(INHERITED)('a scenario, link or saved state with cluster %s is refused with a message', (name) => {
    expect(() => parseScenarioJson(scenarioText(name), 's.json')).toThrow(InputError)
    expect(() => parseScenarioJson(scenarioText(name), 's.json')).toThrow(`s.json: cluster = '"${name}"': unknown cluster '${name}'`)
    expect(() => parseScenarioJson(scenarioText({ groups: [{ gpu: name, count: 8 }] }), 's.json')).toThrow(`unknown GPU type '${name}'`)
    expect(() => decodeScenarioHash(`${LINK_PREFIX}1.${zipText(scenarioText(name))}`)).toThrow(InputError)
    const saved = { version: 2, label: 'x', view: {}, scenario: JSON.parse(scenarioText(name)) }
    const { saved: got, notice } = loadSaved({ getItem: (k) => (k === STORAGE_KEY ? JSON.stringify(saved) : null), setItem: () => {} })
    expect(got).toBeNull()
    expect(notice).toContain(`unknown cluster '${name}'`)
  })
})
